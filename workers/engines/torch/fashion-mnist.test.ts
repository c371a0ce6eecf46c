import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FASHION_MNIST_FILES } from "@/lib/tasks/fashion-mnist";
import { writeTinyFashionMnist } from "@/tests/helpers/tiny-idx";
import { accuracy, argmaxRows } from "@/lib/tasks/accuracy";
import { openOnnx } from "../../onnx";
import { verificationTestSet } from "../../verify";
import type { Engine } from "../types";
import { createTorchEngine } from "./engine";
import { planTorchTask, runnableTasks, unavailableTasks } from "./plan";

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
let dataDir: string;
const opened: Engine[] = [];
function engine(sizes = { train: 300, test: 100 }): Engine {
  const e = createTorchEngine({ device: "cpu", sizes });
  opened.push(e);
  return e;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "lrbench-torch-fmnist-"));
  await writeTinyFashionMnist(path.join(dataDir, "fashion-mnist"));
});
afterAll(async () => {
  await Promise.all(opened.map((e) => e.close()));
  await rm(dataDir, { recursive: true, force: true });
});

describe("torch engine on fashion-mnist", () => {
  it("plans a softmax regression with plain SGD for smoke, a small CNN for short and a ResNet-18 on 1 channel for full", () => {
    const task = { taskId: "fashion-mnist", seed: 0, dataDir } as const;
    const dir = path.join(dataDir, "fashion-mnist");
    expect(planTorchTask({ ...task, tier: "smoke" })).toMatchObject({
      momentum: 0, weightDecay: 0, batchSize: 128, model: { name: "linear", inputs: 784, classes: 10 },
      data: { kind: "fashion-mnist", dir, trainSize: 60_000, testSize: 10_000, augment: "none", normalisation: { mean: [0.2860406], std: [0.3530242] } },
    });
    expect(planTorchTask({ ...task, tier: "short" })).toMatchObject({ momentum: 0.9, model: { name: "small-cnn", inChannels: 1 }, data: { augment: "none" } });
    expect(planTorchTask({ ...task, tier: "full" })).toMatchObject({ model: { name: "resnet", depth: 18, inChannels: 1, smallInput: true }, data: { augment: "crop" } });
  });

  it("is runnable with --data DIR/fashion-mnist or the package's folder, and otherwise says how to install it", () => {
    const noPackage = path.join(dataDir, "no-package");
    expect(runnableTasks(dataDir, noPackage)).toContain("fashion-mnist");
    expect(runnableTasks(undefined, path.join(dataDir, "fashion-mnist"))).toContain("fashion-mnist");
    expect(runnableTasks(undefined, noPackage)).not.toContain("fashion-mnist");
    expect(unavailableTasks(undefined, noPackage).find((t) => t.taskId === "fashion-mnist")?.reason).toMatch(/apt-get install dataset-fashion-mnist/);
    expect(unavailableTasks(dataDir, noPackage).map((t) => t.taskId)).toEqual(["cifar10-wrn", "imagenet-subset-transfer"]);
  });

  it("learns the tiny IDX set with the smoke softmax regression; its ONNX export, verified on the test set, scores what the engine measured", async () => {
    const e = engine();
    const setup = await e.setup({ taskId: "fashion-mnist", tier: "smoke", seed: 0, dataDir });
    expect(setup).toEqual({ epochs: 6, itersPerEpoch: 3, trainSamples: 300 });
    const first = await e.trainEpoch(() => 0.1);
    let last = first;
    for (let epoch = 0; epoch < 4; epoch++) last = await e.trainEpoch(() => 0.1);
    expect(mean(last.losses)).toBeLessThan(mean(first.losses));
    const metrics = await e.evaluate();
    expect(Object.keys(metrics).sort()).toEqual(["test_acc", "test_loss"]);
    expect(metrics.test_acc!).toBeGreaterThan(0.8);
    const dir = await mkdtemp(path.join(os.tmpdir(), "lrbench-fmnist-onnx-"));
    const { onnx } = await e.transfer!.snapshot(dir, "smoke");
    const model = await openOnnx(onnx);
    const test = await verificationTestSet({ taskId: "fashion-mnist", tier: "smoke" }, dataDir);
    expect([test.n, test.shape]).toEqual([100, [1, 28, 28]]);
    const logits = await model.outputs(test.inputs, test.n, test.shape).finally(() => model.release());
    await rm(dir, { recursive: true });
    expect(logits.dim).toBe(10);
    expect(accuracy(argmaxRows(logits.values, 10), test.labels)).toBeCloseTo(metrics.test_acc!, 6);
  }, 60_000);

  it("trains the short tier's small CNN", async () => {
    const e = engine({ train: 64, test: 32 });
    await e.setup({ taskId: "fashion-mnist", tier: "short", seed: 0, dataDir });
    expect((await e.trainEpoch(() => 0.01)).losses.every(Number.isFinite)).toBe(true);
    expect((await e.evaluate()).test_acc).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it("names a corrupt IDX file", async () => {
    const bad = await writeTinyFashionMnist(await mkdtemp(path.join(os.tmpdir(), "lrbench-bad-idx-")), 10, 10);
    await writeFile(path.join(bad, FASHION_MNIST_FILES.test.images), new Uint8Array([0, 0, 8, 3, 0, 0]));
    await expect(engine().setup({ taskId: "fashion-mnist", tier: "smoke", seed: 0, dataDir: bad })).rejects.toThrow(/t10k-images-idx3-ubyte\.gz: truncated IDX header/);
    await rm(bad, { recursive: true });
  });
});
