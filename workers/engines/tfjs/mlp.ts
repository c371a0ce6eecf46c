/**
 * The ps10-noise smoke model (lib/tasks/ps10/smoke-model.ts): fixed random Fourier features of the 6
 * inputs into a ReLU MLP, as plain variables so the optimizer can be our own.
 */
import { Gaussian, PS10_CHANNELS, PS10_SMOKE_MODEL, Sfc32 } from "@/lib/tasks/ps10";
import type { Tf } from "./backend";
import { STREAM_INIT, STREAM_PROJECTION } from "./streams";

type Tensor2D = import("@tensorflow/tfjs").Tensor2D;
type Variable = import("@tensorflow/tfjs").Variable;

export interface Mlp {
  /** 6 x frequencies, 2 pi B: fixed, never trained. */
  projection: Tensor2D;
  /** [W1, b1, W2, b2, ...]; W is fanIn x fanOut so a batch is x W + b. */
  params: Variable[];
}

/** Layer widths after the features: 2 x frequencies (cos and sin), the hidden widths, the classes. */
export function mlpLayers(model = PS10_SMOKE_MODEL): number[] {
  return [2 * model.frequencies, ...model.hidden, model.classes];
}

/**
 * PyTorch's nn.Linear default (kaiming_uniform with a = sqrt(5)) is U(-1/sqrt(fanIn), 1/sqrt(fanIn)) for
 * weights and biases alike; the torch engine starts from that distribution, so this one does too.
 * The draws come from our own seeded streams because tfjs initialisers' seeds are not stable across backends.
 */
export function createMlp(tf: Tf, seed: number, model = PS10_SMOKE_MODEL): Mlp {
  const normal = new Gaussian(new Sfc32(seed, STREAM_PROJECTION));
  const projection = new Float32Array(PS10_CHANNELS * model.frequencies);
  for (let i = 0; i < projection.length; i++) projection[i] = 2 * Math.PI * model.sigma * normal.next();
  const rng = new Sfc32(seed, STREAM_INIT);
  const draw = (size: number, bound: number): Float32Array => {
    const out = new Float32Array(size);
    for (let i = 0; i < size; i++) out[i] = (2 * rng.uniform() - 1) * bound;
    return out;
  };
  const layers = mlpLayers(model);
  const params: Variable[] = [];
  for (let l = 0; l + 1 < layers.length; l++) {
    const fanIn = layers[l];
    const fanOut = layers[l + 1];
    const bound = 1 / Math.sqrt(fanIn);
    const w = draw(fanIn * fanOut, bound);
    const b = draw(fanOut, bound);
    // tidy frees the initial tensors; variables outlive it.
    params.push(tf.tidy(() => tf.variable(tf.tensor2d(w, [fanIn, fanOut]))));
    params.push(tf.tidy(() => tf.variable(tf.tensor1d(b))));
  }
  return { projection: tf.tensor2d(projection, [PS10_CHANNELS, model.frequencies]), params };
}

/** Logits; call inside tf.tidy or tf.variableGrads so the intermediates are freed. */
export function forward(tf: Tf, mlp: Mlp, x: Tensor2D): Tensor2D {
  const angles = tf.matMul(x, mlp.projection);
  let h: Tensor2D = tf.concat([tf.cos(angles), tf.sin(angles)], 1) as Tensor2D;
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
