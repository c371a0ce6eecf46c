/**
 * The tfjs Engine: the smoke tiers of ps10-noise (the Fourier-feature MLP on the vector form) and
 * fashion-mnist (softmax regression, plain SGD), trained at exactly the rates it is given.
 */
import { accuracy } from "@/lib/tasks/accuracy";
import { FASHION_MNIST_CLASSES, FASHION_MNIST_PIXELS, readFashionMnist, standardise } from "@/lib/tasks/fashion-mnist";
import { generatePs10TaskData, Sfc32, PS10_CLASSES, type Ps10Dataset } from "@/lib/tasks/ps10";
import type { Engine, EngineInfo, EpochResult, SetupResult, TaskSetup } from "../types";
import { loadTf, type LoadedTf, type Tf } from "./backend";
import { ps10Record } from "../ps10-metrics";
import { createMlp, crossEntropy, forward } from "./mlp";
import { createVelocities, sgdStep } from "./sgd";
import { permutation } from "./shuffle";
import { createSoftmaxRegression, softmaxLogits } from "./softmax";
import { STREAM_SHUFFLE } from "./streams";
import { planTfjsTask, type SizeOverride } from "./task";

type Tensor = import("@tensorflow/tfjs").Tensor;
type Tensor2D = import("@tensorflow/tfjs").Tensor2D;
type Variable = import("@tensorflow/tfjs").Variable;

export interface TfjsEngineOptions {
  /** "auto": tfjs-node-gpu, then tfjs-node, then pure JS; "cpu": pure JS whatever is installed. */
  backend?: "auto" | "cpu";
  /** Smaller data than the tier's, for tests; results with it are not the task's. */
  sizes?: SizeOverride;
}

/** The catalog's optimizer for ps10-noise: SGD, momentum 0.9, weight decay 5e-4. */
export const DEFAULT_MOMENTUM = 0.9;
export const WEIGHT_DECAY = 5e-4;

interface Session {
  n: number;
  batchSize: number;
  trainX: Tensor2D;
  trainY: Tensor2D;
  testX: Tensor2D;
  testY: Tensor2D;
  params: Variable[];
  /** Fixed tensors the model holds besides its parameters (the MLP's projection). */
  fixed: Tensor[];
  logits: (x: Tensor2D) => Tensor2D;
  velocities: Variable[];
  order: Sfc32;
  /** The task's optimizer where the schedule does not set momentum. */
  momentum: number;
  weightDecay: number;
  /** ps10-noise: subset metrics from the data's kinds; fashion-mnist: accuracy over the epoch's batches. */
  ps10: Ps10Dataset | null;
}

function disposeSession(s: Session): void {
  for (const t of [s.trainX, s.trainY, s.testX, s.testY, ...s.fixed, ...s.params, ...s.velocities]) t.dispose();
}

function tensors(tf: Tf, inputs: Float32Array, labels: Int32Array, n: number, classes: number): [Tensor2D, Tensor2D] {
  const x = tf.tensor2d(inputs, [n, inputs.length / Math.max(n, 1)]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, "int32"), classes).toFloat() as Tensor2D);
  return [x, y];
}

async function ps10Session(tf: Tf, seed: number, trainSize: number, testSize: number) {
  const data = generatePs10TaskData({ trainSize, testSize });
  const mlp = createMlp(tf, seed);
  const [trainX, trainY] = tensors(tf, data.train.inputs, data.train.labels, data.train.n, PS10_CLASSES);
  const [testX, testY] = tensors(tf, data.test.inputs, data.test.labels, data.test.n, PS10_CLASSES);
  return {
    n: data.train.n, trainX, trainY, testX, testY, params: mlp.params, fixed: [mlp.projection],
    logits: (x: Tensor2D) => forward(tf, mlp, x), momentum: DEFAULT_MOMENTUM, weightDecay: WEIGHT_DECAY, ps10: data,
  };
}

async function fashionMnistSession(tf: Tf, seed: number, dir: string, trainSize: number, testSize: number) {
  const [train, test] = await Promise.all([readFashionMnist(dir, "train", trainSize), readFashionMnist(dir, "test", testSize)]);
  const [trainX, trainY] = tensors(tf, standardise(train.pixels), train.labels, train.n, FASHION_MNIST_CLASSES);
  const [testX, testY] = tensors(tf, standardise(test.pixels), test.labels, test.n, FASHION_MNIST_CLASSES);
  const params = createSoftmaxRegression(tf, seed, FASHION_MNIST_PIXELS, FASHION_MNIST_CLASSES);
  // The article's one-layer network: plain SGD, no momentum, no weight decay (tasks.md).
  return { n: train.n, trainX, trainY, testX, testY, params, fixed: [], logits: (x: Tensor2D) => softmaxLogits(tf, params, x), momentum: 0, weightDecay: 0, ps10: null };
}

export function createTfjsEngine(options: TfjsEngineOptions = {}): Engine {
  let loading: Promise<LoadedTf> | null = null;
  const tfjs = (): Promise<LoadedTf> => (loading ??= loadTf(options.backend ?? "auto"));
  let session: Session | null = null;

  const current = (): Session => {
    if (!session) throw new Error("tfjs engine: call setup() first");
    return session;
  };

  return {
    async info(): Promise<EngineInfo> {
      const { tf, backend, device } = await tfjs();
      const versions: Record<string, string> = { node: process.versions.node };
      for (const [name, v] of Object.entries(tf.version as Record<string, string>)) versions[name] = v;
      return { engine: "tfjs", backend, device, precision: "fp32", versions };
    },

    async setup(task: TaskSetup): Promise<SetupResult> {
      // Plan first: an unsupported task or missing data fails before the backend is loaded or data is read.
      const plan = planTfjsTask(task, options.sizes);
      const { tf } = await tfjs();
      if (session) disposeSession(session);
      session = null;
      const parts = plan.kind === "ps10" ? await ps10Session(tf, task.seed, plan.trainSize, plan.testSize) : await fashionMnistSession(tf, task.seed, plan.dir!, plan.trainSize, plan.testSize);
      session = { ...parts, batchSize: plan.batchSize, velocities: createVelocities(tf, parts.params), order: new Sfc32(task.seed, STREAM_SHUFFLE) };
      return {
        epochs: plan.tier.epochs,
        // The last, partial batch is kept, as torch's DataLoader does by default (drop_last=False).
        itersPerEpoch: Math.ceil(parts.n / plan.batchSize),
        trainSamples: parts.n,
      };
    },

    async trainEpoch(lrAt, onLoss, momentumAt): Promise<EpochResult> {
      const s = current();
      const { tf } = await tfjs();
      const started = performance.now();
      const order = permutation(s.n, s.order);
      const iterations = Math.ceil(s.n / s.batchSize);
      const losses: number[] = [];
      let hits = 0;
      for (let i = 0; i < iterations; i++) {
        const lr = lrAt(i);
        if (!Number.isFinite(lr)) throw new RangeError(`lrAt(${i}) gave ${lr}; a rate must be a finite number`);
        const momentum = momentumAt?.(i) ?? s.momentum;
        if (!Number.isFinite(momentum)) throw new RangeError(`momentumAt(${i}) gave ${momentum}`);
        const batch = order.subarray(i * s.batchSize, Math.min(s.n, (i + 1) * s.batchSize));
        let loss = NaN;
        tf.tidy(() => {
          const idx = tf.tensor1d(batch, "int32");
          const x = tf.gather(s.trainX, idx);
          const y = tf.gather(s.trainY, idx);
          let correct: Tensor | null = null;
          const { value, grads } = tf.variableGrads(() => {
            const logits = s.logits(x);
            if (!s.ps10) correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), "int32")));
            return crossEntropy(tf, logits, y);
          }, s.params);
          sgdStep(tf, s.params, s.velocities, s.params.map((p) => grads[p.name]), { lr, momentum, weightDecay: s.weightDecay });
          loss = value.dataSync()[0];
          if (correct) {
            hits += (correct as Tensor).dataSync()[0];
            (correct as Tensor).dispose();
          }
        });
        losses.push(loss);
        onLoss?.(i, loss);
      }
      // PS10's train accuracy is measured after the epoch on its subsets (evaluate); fashion-mnist's is the epoch's, as the torch engine reports it.
      return { losses, samples: s.n, seconds: (performance.now() - started) / 1000, metrics: s.ps10 ? undefined : { train_acc: hits / Math.max(1, s.n) } };
    },

    async evaluate(): Promise<Record<string, number | null>> {
      const s = current();
      const { tf } = await tfjs();
      const run = (x: Tensor2D, y: Tensor2D): { predictions: Int32Array; loss: number } =>
        tf.tidy(() => {
          if (x.shape[0] === 0) return { predictions: new Int32Array(0), loss: NaN };
          const logits = s.logits(x);
          return {
            // A copy: dataSync may hand back the backend's own buffer, which disposal releases.
            predictions: Int32Array.from(tf.argMax(logits, 1).dataSync()),
            loss: crossEntropy(tf, logits, y).dataSync()[0],
          };
        });
      const test = run(s.testX, s.testY);
      if (!s.ps10) {
        const labels = tf.tidy(() => Int32Array.from(tf.argMax(s.testY, 1).dataSync()));
        return { test_acc: accuracy(test.predictions, labels), test_loss: test.loss };
      }
      const train = run(s.trainX, s.trainY);
      return ps10Record(s.ps10.train, s.ps10.test, {
        trainPredictions: train.predictions,
        testPredictions: test.predictions,
        trainLoss: train.loss,
        testLoss: test.loss,
      });
    },

    async close(): Promise<void> {
      if (session) disposeSession(session);
      session = null;
    },
  };
}
