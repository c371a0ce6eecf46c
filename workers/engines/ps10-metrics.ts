/** PS10's canonical metric names from predictions; the thresholds and subsets live in lib/tasks/ps10. */
import { accuracy } from "@/lib/tasks/accuracy";
import { ps10Metrics, type Ps10Split } from "@/lib/tasks/ps10";

export interface Ps10Evaluation {
  trainPredictions: Int32Array;
  testPredictions: Int32Array;
  trainLoss: number;
  testLoss: number;
}

export function ps10Record(train: Ps10Split, test: Ps10Split, e: Ps10Evaluation): Record<string, number | null> {
  const tr = ps10Metrics(e.trainPredictions, train, "train");
  const te = ps10Metrics(e.testPredictions, test, "test");
  return {
    test_acc: te.acc,
    test_loss: test.n === 0 ? null : e.testLoss,
    test_acc_simple: te.acc_simple,
    test_acc_complex: te.acc_complex,
    // Against the labels trained on, noisy ones included: what the optimizer actually fits.
    train_acc: accuracy(e.trainPredictions, train.labels),
    train_acc_simple: tr.acc_simple,
    train_acc_complex: tr.acc_complex,
    train_acc_noise: tr.acc_noise,
    // The worker already has the epoch's mean training loss; this one is of the weights after the epoch.
    train_loss_eval: train.n === 0 ? null : e.trainLoss,
  };
}
