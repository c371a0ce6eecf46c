/**
 * The fashion-mnist smoke model: softmax regression on the 784 standardised pixels, one linear layer
 * (W is 784 x 10 so a batch is x W + b), started as torch's nn.Linear is, U(-1/sqrt(784), 1/sqrt(784)).
 */
import { Sfc32 } from "@/lib/tasks/ps10";
import type { Tf } from "./backend";
import { STREAM_INIT } from "./streams";

type Tensor2D = import("@tensorflow/tfjs").Tensor2D;
type Variable = import("@tensorflow/tfjs").Variable;

export function createSoftmaxRegression(tf: Tf, seed: number, inputs: number, classes: number): Variable[] {
  const rng = new Sfc32(seed, STREAM_INIT);
  const bound = 1 / Math.sqrt(inputs);
  const draw = (size: number) => Float32Array.from({ length: size }, () => (2 * rng.uniform() - 1) * bound);
  return [
    tf.tidy(() => tf.variable(tf.tensor2d(draw(inputs * classes), [inputs, classes]))),
    tf.tidy(() => tf.variable(tf.tensor1d(draw(classes)))),
  ];
}

/** Logits; call inside tf.tidy or tf.variableGrads. */
export function softmaxLogits(tf: Tf, params: Variable[], x: Tensor2D): Tensor2D {
  return tf.add(tf.matMul(x, params[0]), params[1]);
}
