import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { createMlp, forward } from "./mlp";

describe("the smoke model in tfjs", () => {
  it("is 6 inputs -> 128 fixed frequencies (cos and sin: 256 features) -> 256 -> 256 -> 10 logits", () => {
    tf.setBackend("cpu");
    const mlp = createMlp(tf, 3);
    expect(mlp.projection.shape).toEqual([6, 128]);
    expect(mlp.params.map((p) => p.shape)).toEqual([[256, 256], [256], [256, 256], [256], [256, 10], [10]]);
    const logits = tf.tidy(() => forward(tf, mlp, tf.tensor2d(new Float32Array(3 * 6).fill(0.5), [3, 6])));
    expect(logits.shape).toEqual([3, 10]);
    // The projection is trained on no step: it is not among the variables the optimizer updates.
    expect(mlp.params).not.toContain(mlp.projection);
    for (const t of [logits, mlp.projection, ...mlp.params]) t.dispose();
  });

  it("draws its frequencies from the seed, N(0, sigma^2) scaled by 2 pi", () => {
    const [a, b, c] = [createMlp(tf, 3), createMlp(tf, 3), createMlp(tf, 4)];
    const values = Array.from(a.projection.dataSync());
    expect(Array.from(b.projection.dataSync())).toEqual(values);
    expect(Array.from(c.projection.dataSync())).not.toEqual(values);
    const sd = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
    expect(sd / (2 * Math.PI)).toBeGreaterThan(2.5);
    expect(sd / (2 * Math.PI)).toBeLessThan(3.5);
    for (const m of [a, b, c]) for (const t of [m.projection, ...m.params]) t.dispose();
  });
});
