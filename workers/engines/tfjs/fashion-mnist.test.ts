import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTinyFashionMnist } from "@/tests/helpers/tiny-idx";
import { createTfjsEngine } from "./engine";
import { planTfjsTask } from "./task";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "lrbench-tfjs-fmnist-"));
  await writeTinyFashionMnist(path.join(dataDir, "fashion-mnist"), 300, 100);
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe("tfjs engine on fashion-mnist smoke", { timeout: 120_000 }, () => {
  it("plans the whole smoke tier (60,000 images, batch 128) from --data DIR/fashion-mnist, and no other tier", () => {
    const plan = planTfjsTask({ taskId: "fashion-mnist", tier: "smoke", seed: 0, dataDir });
    expect(plan).toMatchObject({ kind: "fashion-mnist", dir: path.join(dataDir, "fashion-mnist"), trainSize: 60_000, testSize: 10_000, batchSize: 128 });
    expect(() => planTfjsTask({ taskId: "fashion-mnist", tier: "short", seed: 0, dataDir })).toThrow(/fashion-mnist short needs small CNN.*--engine torch/);
  });

  it("learns the tiny IDX set with a softmax regression and plain SGD, reporting train and test accuracy and loss", async () => {
    const engine = createTfjsEngine({ backend: "cpu" });
    try {
      const setup = await engine.setup({ taskId: "fashion-mnist", tier: "smoke", seed: 0, dataDir });
      expect(setup).toEqual({ epochs: 6, itersPerEpoch: 3, trainSamples: 300 });
      const first = await engine.trainEpoch(() => 0.1);
      let last = first;
      for (let epoch = 0; epoch < 4; epoch++) last = await engine.trainEpoch(() => 0.1);
      expect(mean(last.losses)).toBeLessThan(mean(first.losses));
      expect(last.metrics!.train_acc).toBeGreaterThan(0.8);
      const metrics = await engine.evaluate();
      expect(Object.keys(metrics).sort()).toEqual(["test_acc", "test_loss"]);
      expect(metrics.test_acc!).toBeGreaterThan(0.8);
    } finally {
      await engine.close();
    }
  });

  it("keeps training through a loss that overflows: NaN is a loss value, not a crash", async () => {
    const engine = createTfjsEngine({ backend: "cpu" });
    try {
      await engine.setup({ taskId: "fashion-mnist", tier: "smoke", seed: 0, dataDir });
      const result = await engine.trainEpoch(() => 1e37);
      expect(result.losses.some((loss) => !Number.isFinite(loss))).toBe(true);
      await expect(engine.evaluate()).resolves.toHaveProperty("test_acc");
    } finally {
      await engine.close();
    }
  });
});
