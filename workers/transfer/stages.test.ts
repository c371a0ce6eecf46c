import { describe, expect, it } from "vitest";
import type { TransferSupport } from "../engines/types";
import { StageRecorder } from "./stages";

function recorder(options: { cycleEnds?: boolean } = {}) {
  const kept: [string, number][] = [];
  const support: TransferSupport = {
    snapshot: async (dir, name) => ({ weights: `${dir}/${name}.pt`, onnx: `${dir}/${name}.onnx` }),
    probe: async () => {
      throw new Error("not used");
    },
    finetune: async () => 0,
  };
  return { kept, stages: new StageRecorder((dir, name) => support.snapshot(dir, name), "/tmp/s", async (_files, name, epoch) => void kept.push([`${name}.onnx`, epoch]), options) };
}

describe("StageRecorder", () => {
  it("ends a stage before each step decay and at the end, not along a cosine", async () => {
    const { kept, stages } = recorder();
    const rates = [0.1, 0.1, 0.1, 0.01, 0.01, 0.001];
    for (let epoch = 0; epoch < rates.length; epoch++) {
      await stages.afterEpoch(epoch, rates[epoch], rates[epoch + 1] ?? rates[epoch], { decayed: false, last: epoch === rates.length - 1 });
    }
    expect(kept).toEqual([["stage-1-epoch-2.onnx", 2], ["stage-2-epoch-4.onnx", 4], ["stage-3-epoch-5.onnx", 5]]);
    expect(stages.stages.map((s) => s.epoch)).toEqual([2, 4, 5]);

    const cosine = recorder();
    const lr = (e: number) => 0.05 * (1 + Math.cos((Math.PI * e) / 10));
    for (let epoch = 0; epoch < 10; epoch++) await cosine.stages.afterEpoch(epoch, lr(epoch), lr(epoch + 1), { decayed: false, last: epoch === 9 });
    expect(cosine.kept.map(([, epoch]) => epoch)).toEqual([9]);
  });

  it("ends a stage where an adaptive schedule announced a decay, whatever the rates say", async () => {
    const { kept, stages } = recorder();
    await stages.afterEpoch(0, 0.1, 0.1, { decayed: false, last: false });
    await stages.afterEpoch(1, 0.1, 0.095, { decayed: true, last: false });
    await stages.afterEpoch(2, 0.095, 0.095, { decayed: false, last: true });
    expect(kept.map(([, epoch]) => epoch)).toEqual([1, 2]);
  });

  it("ends a stage at the end of each cycle of a cyclical schedule only when asked", async () => {
    // Triangular CLR, a cycle of 4 epochs: 0.01 up to 0.1 and back.
    const rates = [0.01, 0.055, 0.1, 0.055, 0.01, 0.055, 0.1, 0.055, 0.01];
    for (const cycleEnds of [false, true]) {
      const { kept } = recorder({ cycleEnds });
      const stages = recorder({ cycleEnds });
      for (let epoch = 0; epoch < rates.length; epoch++) {
        await stages.stages.afterEpoch(epoch, rates[epoch], rates[epoch + 1] ?? rates[epoch], { decayed: false, last: epoch === rates.length - 1 });
      }
      expect(kept).toEqual([]);
      expect(stages.kept.map(([, epoch]) => epoch)).toEqual(cycleEnds ? [4, 8] : [8]);
    }
  });
});
