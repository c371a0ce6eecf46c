import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createVelocities, sgdStep } from "./sgd";

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

describe("sgdStep", () => {
  it("follows torch.optim.SGD: g = grad + wd*w; v = mu*v + g; w -= lr*v, with lr and mu free to change per step", () => {
    const w = tf.variable(tf.tensor1d([1, -2]));
    const [v] = createVelocities(tf, [w]);
    const grad = tf.tensor1d([0.5, 0.25]);

    sgdStep(tf, [w], [v], [grad], { lr: 0.1, momentum: 0.9, weightDecay: 0.01 });
    // g = [0.5 + 0.01, 0.25 - 0.02] = [0.51, 0.23]; v = g (torch's first step); w = [1 - 0.051, -2 - 0.023].
    expect(Array.from(v.dataSync())).toEqual([expect.closeTo(0.51, 6), expect.closeTo(0.23, 6)]);
    expect(Array.from(w.dataSync())).toEqual([expect.closeTo(0.949, 6), expect.closeTo(-2.023, 6)]);

    sgdStep(tf, [w], [v], [grad], { lr: 0.2, momentum: 0.5, weightDecay: 0.01 });
    // g = [0.5 + 0.00949, 0.25 - 0.02023]; v = 0.5 * [0.51, 0.23] + g = [0.76449, 0.34477];
    // w = [0.949 - 0.2 * 0.76449, -2.023 - 0.2 * 0.34477].
    expect(Array.from(v.dataSync())).toEqual([expect.closeTo(0.76449, 6), expect.closeTo(0.34477, 6)]);
    expect(Array.from(w.dataSync())).toEqual([expect.closeTo(0.796102, 6), expect.closeTo(-2.091954, 6)]);

    for (const t of [w, v, grad]) t.dispose();
  });

  it("matches tf.train.momentum when weight decay is 0 (the same accumulation, non-Nesterov)", () => {
    const ours = tf.variable(tf.tensor2d([[0.3, -0.7], [1.1, 0.05]]));
    const theirs = tf.variable(ours.clone());
    const [v] = createVelocities(tf, [ours]);
    const optimizer = tf.train.momentum(0.05, 0.9);
    const grads = [[[1, 2], [3, 4]], [[-1, 0.5], [0, 2]], [[0.1, 0.1], [-3, 1]]].map((g) => tf.tensor2d(g));
    for (const g of grads) {
      sgdStep(tf, [ours], [v], [g], { lr: 0.05, momentum: 0.9, weightDecay: 0 });
      optimizer.applyGradients([{ name: theirs.name, tensor: g }]);
    }
    const a = Array.from(ours.dataSync());
    const b = Array.from(theirs.dataSync());
    for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(b[k], 6);
    for (const t of [ours, theirs, v, ...grads]) t.dispose();
    optimizer.dispose();
  });

  it("frees every intermediate", () => {
    const w = tf.variable(tf.ones([3, 3]));
    const [v] = createVelocities(tf, [w]);
    const g = tf.ones([3, 3]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) sgdStep(tf, [w], [v], [g], { lr: 0.1, momentum: 0.9, weightDecay: 5e-4 });
    expect(tf.memory().numTensors).toBe(before);
    for (const t of [w, v, g]) t.dispose();
  });
});
