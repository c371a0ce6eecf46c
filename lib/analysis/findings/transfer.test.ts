import { describe, expect, it } from "vitest";
import { transferFindings } from "./transfer";

// Source accuracy 0.3 -> 0.6 -> 0.7 over three snapshots (epochs 10, 20, 30).
const seed = (targets: [number, number, number]) => ({
  test_acc: [[10, 0.3], [20, 0.6], [30, 0.7]] as [number, number][],
  "transfer/finetune/caltech": [[10, targets[0]], [20, targets[1]], [30, targets[2]]] as [number, number][],
});

describe("transferFindings", () => {
  it("shows the paper's effect when the last stage bought less target accuracy per source point", () => {
    // Stage 2: target +0.15 on source +0.3 (0.5); stage 3: +0.01 on +0.1 (0.1), give or take a seed.
    const [finding] = transferFindings("StepDecay", [seed([0.5, 0.65, 0.66]), seed([0.5, 0.66, 0.67]), seed([0.5, 0.64, 0.652])]);
    expect(finding.question).toBe("StepDecay, caltech (finetune): did later stages transfer less?");
    expect(finding.sentences[0]).toMatch(/^Stage 2 turned each point of source accuracy into 0\.50 \[0\.\d\d, 0\.\d\d\] points on caltech and stage 3 into 0\.11 \[/);
    expect(finding.verdict).toBe("shown");
  });

  it("says so when later stages transferred more, and when one seed gives no interval", () => {
    const [reversed] = transferFindings("S", [seed([0.5, 0.53, 0.6]), seed([0.5, 0.54, 0.61]), seed([0.5, 0.52, 0.6])]);
    expect(reversed.verdict).toBe("reversed");
    const [single] = transferFindings("S", [seed([0.5, 0.65, 0.66])]);
    expect(single.verdict).toBe("tooFewSeeds");
    expect(single.sentences[0]).toContain("over 1 seed: one seed gives no interval");
  });

  it("needs three stages to compare", () => {
    const [finding] = transferFindings("S", [{ test_acc: [[10, 0.3], [20, 0.6]], "transfer/fix/cub": [[10, 0.2], [20, 0.3]] }]);
    expect(finding).toMatchObject({ verdict: "noData", conclusion: expect.stringContaining("at least 3 stages") });
  });
});
