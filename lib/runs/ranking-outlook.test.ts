import { describe, expect, it } from "vitest";
import { rankingOutlook } from "./ranking-outlook";

describe("an upload's ranking outlook", () => {
  it("is not ranked without a schedule, and says so", () => {
    const outlook = rankingOutlook({ scheduleName: null, taskId: "ps10-noise", tier: "smoke", epochs: 30, seed: "" });
    expect(outlook.ranked).toBe(false);
    expect(outlook.text).toMatch(/^Not ranked: without the schedule/);
  });

  it("names the schedule, the tier's budget and the seeds a row needs", () => {
    const outlook = rankingOutlook({ scheduleName: "Cosine", taskId: "ps10-noise", tier: "short", epochs: 60, seed: "" });
    expect(outlook.ranked).toBe(true);
    expect(outlook.text).toContain("as a seed of 'Cosine'");
    expect(outlook.text).toContain("at most 60 epochs, the short tier's budget");
    expect(outlook.text).toContain("Give its seed");
    expect(rankingOutlook({ scheduleName: "Cosine", taskId: "ps10-noise", tier: "short", epochs: 60, seed: "2" }).text).not.toContain("Give its seed");
  });
});
