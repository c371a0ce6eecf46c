/**
 * The standard tasks of ../shared/spec/tasks.md. A task fixes everything but the schedule, so two
 * schedules replayed on it differ only in their schedule; the tiers keep budgets apart because
 * results of different tiers are never ranked together.
 */

export const TIER_NAMES = ["smoke", "short", "full"] as const;
export type TierName = (typeof TIER_NAMES)[number];

export interface TaskTier {
  tier: TierName;
  /** The training budget every schedule gets; budget-relative lengths ("P%") resolve against it. */
  epochs: number;
  model: string;
  trainSamples: number;
  testSamples: number;
  batchSize: number;
  /** Where the tier is meant to run. */
  hardware: "cpu" | "gpu";
  /** What the tier's model was measured to fit within the budget, where someone measured it. */
  measured?: string;
}

export interface TaskDefinition {
  id: string;
  /**
   * Bumped when a change to the task (data, models, sizes) makes new results incomparable with old
   * ones. Every run records the version it ran on; rankings and analyses read the current one only.
   */
  taskVersion: number;
  name: string;
  summary: string;
  /** The paper's section or question this task exists to answer. */
  purpose: string;
  data: string;
  model: string;
  optimizer: string;
  metrics: string[];
  /** Choices the paper (or tasks.md) leaves open, as this project made them: shown on the task page. */
  interpretations: string[];
  /** Test accuracy counted as reaching the target, for time-to-target (fraction). */
  targetAccuracy: Partial<Record<TierName, number>>;
  tiers: TaskTier[];
  /** A file in the repository recording how the task's sizes were chosen. */
  documentation?: string;
}

export const TASKS: TaskDefinition[] = [
  {
    id: "ps10-noise",
    // 2: data from the fixed data seed, WRN models, the Fourier-feature smoke model (issue 12).
    taskVersion: 2,
    name: "PS10 with label noise",
    summary:
      "Pattern Separation 10: a synthetic 10-class set mixing simple (10 centres per class) and complex (100 centres per class) patterns, with 10% of training labels flipped.",
    purpose:
      "Section 5.1 of 'How Does Learning Rate Decay Help Modern Neural Networks?': does a large initial rate stop the network memorising noise, and are complex patterns learned only after a decay?",
    data:
      "Deterministic from its seed. Centres uniform in [0,1]^3; a clean sample of class y is simple or complex with probability 1/2, takes a centre of its kind uniformly and adds Gaussian jitter (sd 0.01). 6 input channels: 0-2 simple, 3-5 complex (the other kind's channels are 0); image form repeats each channel over 32 x 32, vector form is the 6 numbers. A fraction noise = 0.1 of training samples carry a label drawn uniformly from the other 9 classes; the test set is clean.",
    model:
      "smoke: random Fourier features of the 6 inputs (128 frequencies, sigma 3) into a 256-256 ReLU MLP, on the vector form; short: WRN-16-4 and full: WRN-28-10, each with 6 input channels, on the image form.",
    optimizer: "SGD, momentum 0.9, weight decay 5e-4.",
    interpretations: [
      "Noise relabels 10% of the training samples with a class drawn uniformly from the other 9 (the paper says 'adding 10% noisy data'); the test set is clean.",
      "Jitter: Gaussian, standard deviation 0.01 per coordinate.",
      "Sizes: 50,000 training and 10,000 test samples on the GPU tiers; the smoke tier is smaller so a CPU finishes it in minutes.",
      "The data of every tier comes from the fixed data seed 0, not the run's seed, so intervals over seeds measure training variance only.",
      "StepDecay's milestones and the smoke tier's model are the project's choices (the paper gives neither for PS10).",
    ],
    metrics: [
      "training loss",
      "training accuracy on the simple, complex and noise subsets (noise: share predicted with the noisy label, lower is better)",
      "test accuracy overall, on simple and on complex",
    ],
    // Smoke: every schedule passes 0.4 within an epoch or two; 0.85 is reached only once the complex
    // patterns generalise (bench:ps10: StepDecay ends at 0.87, constants 0.1 and 0.001 at 0.82), so it tells schedules apart.
    targetAccuracy: { smoke: 0.85, short: 0.9, full: 0.95 },
    tiers: [
      // Sizes chosen by experiment (lib/tasks/ps10/SMOKE.md): within 30 epochs the model fits the clean complex
      // patterns and, at a constant 0.01, memorises most of the noise; about half a minute per replay on one core.
      {
        tier: "smoke", epochs: 30, model: "Fourier features (128, sigma 3) -> 256-256 MLP (vector form)", trainSamples: 5_000, testSamples: 1_000, batchSize: 32, hardware: "cpu",
        measured:
          "Torch engine, seed 0, one CPU thread: constant 0.01 fits 99% of the clean complex training patterns and memorises 62% of the noise; StepDecay fits 100% and memorises 54% (29% at the end of its first stage); constant 0.001 fits 90% and memorises 14%. About 35 s per replay on an idle core; the tfjs engine trains the same model about ten times slower.",
      },
      { tier: "short", epochs: 60, model: "WRN-16-4, 6 input channels (image form, 32 x 32)", trainSamples: 50_000, testSamples: 10_000, batchSize: 128, hardware: "gpu" },
      { tier: "full", epochs: 200, model: "WRN-28-10, 6 input channels (image form, 32 x 32)", trainSamples: 50_000, testSamples: 10_000, batchSize: 128, hardware: "gpu" },
    ],
    documentation: "lib/tasks/ps10/SMOKE.md",
  },
  {
    id: "cifar10-wrn",
    taskVersion: 1,
    name: "CIFAR-10 on a Wide ResNet",
    summary: "The standard CIFAR-10 benchmark on WRN-d-k, the model of the paper's main experiments.",
    purpose:
      "The flat-then-sharp-drop training curve people ask about: how much accuracy each decay buys, and whether a schedule gets there in fewer epochs.",
    data:
      "The CIFAR-10 binary files (data_batch_1.bin .. data_batch_5.bin, test_batch.bin; 1 label byte + 3072 pixel bytes per record) from a folder the worker's operator names; never downloaded at run time. Normalised with the WRN reference's fixed constants (mean (125.3, 123.0, 113.9)/255, std (63.0, 62.1, 66.7)/255); training augmentation: 4-pixel reflection-padded random crop and horizontal flip.",
    model: "WRN-d-k (Zagoruyko and Komodakis): WRN-28-10 (full, 36.5 M parameters), WRN-16-4 (short, 2.7 M), WRN-10-1 on a subset (smoke).",
    optimizer: "SGD, momentum 0.9, Nesterov, weight decay 5e-4 on every parameter, batch 128: the WRN reference recipe.",
    interpretations: [
      "The lrDecay paper states no CIFAR milestones: the task's StepDecay is the WRN reference schedule (0.1, x0.2 at 30%, 60% and 80% of the budget), not the paper's.",
      "smoke trains WRN-10-1 on the first 2,000 training and 500 test images, so a CPU finishes it in minutes; it checks the machinery, not CIFAR-10 accuracy.",
      "On a GPU the engine trains in bf16 autocast; a run records its precision and the leaderboard never ranks fp32 and bf16 runs as one row.",
    ],
    metrics: ["training loss and accuracy", "test loss and accuracy", "wall time"],
    targetAccuracy: { smoke: 0.4, short: 0.94, full: 0.95 },
    tiers: [
      { tier: "smoke", epochs: 10, model: "WRN-10-1", trainSamples: 2_000, testSamples: 500, batchSize: 128, hardware: "cpu" },
      { tier: "short", epochs: 60, model: "WRN-16-4 (2.7 M)", trainSamples: 50_000, testSamples: 10_000, batchSize: 128, hardware: "gpu" },
      { tier: "full", epochs: 200, model: "WRN-28-10 (36.5 M)", trainSamples: 50_000, testSamples: 10_000, batchSize: 128, hardware: "gpu" },
    ],
  },
  {
    id: "imagenet-subset-transfer",
    taskVersion: 1,
    name: "ImageNet-subset transfer",
    summary:
      "Train on a subset of ImageNet, snapshot the model at the end of every decay stage, and measure how each stage's patterns transfer to other data sets.",
    purpose:
      "Section 6 of the paper: what each stage of decay learns, and how well it transfers (its table 2).",
    data:
      "An ImageNet-style folder (one sub-folder of JPEG images per class, e.g. 100 classes) named by the operator. Trained as the official PyTorch ImageNet recipe does: random-resized crops and horizontal flips, the ImageNet normalisation constants, torchvision's initialisation; evaluated on the centre crop. Targets: folders of the same form (e.g. Caltech-256, CUB-200, MIT Indoor, Sketch-250).",
    model: "ResNet-18 (short) or ResNet-50 (full); snapshots exported to ONNX.",
    optimizer: "SGD, momentum 0.9, weight decay 1e-4; StepDecay x0.1 at 1/3 and 2/3 of the budget (every 30 epochs of 90, scaled to the tier).",
    interpretations: [
      "A subset of ImageNet (the operator's folder), not the full 1,000 classes; the paper's figures are on full ImageNet and are shown as reported, never ranked with these runs.",
      "Images are decoded once at 8/7 of the training size (shorter side) and random-resized crops are drawn from that stored image rather than the original file; a crop box that does not fit is shrunk to fit instead of redrawn.",
      "fix transfer: a multinomial logistic regression (L2 1e-3) on standardised frozen features, trained by full-batch L-BFGS to convergence, at most 100 / 500 / 1,000 iterations on smoke / short / full.",
      "finetune transfer: the whole snapshot, a new head at 10 times the rate, a cosine from 0.01 over 2 / 10 / 20 epochs.",
      "smoke: a ResNet-18 at 1/8 width on 64 px images of at most 1,000 training images, a check of the machinery rather than of the paper's effect.",
    ],
    metrics: [
      "source accuracy per stage",
      "target accuracy per stage, fix (frozen features + linear classifier) and finetune",
      "transferability of stage i: (tacc_i - tacc_(i-1)) / (acc_i - acc_(i-1))",
    ],
    targetAccuracy: { smoke: 0.3, short: 0.6, full: 0.7 },
    tiers: [
      { tier: "smoke", epochs: 6, model: "ResNet-18 (width 1/8) on 10 classes", trainSamples: 1_000, testSamples: 200, batchSize: 64, hardware: "cpu" },
      { tier: "short", epochs: 30, model: "ResNet-18", trainSamples: 130_000, testSamples: 5_000, batchSize: 256, hardware: "gpu" },
      { tier: "full", epochs: 90, model: "ResNet-50", trainSamples: 130_000, testSamples: 5_000, batchSize: 256, hardware: "gpu" },
    ],
  },
  {
    id: "fashion-mnist",
    taskVersion: 1,
    name: "Fashion-MNIST",
    summary:
      "Real images every machine can have (Debian's dataset-fashion-mnist): 60,000 training and 10,000 test 28 x 28 greyscale images of 10 kinds of clothing.",
    purpose:
      "The home of learning-rate sweeps and range tests: the one-layer network trained at rates 1, 0.5, 0.2, 0.1 and 0.01, and Smith's range test that picks a cyclical schedule's bounds, on real data in minutes on a CPU.",
    data:
      "The four gzipped IDX files of Xiao, Rasul and Vollgraf (2017), as Debian's dataset-fashion-mnist installs them (/usr/share/datasets/fashion-mnist), or from DIR/fashion-mnist of the worker's --data. Pixels / 255, then the training set's mean and std (0.2860, 0.3530).",
    model: "smoke: softmax regression on the 784 pixels (one linear layer); short: a small CNN (two 5x5 conv + max-pool layers, 32 and 64 channels, a 1,024-unit dense layer); full: ResNet-18 with the CIFAR stem on 1 channel (GPU).",
    optimizer: "SGD, momentum 0.9, weight decay 5e-4, batch 128; the smoke tier's one-layer network uses plain SGD (no momentum, no weight decay).",
    interpretations: [
      "Normalisation uses fixed constants, the mean and std of the 60,000 training images' pixels / 255 (0.2860, 0.3530), so a subset is normalised as the full set is.",
      "smoke trains on all 60,000 images for 6 epochs (the issue's sweep measured after 5; an even number of epochs lets the two-cycle SGDR and CLR baselines end on a whole cycle, 469 iterations an epoch being odd): the pure-JS tfjs engine takes about 10-20 s per epoch on one core, fast enough that no subset is needed.",
      "smoke is a softmax regression with a numerically stable cross-entropy (log-sum-exp), so whether a high rate diverges is measured, not built in; a loss or rate that is not finite ends the run as diverged.",
      "short: a small CNN without augmentation, 16 epochs; full: ResNet-18 (CIFAR stem, 1 input channel) with 4-pixel zero-padded random crops and horizontal flips, 30 epochs. Epochs and the task's StepDecay (0.1, x0.1 at 60% and 80% of the budget: epochs 4 and 5 of 6, 10 and 13 of 16, 18 and 24 of 30) are the project's choices.",
      "Uploaded models are verified on the 10,000 test images given as N x 1 x 28 x 28, standardised as above.",
      "Reference points are the package's own figures: its README's table of submitted results (its benchmark/baselines.json lists the scikit-learn classifiers' parameter grids, not their accuracies).",
    ],
    metrics: ["training loss and accuracy", "test loss and accuracy", "wall time"],
    targetAccuracy: { smoke: 0.8, short: 0.9, full: 0.93 },
    tiers: [
      { tier: "smoke", epochs: 6, model: "softmax regression (784 -> 10), plain SGD", trainSamples: 60_000, testSamples: 10_000, batchSize: 128, hardware: "cpu" },
      { tier: "short", epochs: 16, model: "small CNN (conv 32, conv 64, dense 1,024)", trainSamples: 60_000, testSamples: 10_000, batchSize: 128, hardware: "cpu" },
      { tier: "full", epochs: 30, model: "ResNet-18 (CIFAR stem, 1 channel)", trainSamples: 60_000, testSamples: 10_000, batchSize: 128, hardware: "gpu" },
    ],
  },
];

/** The version new runs of a task get, and the one rankings count; 1 for a task outside the catalog. */
export function currentTaskVersion(taskId: string): number {
  return findTask(taskId)?.taskVersion ?? 1;
}

export function findTask(id: string): TaskDefinition | undefined {
  return TASKS.find((task) => task.id === id);
}
