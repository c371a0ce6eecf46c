/**
 * The torch Engine: a Python PyTorch trainer (python/trainer.py) driven over JSON lines. CUDA with bf16
 * autocast and channels-last where a GPU is present, CPU otherwise. PS10's data come from the
 * TypeScript generator as raw float32 files, so both engines train on the very same samples.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generatePs10TaskData, type Ps10Dataset } from "@/lib/tasks/ps10";
import { ps10Record } from "../ps10-metrics";
import type { Engine, EngineInfo, EpochResult, ProbeResult, SetupResult, TaskSetup, TransferSupport, SnapshotSupport, InterpolationResult } from "../types";
import { planTorchTask, type SizeOverride, type TorchPlan } from "./plan";
import { findPython } from "./python-runtime";
import { lossValue, TrainerProcess } from "./trainer-process";

export interface TorchEngineOptions {
  /** The interpreter; default: $LRBENCH_PYTHON or the first python3 that imports torch. */
  python?: string;
  device?: "auto" | "cpu" | "cuda";
  /** "auto": bf16 autocast on a GPU that supports it, fp32 elsewhere. */
  precision?: "auto" | "fp32";
  /** Smaller data than the tier's, for tests; results with it are not the task's. */
  sizes?: SizeOverride;
  log?: (line: string) => void;
}

interface SplitEvaluation {
  loss: number | string;
  acc: number | null;
  predictions?: number[];
}

interface Session {
  plan: TorchPlan;
  trainer: TrainerProcess;
  workDir: string;
  itersPerEpoch: number;
  ps10: Ps10Dataset | null;
}

const infoCache = new Map<string, Promise<EngineInfo>>();

async function writePs10(dir: string, data: Ps10Dataset): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const split of ["train", "test"] as const) {
    files[`${split}X`] = path.join(dir, `${split}_x.f32`);
    files[`${split}Y`] = path.join(dir, `${split}_y.i32`);
    await writeFile(files[`${split}X`], new Uint8Array(data[split].inputs.buffer, data[split].inputs.byteOffset, data[split].inputs.byteLength));
    await writeFile(files[`${split}Y`], new Uint8Array(data[split].labels.buffer, data[split].labels.byteOffset, data[split].labels.byteLength));
  }
  return files;
}

function rateAt(i: number, lrAt: (i: number) => number, momentumAt?: (i: number) => number | undefined) {
  const lr = lrAt(i);
  if (!Number.isFinite(lr)) throw new RangeError(`lrAt(${i}) gave ${lr}; a rate must be a finite number`);
  const momentum = momentumAt?.(i);
  if (momentum !== undefined && !Number.isFinite(momentum)) throw new RangeError(`momentumAt(${i}) gave ${momentum}`);
  return { lr, momentum: momentum ?? null };
}

function epochRates(count: number, lrAt: (i: number) => number, momentumAt?: (i: number) => number | undefined) {
  const rates = Array.from({ length: count }, (_, i) => rateAt(i, lrAt, momentumAt));
  const momenta = rates.map((r) => r.momentum);
  // null: the schedule leaves momentum alone, and the optimizer keeps the task's.
  return { lrs: rates.map((r) => r.lr), momenta: momenta.every((m) => m === null) ? null : momenta };
}

export function createTorchEngine(options: TorchEngineOptions = {}): Engine {
  const log = options.log ?? (() => {});
  let session: Session | null = null;
  const current = (): Session => {
    if (!session) throw new Error("torch engine: call setup() first");
    return session;
  };
  const python = () => options.python ?? findPython();

  const closeSession = async () => {
    if (!session) return;
    const s = session;
    session = null;
    await s.trainer.close();
    await rm(s.workDir, { recursive: true, force: true });
  };

  return {
    info(): Promise<EngineInfo> {
      // Importing torch takes seconds and the worker asks before every claim: once per interpreter and device.
      const interpreter = python();
      const key = `${interpreter}|${options.device ?? "auto"}|${options.precision ?? "auto"}`;
      let info = infoCache.get(key);
      if (!info) {
        const probe = new TrainerProcess(interpreter, {}, log);
        info = probe.request<EngineInfo>("info", { device: options.device ?? "auto", precision: options.precision ?? "auto" }).finally(() => probe.close());
        info.catch(() => infoCache.delete(key));
        infoCache.set(key, info);
      }
      return info;
    },

    async setup(task: TaskSetup): Promise<SetupResult> {
      // Plan first: an unsupported task or missing data fails before anything is started.
      const plan = planTorchTask(task, options.sizes);
      await closeSession();
      const workDir = await mkdtemp(path.join(os.tmpdir(), "lrbench-torch-"));
      let ps10: Ps10Dataset | null = null;
      let data: Record<string, unknown> = plan.data;
      if (plan.data.kind === "ps10") {
        ps10 = generatePs10TaskData({ trainSize: options.sizes?.train ?? plan.tier.trainSamples, testSize: options.sizes?.test ?? plan.tier.testSamples });
        data = { ...plan.data, files: await writePs10(workDir, ps10) };
      }
      const trainer = new TrainerProcess(python(), {}, log);
      try {
        const summary = await trainer.request<{ itersPerEpoch: number; trainSamples: number }>("setup", {
          seed: task.seed,
          device: options.device ?? "auto",
          precision: options.precision ?? "auto",
          plan: { model: plan.model, data, batchSize: plan.batchSize, weightDecay: plan.weightDecay, momentum: plan.momentum, nesterov: plan.nesterov },
        });
        session = { plan, trainer, workDir, itersPerEpoch: summary.itersPerEpoch, ps10 };
        return { epochs: plan.tier.epochs, itersPerEpoch: summary.itersPerEpoch, trainSamples: summary.trainSamples };
      } catch (error) {
        await trainer.close();
        await rm(workDir, { recursive: true, force: true });
        throw error;
      }
    },

    async trainEpoch(lrAt, onLoss, momentumAt): Promise<EpochResult> {
      const s = current();
      type Answer = { losses: (number | string)[]; samples: number; seconds: number; trainAcc: number };
      let answer: Answer;
      if (!onLoss) {
        answer = await s.trainer.request<Answer>("train_epoch", epochRates(s.itersPerEpoch, lrAt, momentumAt));
      } else {
        // Lockstep: the next rate depends on this loss, so each iteration waits for the worker's answer.
        let stopped: unknown = null;
        try {
          answer = await s.trainer.request<Answer>("train_epoch", { lockstep: true, ...rateAt(0, lrAt, momentumAt) }, ({ step, loss }) => {
            try {
              onLoss(step, lossValue(loss));
              s.trainer.write(rateAt(step + 1, lrAt, momentumAt));
            } catch (error) {
              stopped = error;
              s.trainer.write({ stop: true });
            }
          });
        } catch (error) {
          throw stopped ?? error;
        }
      }
      const losses = answer.losses.map(lossValue);
      // PS10's train accuracy is measured after the epoch on unaugmented data (evaluate); other tasks report the epoch's.
      return { losses, samples: answer.samples, seconds: answer.seconds, metrics: s.ps10 ? undefined : { train_acc: answer.trainAcc } };
    },

    async evaluate(): Promise<Record<string, number | null>> {
      const s = current();
      const result = await s.trainer.request<{ train?: SplitEvaluation; test: SplitEvaluation }>("evaluate");
      if (s.ps10) {
        return ps10Record(s.ps10.train, s.ps10.test, {
          trainPredictions: Int32Array.from(result.train!.predictions!),
          testPredictions: Int32Array.from(result.test.predictions!),
          trainLoss: lossValue(result.train!.loss),
          testLoss: lossValue(result.test.loss),
        });
      }
      return { test_acc: result.test.acc, test_loss: lossValue(result.test.loss) };
    },

    async close(): Promise<void> {
      await closeSession();
    },

    transfer: {
      async snapshot(dir, name) {
        const weights = path.join(dir, `${name}.pt`);
        const onnx = path.join(dir, `${name}.onnx`);
        await current().trainer.request("snapshot", { path: weights, onnx });
        return { weights, onnx };
      },
      probe(weights, root, limits, options) {
        return current().trainer.request<ProbeResult>("probe", { snapshot: weights, root, trainSize: limits?.train ?? null, testSize: limits?.test ?? null, ...options });
      },
      async finetune(weights, root, lrs, limits) {
        const result = await current().trainer.request<{ acc: number }>("finetune", { snapshot: weights, root, lrs, trainSize: limits?.train ?? null, testSize: limits?.test ?? null });
        return result.acc;
      },
    } satisfies TransferSupport,

    snapshots: {
      async saveWeights(dir, name) {
        const weights = path.join(dir, `${name}.pt`);
        await current().trainer.request("snapshot", { path: weights });
        return { weights };
      },
      async interpolate(a, b, alphas, trainSubset) {
        const result = await current().trainer.request<InterpolationResult>("interpolate", { a, b, alphas, trainSubset });
        // JSON carries a non-finite loss as a string; it is a number again here.
        return { ...result, points: result.points.map((p) => ({ ...p, test_loss: Number(p.test_loss), train_loss: Number(p.train_loss) })) };
      },
    } satisfies SnapshotSupport,
  };
}
