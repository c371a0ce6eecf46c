import * as tf from "@tensorflow/tfjs";
import { afterEach, describe, expect, it } from "vitest";
import type { Engine } from "../types";
import { createTfjsEngine } from "./engine";

// A fifth of the smoke tier keeps the file within seconds; the code paths are the tier's.
const SIZES = { train: 1000, test: 300 };
const TASK = { taskId: "ps10-noise", tier: "smoke" as const, seed: 7 };
const ITERS = Math.ceil(SIZES.train / 32);

const open: Engine[] = [];
function engine(): Engine {
  const e = createTfjsEngine({ backend: "cpu", sizes: SIZES });
  open.push(e);
  return e;
}
afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
});
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

// Real training in pure-JS TensorFlow.js: minutes, not seconds, when the other test files share the two cores.
describe("tfjs engine on ps10-noise smoke", { timeout: 240_000 }, () => {
  it("reports itself and the tier's budget", async () => {
    const e = engine();
    const info = await e.info();
    expect(info).toMatchObject({ engine: "tfjs", backend: "cpu" });
    expect(info.device).toMatch(/^cpu: .+ \(\d+ cores\)$/);
    expect(info.versions.tfjs).toBe("4.22.0");
    expect(await e.setup(TASK)).toEqual({ epochs: 30, itersPerEpoch: ITERS, trainSamples: 1000 });
    // The option only shrinks data for tests: without it the tier's sizes apply.
    const full = createTfjsEngine({ backend: "cpu" });
    open.push(full);
    expect(await full.setup(TASK)).toEqual({ epochs: 30, itersPerEpoch: 157, trainSamples: 5000 });
  });

  it("gives only canonical metric names, as fractions", async () => {
    const e = engine();
    await e.setup(TASK);
    const m = await e.evaluate();
    expect(Object.keys(m).sort()).toEqual(
      ["test_acc", "test_acc_complex", "test_acc_simple", "test_loss", "train_acc", "train_acc_complex", "train_acc_noise", "train_acc_simple", "train_loss_eval"],
    );
    for (const [name, value] of Object.entries(m)) {
      expect(value, name).toBeTypeOf("number");
      if (name.includes("acc")) expect(value, name).toBeGreaterThanOrEqual(0), expect(value, name).toBeLessThanOrEqual(1);
    }
    // Untrained logits are near zero: cross-entropy near ln 10.
    expect(m.test_loss).toBeCloseTo(Math.log(10), 1);
  });

  it("learns at lr 0.1: the loss falls every epoch and test accuracy leaves chance far behind", async () => {
    const e = engine();
    await e.setup(TASK);
    const before = await e.evaluate();
    const epochLoss: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) epochLoss.push(mean((await e.trainEpoch(() => 0.1)).losses));
    const after = await e.evaluate();
    for (let k = 1; k < epochLoss.length; k++) expect(epochLoss[k]).toBeLessThan(epochLoss[k - 1]);
    // The Fourier features separate the simple patterns within an epoch or two (chance is 0.1, the untrained loss ln 10).
    expect(after.train_loss_eval).toBeLessThan(before.train_loss_eval! - 0.5);
    expect(after.test_acc_simple).toBeGreaterThan(0.5);
    expect(after.train_acc).toBeGreaterThan(0.3);
  });

  it("calls lrAt and onLoss once per iteration, in order, and a rate of 0 leaves the model as it was", async () => {
    const e = engine();
    await e.setup(TASK);
    await e.trainEpoch(() => 0.1);
    const before = await e.evaluate();
    const asked: number[] = [];
    const told: number[] = [];
    const toldLosses: number[] = [];
    const result = await e.trainEpoch(
      (i) => (asked.push(i), 0),
      (i, loss) => {
        // Iteration i's rate is asked for before its loss is reported, and iteration i+1's only after.
        expect(asked.at(-1)).toBe(i);
        told.push(i);
        toldLosses.push(loss);
      },
    );
    const order = Array.from({ length: ITERS }, (_, i) => i);
    expect(asked).toEqual(order);
    expect(told).toEqual(order);
    expect(result.losses).toEqual(toldLosses);
    expect(result.samples).toBe(1000);
    expect(result.seconds).toBeGreaterThan(0);
    // Exact equality: w - 0 * v is w, bit for bit, so every metric and loss repeats exactly.
    expect(await e.evaluate()).toEqual(before);
  });

  it("is deterministic for a seed, and the seed matters", async () => {
    const a = engine();
    const b = engine();
    const c = engine();
    await a.setup(TASK);
    await b.setup(TASK);
    await c.setup({ ...TASK, seed: 8 });
    const la = (await a.trainEpoch(() => 0.1)).losses;
    const lb = (await b.trainEpoch(() => 0.1)).losses;
    const lc = (await c.trainEpoch(() => 0.1)).losses;
    expect(la).toEqual(lb);
    expect(await a.evaluate()).toEqual(await b.evaluate());
    expect(lc).not.toEqual(la);
  });

  it("uses momentumAt when it gives a value and 0.9 otherwise", async () => {
    const [plain, undef, nine, half] = [engine(), engine(), engine(), engine()];
    for (const e of [plain, undef, nine, half]) await e.setup(TASK);
    const lPlain = (await plain.trainEpoch(() => 0.1)).losses;
    const lUndef = (await undef.trainEpoch(() => 0.1, undefined, () => undefined)).losses;
    const lNine = (await nine.trainEpoch(() => 0.1, undefined, () => 0.9)).losses;
    const lHalf = (await half.trainEpoch(() => 0.1, undefined, () => 0.5)).losses;
    expect(lUndef).toEqual(lPlain);
    expect(lNine).toEqual(lPlain);
    // The first step is the same whatever the momentum (v starts at the gradient); later ones differ.
    expect(lHalf[0]).toBe(lPlain[0]);
    expect(lHalf.slice(2)).not.toEqual(lPlain.slice(2));
  });

  it("rejects a rate that is not a finite number", async () => {
    const e = engine();
    await e.setup(TASK);
    await expect(e.trainEpoch(() => Number.NaN)).rejects.toThrow(/finite/);
  });

  it("holds no more tensors after more epochs, and none after close", async () => {
    const baseline = tf.memory().numTensors;
    const e = createTfjsEngine({ backend: "cpu", sizes: SIZES });
    await e.setup(TASK);
    await e.trainEpoch(() => 0.1, () => undefined, () => 0.8);
    await e.evaluate();
    const settled = tf.memory().numTensors;
    for (let epoch = 0; epoch < 2; epoch++) {
      await e.trainEpoch(() => 0.05);
      await e.evaluate();
    }
    expect(tf.memory().numTensors).toBe(settled);
    // Setting up again replaces the old session rather than adding to it.
    await e.setup({ ...TASK, seed: 9 });
    expect(tf.memory().numTensors).toBe(settled);
    await e.close();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
