/**
 * Figures reported in papers, shown beside what lrbench measures and never ranked with it: they come
 * from other code, hardware, data and budgets. Each names its source; the pages draw them apart
 * ("reported in ...") so no one mistakes one for a replay.
 */

export interface ReportedSource {
  /** Short citation for a label: "You et al., 2019". */
  cite: string;
  title: string;
  where?: string;
  url?: string;
}

export interface ReportedFigure {
  taskId: string;
  /** What the figure is of, in words ("StepDecay, 90 epochs"). */
  label: string;
  model: string;
  /** A schedule idea the figure belongs to, matched loosely against schedule names and kinds on the head-to-head. */
  schedule?: "StepDecay" | "AutoDecay";
  /** Test (top-1) accuracy as a fraction. */
  accuracy: number;
  epochs?: number;
  dataset: string;
  source: ReportedSource;
}

export interface ReportedTransferRow {
  target: string;
  mode: "fix" | "finetune";
  /** Source accuracy at the end of each stage, in percent as printed. */
  sourceAcc: number[];
  /** Target accuracy after each stage, in percent as printed. */
  targetAcc: number[];
  /** Transferability of stage i (i >= 2) as printed, rounded. */
  transferability: number[];
  source: ReportedSource;
}

export const LR_DECAY_PAPER: ReportedSource = {
  cite: "You et al., 2019",
  title: "How Does Learning Rate Decay Help Modern Neural Networks?",
  url: "https://arxiv.org/abs/1908.01878",
};

export const WRN_PAPER: ReportedSource = {
  cite: "Zagoruyko and Komodakis, 2016",
  title: "Wide Residual Networks",
  url: "https://arxiv.org/abs/1605.07146",
};

/**
 * The Fashion-MNIST README as Debian's dataset-fashion-mnist installs it: its table of submitted results,
 * which the authors say they have not tested. (The package's benchmark/baselines.json, which the issue
 * names, holds the scikit-learn classifiers' parameter grids, not their accuracies.)
 */
export const FASHION_MNIST_README: ReportedSource = {
  cite: "Fashion-MNIST README",
  title: "Fashion-MNIST benchmark table (submitted results, not tested by the data set's authors)",
  where: "/usr/share/doc/dataset-fashion-mnist/README.md.gz, section Benchmark",
  url: "https://github.com/zalandoresearch/fashion-mnist#benchmark",
};

export const REPORTED_FIGURES: ReportedFigure[] = [
  {
    taskId: "fashion-mnist",
    label: "2 conv + pooling, TensorFlow's tutorial network (the package's benchmark/convnet.py), no preprocessing",
    model: "small CNN (the short tier's network)",
    accuracy: 0.916,
    dataset: "Fashion-MNIST test set",
    source: FASHION_MNIST_README,
  },
  {
    taskId: "fashion-mnist",
    label: "ResNet18, normalisation, flips, translation and rotation (Kyriakos Efthymiadis)",
    model: "ResNet-18",
    accuracy: 0.949,
    dataset: "Fashion-MNIST test set",
    source: FASHION_MNIST_README,
  },
  {
    taskId: "fashion-mnist",
    label: "WRN40-4, mean/std standardisation, random crops and flips (@ajbrock)",
    model: "WRN-40-4 (8.9 M parameters)",
    accuracy: 0.967,
    dataset: "Fashion-MNIST test set",
    source: FASHION_MNIST_README,
  },
  {
    taskId: "imagenet-subset-transfer",
    label: "StepDecay, 90 epochs",
    schedule: "StepDecay",
    model: "ResNet-50",
    accuracy: 0.758,
    epochs: 90,
    dataset: "full ImageNet (1,000 classes)",
    source: LR_DECAY_PAPER,
  },
  {
    taskId: "imagenet-subset-transfer",
    label: "AutoDecay, 81 epochs",
    schedule: "AutoDecay",
    model: "ResNet-50",
    accuracy: 0.7591,
    epochs: 81,
    dataset: "full ImageNet (1,000 classes)",
    source: LR_DECAY_PAPER,
  },
  {
    taskId: "cifar10-wrn",
    label: "WRN reference StepDecay, 200 epochs",
    schedule: "StepDecay",
    model: "WRN-28-10",
    accuracy: 0.96,
    epochs: 200,
    dataset: "CIFAR-10 (4.0% error)",
    source: WRN_PAPER,
  },
];

/**
 * Table 2's Caltech-256 finetune row as far as tasks.md quotes it (stages 1 and 2): the check every
 * transferability computation here is held to, (82.73 - 77.87) / (69.33 - 54.01) = 0.32.
 */
export const REPORTED_TRANSFER: ReportedTransferRow[] = [
  { target: "Caltech-256", mode: "finetune", sourceAcc: [54.01, 69.33], targetAcc: [77.87, 82.73], transferability: [0.32], source: { ...LR_DECAY_PAPER, where: "table 2" } },
];

export function reportedFor(taskId: string): ReportedFigure[] {
  return REPORTED_FIGURES.filter((figure) => figure.taskId === taskId);
}

/** The reported figure of a schedule idea on a task, for the head-to-head (by the idea's name in the schedule's name or kind). */
export function reportedForSchedule(taskId: string, schedule: { name: string; kind: string }): ReportedFigure | undefined {
  const idea = schedule.kind === "autoDecay" || /autodecay/i.test(schedule.name) ? "AutoDecay" : /stepdecay|step decay/i.test(schedule.name) ? "StepDecay" : null;
  return idea ? reportedFor(taskId).find((figure) => figure.schedule === idea) : undefined;
}
