import { describe, expect, it } from "vitest";
import { createTfjsEngine } from "./engine";
import { planTfjsTask } from "./task";

describe("planTfjsTask", () => {
  it("takes the smoke tier's sizes and batch from the catalog, or the override", () => {
    const plan = planTfjsTask({ taskId: "ps10-noise", tier: "smoke", seed: 1 });
    expect([plan.trainSize, plan.testSize, plan.batchSize, plan.tier.epochs]).toEqual([5000, 1000, 32, 30]);
    const small = planTfjsTask({ taskId: "ps10-noise", tier: "smoke", seed: 1 }, { train: 700 });
    expect([small.trainSize, small.testSize]).toEqual([700, 1000]);
  });

  it("sends the WideResNet tiers of ps10-noise to the torch engine", () => {
    expect(() => planTfjsTask({ taskId: "ps10-noise", tier: "short", seed: 1 })).toThrow(/smoke tiers of ps10-noise and fashion-mnist only; ps10-noise short needs WRN-16-4.*--engine torch/);
    expect(() => planTfjsTask({ taskId: "ps10-noise", tier: "full", seed: 1 })).toThrow(/smoke tiers of ps10-noise and fashion-mnist only; ps10-noise full needs WRN-28-10.*--engine torch/);
  });

  it("sends the other tasks to the torch engine and rejects unknown ones", () => {
    for (const taskId of ["cifar10-wrn", "imagenet-subset-transfer"]) {
      expect(() => planTfjsTask({ taskId, tier: "smoke", seed: 1 })).toThrow(new RegExp(`does not run ${taskId}; use the torch engine`));
    }
    expect(() => planTfjsTask({ taskId: "mnist", tier: "smoke", seed: 1 })).toThrow(/unknown task "mnist"/);
  });

  it("makes setup reject, and training before setup fail", async () => {
    const engine = createTfjsEngine({ backend: "cpu" });
    await expect(engine.setup({ taskId: "cifar10-wrn", tier: "smoke", seed: 1 })).rejects.toThrow(/torch engine/);
    await expect(engine.trainEpoch(() => 0.1)).rejects.toThrow(/setup\(\) first/);
    await engine.close();
  });
});
