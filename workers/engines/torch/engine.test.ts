import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTinyCifar } from "@/tests/helpers/tiny-cifar";
import type { Engine } from "../types";
import { createTorchEngine } from "./engine";
import { openOnnx } from "../../onnx";
import { planTorchTask, runnableTasks } from "./plan";

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const SIZES = { train: 600, test: 200 };

let dataDir: string;
const opened: Engine[] = [];
function engine(options: Parameters<typeof createTorchEngine>[0] = {}): Engine {
  const e = createTorchEngine({ device: "cpu", sizes: SIZES, ...options });
  opened.push(e);
  return e;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "lrbench-torch-test-"));
  await writeTinyCifar(path.join(dataDir, "cifar10"));
});
afterAll(async () => {
  await Promise.all(opened.map((e) => e.close()));
  await rm(dataDir, { recursive: true, force: true });
});

describe("torch engine", () => {
  it("names PyTorch, its version and the CPU", async () => {
    const info = await engine().info();
    expect(info.engine).toBe("torch");
    expect(info.backend).toBe("cpu");
    expect(info.device).toMatch(/^cpu: .+ \(\d+ cores/);
    expect(info.versions.torch).toMatch(/^\d+\.\d+/);
  });

  it("trains ps10-noise smoke at exactly the rates it is given: rate 0 changes nothing, 0.1 lowers the loss", async () => {
    const e = engine();
    const setup = await e.setup({ taskId: "ps10-noise", tier: "smoke", seed: 3 });
    expect(setup).toEqual({ epochs: 30, itersPerEpoch: Math.ceil(SIZES.train / 32), trainSamples: SIZES.train });
    const before = await e.evaluate();
    const frozen = await e.trainEpoch(() => 0);
    expect(frozen.losses).toHaveLength(setup.itersPerEpoch);
    expect(await e.evaluate()).toEqual(before);

    const first = await e.trainEpoch(() => 0.1);
    for (let epoch = 0; epoch < 6; epoch++) await e.trainEpoch(() => 0.1);
    const last = await e.trainEpoch(() => 0.1);
    expect(mean(last.losses)).toBeLessThan(mean(first.losses));
    const metrics = await e.evaluate();
    for (const name of ["test_acc", "test_acc_simple", "test_acc_complex", "train_acc_simple", "train_acc_complex", "train_acc_noise"]) {
      expect(metrics[name], name).toBeGreaterThanOrEqual(0);
    }
    expect(metrics.test_acc!).toBeGreaterThan(0.1);
  });

  it("trains ps10-noise smoke on the Fourier-feature MLP: 6 inputs, 256 features, 10 logits, exported with its projection", async () => {
    const e = engine({ sizes: { train: 64, test: 16 } });
    await e.setup({ taskId: "ps10-noise", tier: "smoke", seed: 0 });
    const dir = await mkdtemp(path.join(os.tmpdir(), "lrbench-torch-smoke-"));
    const { onnx } = await e.transfer!.snapshot(dir, "smoke");
    const model = await openOnnx(onnx!);
    const inputs = new Float32Array(3 * 6).map((_, i) => (i % 7) / 7);
    const logits = await model.outputs(inputs, 3, [6]);
    const features = await model.outputs(inputs, 3, [6], { output: "features" });
    await model.release();
    await rm(dir, { recursive: true });
    expect([logits.dim, features.dim]).toEqual([10, 256]);
  });

  it("plans WRN-16-4 and WRN-28-10 with 6 input channels on the image form for ps10-noise short and full, and trains the first", async () => {
    expect(planTorchTask({ taskId: "ps10-noise", tier: "short", seed: 0 }).model).toEqual({ name: "wrn", depth: 16, widen: 4, classes: 10, inChannels: 6 });
    expect(planTorchTask({ taskId: "ps10-noise", tier: "full", seed: 0 })).toMatchObject({
      model: { name: "wrn", depth: 28, widen: 10, classes: 10, inChannels: 6 },
      data: { kind: "ps10", form: "image", height: 32, width: 32 },
    });
    const e = engine({ sizes: { train: 8, test: 4 } });
    expect(await e.setup({ taskId: "ps10-noise", tier: "short", seed: 0 })).toMatchObject({ epochs: 60, trainSamples: 8 });
    expect((await e.trainEpoch(() => 0.01)).losses.every(Number.isFinite)).toBe(true);
    expect((await e.evaluate()).test_acc).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it("steps in lockstep when the rates depend on the losses, and a rate change mid-epoch takes effect", async () => {
    const e = engine();
    const { itersPerEpoch } = await e.setup({ taskId: "ps10-noise", tier: "smoke", seed: 1 });
    const seen: number[] = [];
    const asked: number[] = [];
    // One step at 0.5, then rate 0: if later rates were ignored, evaluation after a second frozen epoch would move.
    await e.trainEpoch(
      (i) => {
        asked.push(i);
        return i === 0 ? 0.5 : 0;
      },
      (i, loss) => {
        expect(Number.isFinite(loss)).toBe(true);
        seen.push(i);
      },
    );
    expect(asked).toEqual([...Array(itersPerEpoch).keys()]);
    expect(seen).toEqual([...Array(itersPerEpoch - 1).keys()]);
    const after = await e.evaluate();
    await e.trainEpoch(() => 0, () => undefined);
    expect(await e.evaluate()).toEqual(after);
  });

  it("stops a lockstep epoch when asking for the next rate throws, and stays usable", async () => {
    const e = engine();
    await e.setup({ taskId: "ps10-noise", tier: "smoke", seed: 1 });
    const stop = new Error("worker stopping");
    await expect(e.trainEpoch((i) => { if (i === 2) throw stop; return 0.1; }, () => undefined)).rejects.toBe(stop);
    await expect(e.trainEpoch(() => 0.1)).resolves.toMatchObject({ samples: SIZES.train });
  });

  it("rejects a rate that is not a finite number before training", async () => {
    const e = engine();
    await e.setup({ taskId: "ps10-noise", tier: "smoke", seed: 0 });
    await expect(e.trainEpoch((i) => (i === 3 ? Number.NaN : 0.1))).rejects.toThrow("lrAt(3) gave NaN; a rate must be a finite number");
  });

  it("says what data a task needs when the folder lacks it", async () => {
    await expect(engine().setup({ taskId: "cifar10-wrn", tier: "smoke", seed: 0 })).rejects.toThrow(/cifar10-wrn needs its data: start the worker with --data DIR/);
    const empty = await mkdtemp(path.join(os.tmpdir(), "lrbench-empty-"));
    await expect(engine().setup({ taskId: "cifar10-wrn", tier: "smoke", seed: 0, dataDir: empty })).rejects.toThrow(/no CIFAR-10 binaries under/);
    await expect(engine().setup({ taskId: "imagenet-subset-transfer", tier: "smoke", seed: 0, dataDir: empty })).rejects.toThrow(/no ImageNet-style folder/);
    await rm(empty, { recursive: true });
    const noPackage = path.join(dataDir, "no-such-package");
    expect(runnableTasks(undefined, noPackage)).toEqual(["ps10-noise"]);
    expect(runnableTasks(dataDir, noPackage)).toEqual(["ps10-noise", "cifar10-wrn"]);
  });

  it("reports a corrupt CIFAR file by name", async () => {
    const bad = await mkdtemp(path.join(os.tmpdir(), "lrbench-bad-cifar-"));
    await writeTinyCifar(bad, 10, 10);
    await writeFile(path.join(bad, "test_batch.bin"), new Uint8Array(100));
    await expect(engine().setup({ taskId: "cifar10-wrn", tier: "smoke", seed: 0, dataDir: bad })).rejects.toThrow(/test_batch\.bin: 100 bytes is not a whole number of 3073-byte CIFAR-10 records/);
    await rm(bad, { recursive: true });
  });

  it("learns a tiny CIFAR-format set on WRN-10-1 with augmentation, reporting train and test accuracy", async () => {
    const e = engine({ sizes: { train: 300, test: 100 } });
    const setup = await e.setup({ taskId: "cifar10-wrn", tier: "smoke", seed: 0, dataDir });
    expect(setup).toMatchObject({ epochs: 10, trainSamples: 300, itersPerEpoch: 3 });
    let result;
    for (let epoch = 0; epoch < 8; epoch++) result = await e.trainEpoch(() => 0.05);
    expect(result!.metrics!.train_acc).toBeGreaterThan(0.5);
    const metrics = await e.evaluate();
    expect(Object.keys(metrics).sort()).toEqual(["test_acc", "test_loss"]);
    // Colour alone separates the classes: far above chance (0.1) once trained.
    expect(metrics.test_acc!).toBeGreaterThan(0.5);
  }, 120_000);
});
