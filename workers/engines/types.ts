/**
 * What every training engine offers the worker. Engines train and evaluate; they never compute a
 * learning rate themselves: the worker asks lib/schedules for the rate of every iteration, so one
 * schedule engine serves tfjs, torch and the web preview alike.
 */

export interface EngineInfo {
  engine: "tfjs" | "torch";
  /** e.g. "cpu", "tensorflow" (tfjs-node), "cuda" */
  backend: string;
  /** e.g. "cpu: Intel Xeon (2 cores)", "NVIDIA H100 80GB" */
  device: string;
  /** The arithmetic training runs in: "fp32", or "bf16" (autocast on a GPU that has it). */
  precision: "fp32" | "bf16";
  versions: Record<string, string>;
}

export interface TaskSetup {
  taskId: string;
  tier: "smoke" | "short" | "full";
  seed: number;
  /** Folder with the task's data where the task needs files (CIFAR-10, ImageNet-style folders). */
  dataDir?: string;
}

export interface SetupResult {
  epochs: number;
  itersPerEpoch: number;
  trainSamples: number;
}

export interface EpochResult {
  /** Mean training loss of each iteration, in order. */
  losses: number[];
  samples: number;
  seconds: number;
  /** Metrics gathered while training (e.g. train_acc over the epoch's augmented batches), canonical names, fractions. */
  metrics?: Record<string, number>;
}

export interface Engine {
  info(): Promise<EngineInfo>;
  /** Builds the task's data and model for this seed (deterministically where the engine allows). */
  setup(task: TaskSetup): Promise<SetupResult>;
  /**
   * Trains one epoch. `lrAt(i)` gives the rate of iteration i of this epoch. With `onLoss`, the rates
   * depend on the losses (an adaptive schedule stepped per iteration): lrAt(i) must be asked just before
   * iteration i and onLoss(i, loss) called right after it. Without `onLoss`, the epoch's rates are fixed
   * in advance and an engine may ask for all of them first (the torch engine sends them in one message).
   */
  trainEpoch(lrAt: (iteration: number) => number, onLoss?: (iteration: number, loss: number) => void, momentumAt?: (iteration: number) => number | undefined): Promise<EpochResult>;
  /** The task's metrics after an epoch, with canonical names (test_acc, test_loss, train_acc_simple, ...); fractions. */
  evaluate(): Promise<Record<string, number | null>>;
  close(): Promise<void>;
  /** Present where the engine can snapshot and transfer (the torch engine). */
  transfer?: TransferSupport;
  /** Present where the engine can save weights and interpolate between two saved ones (the torch engine). */
  snapshots?: SnapshotSupport;
}

/** One alpha of an interpolation: the network at alpha * w_a + (1 - alpha) * w_b. */
export interface InterpolationPoint {
  alpha: number;
  test_loss: number;
  test_acc: number;
  train_loss: number;
  train_acc: number;
}

export interface InterpolationResult {
  points: InterpolationPoint[];
  trainSubset: number;
  testSamples: number;
  /** True when the network has BatchNorm, whose running statistics were recomputed on the training subset at each alpha. */
  batchNormRecomputed: boolean;
}

/** Weights kept and compared (Smith and Topin's interpolation between two snapshots of one run). */
export interface SnapshotSupport {
  /** Saves the current weights (a state dict) as dir/name.pt. */
  saveWeights(dir: string, name: string): Promise<{ weights: string }>;
  /** Scores the set-up task's network between two saved weights; alpha 1 is `a`, 0 is `b`. */
  interpolate(a: string, b: string, alphas: number[], trainSubset: number): Promise<InterpolationResult>;
}

export interface ProbeResult {
  acc: number;
  iterations: number;
  /** False when the bound on iterations stopped it first. */
  converged: boolean;
}

/** What the transfer task (imagenet-subset-transfer) needs from an engine beyond training. */
export interface TransferSupport {
  /** Saves the current weights and an ONNX export (outputs `logits` and `features`) as dir/name.pt and dir/name.onnx. */
  snapshot(dir: string, name: string): Promise<{ weights: string; onnx: string }>;
  /**
   * `fix` transfer on the engine's own device: the snapshot's frozen features and a multinomial logistic
   * regression trained on them to convergence, or to `maxIterations`, the tier's bound on its cost.
   */
  probe(weights: string, root: string, limits: { train: number; test: number } | null, options: { l2: number; maxIterations: number }): Promise<ProbeResult>;
  /** `finetune` transfer of a snapshot on a target at one rate per epoch; the target's test accuracy. */
  finetune(weights: string, root: string, lrs: number[], limits: { train: number; test: number } | null): Promise<number>;
}
