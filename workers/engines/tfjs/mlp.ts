/** The smoke tier's MLP 6-128-128-10 with ReLU, as plain variables so the optimizer can be our own. */
import { Sfc32 } from "@/lib/tasks/ps10";
import type { Tf } from "./backend";
import { STREAM_INIT } from "./streams";

type Tensor2D = import("@tensorflow/tfjs").Tensor2D;
type Variable = import("@tensorflow/tfjs").Variable;

export const MLP_LAYERS = [6, 128, 128, 10] as const;

export interface Mlp {
  /** [W1, b1, W2, b2, W3, b3]; W is fanIn x fanOut so a batch is x W + b. */
  params: Variable[];
}

/**
 * PyTorch's nn.Linear default (kaiming_uniform with a = sqrt(5)) is U(-1/sqrt(fanIn), 1/sqrt(fanIn)) for
 * weights and biases alike; the torch engine starts from that distribution, so this one does too.
 * The draws come from our own seeded stream because tfjs initialisers' seeds are not stable across backends.
 */
export function createMlp(tf: Tf, seed: number, layers: readonly number[] = MLP_LAYERS): Mlp {
  const rng = new Sfc32(seed, STREAM_INIT);
  const draw = (size: number, bound: number): Float32Array => {
    const out = new Float32Array(size);
    for (let i = 0; i < size; i++) out[i] = (2 * rng.uniform() - 1) * bound;
    return out;
  };
  const params: Variable[] = [];
  for (let l = 0; l + 1 < layers.length; l++) {
    const fanIn = layers[l];
    const fanOut = layers[l + 1];
    const bound = 1 / Math.sqrt(fanIn);
    // tidy frees the initial tensors; variables outlive it.
    const w = draw(fanIn * fanOut, bound);
    const b = draw(fanOut, bound);
    params.push(tf.tidy(() => tf.variable(tf.tensor2d(w, [fanIn, fanOut]))));
    params.push(tf.tidy(() => tf.variable(tf.tensor1d(b))));
  }
  return { params };
}

/** Logits; call inside tf.tidy or tf.variableGrads so the intermediates are freed. */
export function forward(tf: Tf, mlp: Mlp, x: Tensor2D): Tensor2D {
  let h: Tensor2D = x;
  const layers = mlp.params.length / 2;
  for (let l = 0; l < layers; l++) {
    h = tf.add(tf.matMul(h, mlp.params[2 * l]), mlp.params[2 * l + 1]);
    if (l + 1 < layers) h = tf.relu(h);
  }
  return h;
}

/** Mean softmax cross-entropy against one-hot targets, written out so the gradient path is plain ops. */
export function crossEntropy(tf: Tf, logits: Tensor2D, oneHot: Tensor2D): import("@tensorflow/tfjs").Scalar {
  const picked = tf.sum(tf.mul(logits, oneHot), 1);
  return tf.mean(tf.sub(tf.logSumExp(logits, 1), picked));
}
