import { describe, expect, it } from "vitest";
import { transferability } from "./transfer";

describe("transferability", () => {
  it("reproduces the paper's check: Caltech-256 finetune, (82.73 - 77.87) / (69.33 - 54.01) = 0.32", () => {
    const out = transferability([
      { sourceAcc: 54.01, targetAcc: 77.87 },
      { sourceAcc: 69.33, targetAcc: 82.73 },
    ]);
    expect(out[0]).toBeNull();
    expect(out[1]).toBeCloseTo(0.3172, 4);
    expect(Math.round(out[1]! * 100) / 100).toBe(0.32);
  });

  it("is the same for fractions as for percentages", () => {
    const [, r] = transferability([
      { sourceAcc: 0.5401, targetAcc: 0.7787 },
      { sourceAcc: 0.6933, targetAcc: 0.8273 },
    ]);
    expect(r).toBeCloseTo(0.3172, 4);
  });

  it("takes each stage against the one before it, null where the source accuracy did not move", () => {
    expect(
      transferability([
        { sourceAcc: 0.4, targetAcc: 0.5 },
        { sourceAcc: 0.6, targetAcc: 0.6 },
        { sourceAcc: 0.6, targetAcc: 0.7 },
        { sourceAcc: 0.7, targetAcc: 0.65 },
      ]),
    ).toEqual([null, expect.closeTo(0.5, 12), null, expect.closeTo(-0.5, 12)]);
    expect(transferability([])).toEqual([]);
    expect(transferability([{ sourceAcc: 0.5, targetAcc: 0.5 }])).toEqual([null]);
  });
});
