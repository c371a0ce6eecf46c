/**
 * SGD with momentum and weight decay exactly as torch.optim.SGD (dampening 0, nesterov off):
 *   g = grad + weightDecay * w;  v = mu * v + g;  w = w - lr * v.
 * Torch's first step sets v = g, the same as starting from v = 0. tf.train.momentum uses the same
 * accumulation (a = mu * a + g; w -= lr * a) but has no weight decay and fixes its rate at construction;
 * writing the step out lets the rate and the momentum change every iteration with no optimizer state to patch.
 * Weight decay applies to biases too, as it does when torch is given model.parameters().
 */
import type { Tf } from "./backend";

type Tensor = import("@tensorflow/tfjs").Tensor;
type Variable = import("@tensorflow/tfjs").Variable;

export interface SgdHyper {
  lr: number;
  momentum: number;
  weightDecay: number;
}

/** Velocities start at zero, one per parameter. */
export function createVelocities(tf: Tf, params: Variable[]): Variable[] {
  return params.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
}

/** Updates params and velocities in place; disposes nothing it was given. */
export function sgdStep(tf: Tf, params: Variable[], velocities: Variable[], grads: Tensor[], hyper: SgdHyper): void {
  tf.tidy(() => {
    const lr = tf.scalar(hyper.lr);
    const mu = tf.scalar(hyper.momentum);
    const wd = tf.scalar(hyper.weightDecay);
    for (let k = 0; k < params.length; k++) {
      const g = hyper.weightDecay === 0 ? grads[k] : tf.add(grads[k], tf.mul(wd, params[k]));
      const v = tf.add(tf.mul(mu, velocities[k]), g);
      velocities[k].assign(v);
      params[k].assign(tf.sub(params[k], tf.mul(lr, v)));
    }
  });
}
