/**
 * Metric names as people log them, mapped to the few the platform compares runs on. The mapping
 * works on word tokens, so prefix and suffix spellings (val_acc, acc_val, val/acc, valAcc) agree.
 */

export const CANONICAL_METRICS = ["lr", "train_loss", "train_acc", "test_loss", "test_acc", "wall_time"] as const;

const TEST_SPLIT = new Set(["val", "valid", "validation", "eval", "evaluation", "test"]);
const TRAIN_SPLIT = new Set(["train", "training", "trn"]);
// Words that qualify a metric without changing what it measures (Keras' epoch_loss tag, Lightning's
// train_loss_epoch, Keras' sparse_categorical_accuracy).
const QUALIFIERS = new Set(["epoch", "sparse", "categorical", "binary"]);
// Lightning's LearningRateMonitor: lr-<Optimizer>, or lr-<Optimizer>/pg<N> with several param groups.
const LIGHTNING_LR = /^lr-[a-z0-9_.]+(?:\/pg1)?$/;
const LR_WORDS = ["lr", "learning_rate", "learningrate", "opt_base_learning_rate", "lars_opt_base_learning_rate", "opt_learning_rate", "base_lr"];

/** Lowercases and replaces anything outside [a-z0-9_/.-] with '_', so names are safe as keys and in URLs. */
export function sanitiseMetricName(name: string): string {
  const clean = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_/.-]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return clean === "" ? "unnamed" : clean;
}

/** Word tokens of a name: camelCase and any punctuation split words (top1Accuracy -> top1, accuracy). */
export function metricTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token !== "");
}

/** True for accuracy-like metrics, whose values may be logged in percent. */
export function isAccuracyName(name: string): boolean {
  return metricTokens(name).some((token) => /^(?:acc|accuracy|top\d+|acc\d+|top\d+acc(?:uracy)?)$/.test(token));
}

interface MetricParts {
  metric: "loss" | "acc";
  k: number;
}

// Reads what is left after the split and qualifier words: exactly a loss, or an accuracy with an optional top-k.
function metricParts(tokens: string[]): MetricParts | undefined {
  const merged: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === "top" && i + 1 < tokens.length && /^\d+$/.test(tokens[i + 1])) {
      merged.push(`top${tokens[i + 1]}`);
      i++;
    } else merged.push(tokens[i]);
  }
  if (merged.length === 1 && merged[0] === "loss") return { metric: "loss", k: 1 };
  let sawAcc = false;
  let k: number | undefined;
  for (const token of merged) {
    const top = /^(?:top|acc)(\d+)(?:acc|accuracy)?$/.exec(token);
    if (token === "acc" || token === "accuracy") {
      if (sawAcc) return undefined;
      sawAcc = true;
    } else if (top) {
      if (k !== undefined) return undefined;
      k = Number(top[1]);
      if (token.endsWith("acc") || token.endsWith("accuracy")) sawAcc = true;
    } else return undefined;
  }
  if (!sawAcc && k === undefined) return undefined;
  if (k === 0) return undefined;
  return { metric: "acc", k: k ?? 1 };
}

/**
 * The canonical name of a metric (lr, train_loss, train_acc, test_loss, test_acc, test_acc_top5, ...),
 * or the sanitised name itself when it is not one the platform knows.
 */
export function canonicalMetricName(name: string): string {
  const sanitised = sanitiseMetricName(name);
  if (LIGHTNING_LR.test(sanitised)) return "lr";
  const tokens = metricTokens(name);
  if (tokens.length === 0) return sanitised;
  const joined = tokens.join("_");
  if (joined === "wall_time" || joined === "walltime") return "wall_time";

  let split: "train" | "test" | undefined;
  const rest: string[] = [];
  for (const token of tokens) {
    const tokenSplit = TEST_SPLIT.has(token) ? "test" : TRAIN_SPLIT.has(token) ? "train" : undefined;
    if (tokenSplit) {
      if (split && split !== tokenSplit) return sanitised;
      split = tokenSplit;
    } else if (!QUALIFIERS.has(token)) rest.push(token);
  }
  if (split !== "test" && LR_WORDS.includes(rest.join("_"))) return "lr";
  const parts = metricParts(rest);
  if (!parts) return sanitised;
  return `${split ?? "train"}_${parts.metric}${parts.k === 1 ? "" : `_top${parts.k}`}`;
}
