import { describe, expect, it } from "vitest";
import { canonicalMetricName, isAccuracyName, sanitiseMetricName } from "./names";

const TABLE: [string, string][] = [
  // learning rate
  ["lr", "lr"],
  ["learning_rate", "lr"],
  ["LearningRate", "lr"],
  ["train/lr", "lr"],
  ["lr-SGD", "lr"],
  ["lr-Adam/pg1", "lr"],
  ["lr-Adam/pg2", "lr-adam/pg2"],
  ["lr-SGD-momentum", "lr-sgd-momentum"],
  ["opt_base_learning_rate", "lr"],
  ["epoch_learning_rate", "lr"],
  // training loss and accuracy
  ["loss", "train_loss"],
  ["train/loss", "train_loss"],
  ["training_loss", "train_loss"],
  ["train_loss_epoch", "train_loss"],
  ["epoch_loss", "train_loss"],
  ["acc", "train_acc"],
  ["accuracy", "train_acc"],
  ["top1", "train_acc"],
  ["train_accuracy", "train_acc"],
  ["epoch_accuracy", "train_acc"],
  ["sparse_categorical_accuracy", "train_acc"],
  ["trainAcc", "train_acc"],
  // test: val/valid/eval/validation/test as prefix or suffix
  ["val_loss", "test_loss"],
  ["loss_val", "test_loss"],
  ["valid_acc", "test_acc"],
  ["eval_accuracy", "test_acc"],
  ["val/acc", "test_acc"],
  ["validation_accuracy", "test_acc"],
  ["test_top1", "test_acc"],
  ["val_accuracy", "test_acc"],
  ["eval_loss", "test_loss"],
  ["valAcc", "test_acc"],
  ["val_sparse_categorical_accuracy", "test_acc"],
  // top-k stays distinct
  ["test_top5", "test_acc_top5"],
  ["val_acc5", "test_acc_top5"],
  ["top_5_accuracy", "train_acc_top5"],
  ["test_top1accuracy", "test_acc"],
  // unknown names keep their own (sanitised) name
  ["grad_norm", "grad_norm"],
  ["train_loss_step", "train_loss_step"],
  ["Weight Decay", "weight_decay"],
  ["train_val_loss", "train_val_loss"],
  ["val_f1", "val_f1"],
  ["wall_time", "wall_time"],
];

describe("canonicalMetricName", () => {
  it.each(TABLE)("%s -> %s", (name, expected) => {
    expect(canonicalMetricName(name)).toBe(expected);
  });

  it("sanitises to lowercase [a-z0-9_/.-]", () => {
    expect(sanitiseMetricName("  Gradient Norm (L2)! ")).toBe("gradient_norm_l2");
    expect(sanitiseMetricName("ÄÖ")).toBe("unnamed");
    expect(sanitiseMetricName("loss/ema-0.99")).toBe("loss/ema-0.99");
  });

  it("knows which metrics are accuracies", () => {
    expect(isAccuracyName("val_acc")).toBe(true);
    expect(isAccuracyName("top5Accuracy")).toBe(true);
    expect(isAccuracyName("test_acc_top5")).toBe(true);
    expect(isAccuracyName("balanced_accuracy")).toBe(true);
    expect(isAccuracyName("val_loss")).toBe(false);
    expect(isAccuracyName("lr")).toBe(false);
  });
});
