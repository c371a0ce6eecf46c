import { describe, expect, it } from "vitest";
import { transferability } from "../tasks/transfer";
import { REPORTED_TRANSFER, reportedFor, reportedForSchedule } from "./figures";

describe("reported figures", () => {
  it("keeps table 2's quoted row consistent with the transferability the analyses compute", () => {
    for (const row of REPORTED_TRANSFER) {
      const stages = row.sourceAcc.map((sourceAcc, i) => ({ sourceAcc, targetAcc: row.targetAcc[i] }));
      const computed = transferability(stages).slice(1).map((t) => Math.round(t! * 100) / 100);
      expect(computed).toEqual(row.transferability);
    }
  });

  it("finds a task's figures and a schedule's by its idea, not by chance words", () => {
    expect(reportedFor("imagenet-subset-transfer").map((f) => f.label)).toEqual(["StepDecay, 90 epochs", "AutoDecay, 81 epochs"]);
    expect(reportedFor("ps10-noise")).toEqual([]);
    expect(reportedFor("fashion-mnist").map((f) => f.accuracy)).toEqual([0.916, 0.949, 0.967]);
    expect(reportedForSchedule("imagenet-subset-transfer", { name: "AutoDecay", kind: "autoDecay" })?.accuracy).toBe(0.7591);
    expect(reportedForSchedule("cifar10-wrn", { name: "StepDecay (WRN reference)", kind: "multiStep" })?.model).toBe("WRN-28-10");
    expect(reportedForSchedule("cifar10-wrn", { name: "Cosine", kind: "cosine" })).toBeUndefined();
  });
});
