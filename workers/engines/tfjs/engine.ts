/** The tfjs Engine: ps10-noise smoke (the Fourier-feature MLP on the vector form), trained at exactly the rates it is given. */
import { generatePs10TaskData, Sfc32, PS10_CLASSES, type Ps10Dataset } from "@/lib/tasks/ps10";
import type { Engine, EngineInfo, EpochResult, SetupResult, TaskSetup } from "../types";
import { loadTf, type LoadedTf, type Tf } from "./backend";
import { ps10Record } from "../ps10-metrics";
import { createMlp, crossEntropy, forward, type Mlp } from "./mlp";
import { createVelocities, sgdStep } from "./sgd";
import { permutation } from "./shuffle";
import { STREAM_SHUFFLE } from "./streams";
import { planPs10, type SizeOverride } from "./task";

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
  data: Ps10Dataset;
  batchSize: number;
  trainX: Tensor2D;
  trainY: Tensor2D;
  testX: Tensor2D;
  testY: Tensor2D;
  mlp: Mlp;
  velocities: Variable[];
  order: Sfc32;
}

function disposeSession(s: Session): void {
  for (const t of [s.trainX, s.trainY, s.testX, s.testY, s.mlp.projection, ...s.mlp.params, ...s.velocities]) t.dispose();
}

function tensors(tf: Tf, inputs: Float32Array, labels: Int32Array, n: number): [Tensor2D, Tensor2D] {
  const x = tf.tensor2d(inputs, [n, inputs.length / Math.max(n, 1)]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, "int32"), PS10_CLASSES).toFloat() as Tensor2D);
  return [x, y];
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
      // Plan first: an unsupported task fails before the backend is loaded or data is drawn.
      const plan = planPs10(task, options.sizes);
      const { tf } = await tfjs();
      if (session) disposeSession(session);
      session = null;
      const data = generatePs10TaskData({ trainSize: plan.trainSize, testSize: plan.testSize });
      const [trainX, trainY] = tensors(tf, data.train.inputs, data.train.labels, data.train.n);
      const [testX, testY] = tensors(tf, data.test.inputs, data.test.labels, data.test.n);
      const mlp = createMlp(tf, task.seed);
      session = {
        data, batchSize: plan.batchSize, trainX, trainY, testX, testY, mlp,
        velocities: createVelocities(tf, mlp.params),
        order: new Sfc32(task.seed, STREAM_SHUFFLE),
      };
      return {
        epochs: plan.tier.epochs,
        // The last, partial batch is kept, as torch's DataLoader does by default (drop_last=False).
        itersPerEpoch: Math.ceil(data.train.n / plan.batchSize),
        trainSamples: data.train.n,
      };
    },

    async trainEpoch(lrAt, onLoss, momentumAt): Promise<EpochResult> {
      const s = current();
      const { tf } = await tfjs();
      const started = performance.now();
      const n = s.data.train.n;
      const order = permutation(n, s.order);
      const iterations = Math.ceil(n / s.batchSize);
      const losses: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const lr = lrAt(i);
        if (!Number.isFinite(lr)) throw new RangeError(`lrAt(${i}) gave ${lr}; a rate must be a finite number`);
        const momentum = momentumAt?.(i) ?? DEFAULT_MOMENTUM;
        if (!Number.isFinite(momentum)) throw new RangeError(`momentumAt(${i}) gave ${momentum}`);
        const batch = order.subarray(i * s.batchSize, Math.min(n, (i + 1) * s.batchSize));
        let loss = NaN;
        tf.tidy(() => {
          const idx = tf.tensor1d(batch, "int32");
          const x = tf.gather(s.trainX, idx);
          const y = tf.gather(s.trainY, idx);
          const { value, grads } = tf.variableGrads(() => crossEntropy(tf, forward(tf, s.mlp, x), y), s.mlp.params);
          sgdStep(tf, s.mlp.params, s.velocities, s.mlp.params.map((p) => grads[p.name]), { lr, momentum, weightDecay: WEIGHT_DECAY });
          loss = value.dataSync()[0];
        });
        losses.push(loss);
        onLoss?.(i, loss);
      }
      return { losses, samples: n, seconds: (performance.now() - started) / 1000 };
    },

    async evaluate(): Promise<Record<string, number | null>> {
      const s = current();
      const { tf } = await tfjs();
      const run = (x: Tensor2D, y: Tensor2D): { predictions: Int32Array; loss: number } =>
        tf.tidy(() => {
          if (x.shape[0] === 0) return { predictions: new Int32Array(0), loss: NaN };
          const logits = forward(tf, s.mlp, x);
          return {
            // A copy: dataSync may hand back the backend's own buffer, which disposal releases.
            predictions: Int32Array.from(tf.argMax(logits, 1).dataSync()),
            loss: crossEntropy(tf, logits, y).dataSync()[0],
          };
        });
      const train = run(s.trainX, s.trainY);
      const test = run(s.testX, s.testY);
      return ps10Record(s.data.train, s.data.test, {
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
