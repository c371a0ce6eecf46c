import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createScheduler, isBudgetRelative, type ResolvedDefinition, type ScheduleDefinition, type ScheduleEvent, type Scheduler } from "../lib/schedules";
import { batchesOf } from "../lib/api/batches";
import type { MetricPointBody } from "../lib/api/runs";
import { assertOk, JobCancelledError, LeaseLostError, NotRetryableError, WorkerApi } from "./client";
import type { Engine, EngineInfo } from "./engines/types";
import { transferDir } from "./engines/torch/plan";
import { checkLoss, checkRate, DivergedError } from "./divergence";
import { isRangeTestJob, runRangeTest } from "./range-test";
import { holdLease } from "./lease";
import { progressLine } from "./progress";
import { evaluateTransfer, type Stage } from "./transfer/evaluate";
import { StageRecorder } from "./transfer/stages";
import { uploadJobFile } from "./upload-file";
import { runVerification, type VerifyJob } from "./verify";
import { runInterpolation, type InterpolateJob } from "./interpolate";

/** The task whose stages are snapshotted and transferred (tasks.md, "imagenet-subset-transfer"). */
export const TRANSFER_TASK = "imagenet-subset-transfer";

export interface ClaimedJob {
  id: string;
  kind?: "replay";
  attemptId: string;
  runId: string;
  taskId: string;
  tier: "smoke" | "short" | "full";
  seed: number;
  definition: ScheduleDefinition;
  /** Keep the weights at every stage end as artifacts (for weight interpolation). */
  snapshots?: boolean;
  leaseSeconds: number;
}

export interface WorkerOptions {
  server: string;
  token: string;
  /** A fresh engine per job, so nothing of one job's model leaks into the next. */
  createEngine: () => Engine;
  tasks?: string[];
  tiers?: string[];
  dataDir?: string;
  pollSeconds?: number;
  /** Stop after this many jobs (tests, one-shot runs). */
  maxJobs?: number;
  signal?: AbortSignal;
  log?: (message: string) => void;
  progress?: (line: string) => void;
}

/** Points waiting to be sent, in order, with the sequence numbers that make a resend harmless. */
class PointSender {
  private pending: MetricPointBody[] = [];
  private seq = 0;
  constructor(
    private readonly api: WorkerApi,
    private readonly job: ClaimedJob,
  ) {}

  add(points: MetricPointBody[]) {
    this.pending.push(...points);
  }

  async flush() {
    while (this.pending.length > 0) {
      const [batch] = batchesOf(this.pending);
      assertOk(await this.api.post(`/worker/jobs/${this.job.id}/points`, { attemptId: this.job.attemptId, seq: this.seq, points: batch }), "sending metrics");
      this.pending.splice(0, batch.length);
      this.seq++;
    }
  }
}

/**
 * The arguments of Engine.trainEpoch for one epoch. Only an adaptive schedule stepped per iteration
 * needs the losses as they come (lockstep); every other schedule's rates for the epoch are known
 * before it starts, so they are computed up front and the engine may train the epoch in one go.
 */
function epochRates(
  scheduler: Scheduler,
  iterations: number,
  perIteration: boolean,
  events: ScheduleEvent[],
  checkAbort: () => void,
  epoch: number,
): Parameters<Engine["trainEpoch"]> {
  // The scheduler counts iterations; the run is charted per epoch.
  const record = (produced: ScheduleEvent[]) => events.push(...produced.map((e) => ({ ...e, step: e.step / iterations })));
  if (perIteration && scheduler.adaptive) {
    // Lockstep: a rate or loss that is not finite stops the epoch at its iteration (the engines stop when these throw).
    let lr = 0;
    return [
      (iteration) => {
        checkAbort();
        lr = checkRate(scheduler.lr(), { epoch, iteration });
        return lr;
      },
      (iteration, loss) => {
        checkLoss(loss, lr, { epoch, iteration });
        if (!scheduler.terminated) record(scheduler.advance(loss));
      },
      () => scheduler.momentum(),
    ];
  }
  const lrs: number[] = [];
  const momenta: (number | undefined)[] = [];
  for (let i = 0; i < iterations; i++) {
    // A rate the engine cannot train with ends the run before the epoch starts, and never reaches the trainer.
    lrs.push(checkRate(scheduler.lr(), { epoch, iteration: i }));
    momenta.push(scheduler.momentum());
    if (perIteration && !scheduler.terminated) record(scheduler.advance());
  }
  return [
    (i) => {
      checkAbort();
      return lrs[i];
    },
    undefined,
    (i) => momenta[i],
  ];
}

/**
 * The schedule to step through: a budget-relative one resolved by the server for the budget the engine
 * set up (which also stores it on the run). One that cannot resolve fails for good: every attempt would.
 */
async function resolvedSchedule(api: WorkerApi, job: ClaimedJob, setup: { epochs: number; itersPerEpoch: number }): Promise<ResolvedDefinition> {
  if (!isBudgetRelative(job.definition)) return job.definition as ResolvedDefinition;
  const answer = await api.post(`/worker/jobs/${job.id}/resolve`, { attemptId: job.attemptId, epochs: setup.epochs, itersPerEpoch: setup.itersPerEpoch });
  if (answer.status === 422) throw new NotRetryableError(answer.body?.error?.message ?? "the schedule cannot be resolved for this budget");
  return assertOk(answer, "resolving the schedule").definition as ResolvedDefinition;
}

const SEND_EVERY_MS = 1000;

const value = (v: number) => (Number.isFinite(v) ? v : (String(v) as unknown as number));

/** Trains one claimed job to the end of its budget (or its schedule's termination) and reports it. */
export async function runJob(api: WorkerApi, job: ClaimedJob, engine: Engine, options: Pick<WorkerOptions, "dataDir" | "signal" | "log" | "progress">) {
  const log = options.log ?? (() => {});
  const jobAbort = new AbortController();
  const abortReason = () => jobAbort.signal.reason as Error;
  const onStop = () => jobAbort.abort(new Error("worker stopping"));
  options.signal?.addEventListener("abort", onStop, { once: true });
  let progress: Record<string, unknown> = {};
  const lease = holdLease(api, job, () => progress, (reason) => jobAbort.abort(reason));

  const sender = new PointSender(api, job);
  let workDir: string | null = null;
  try {
    const setup = await engine.setup({ taskId: job.taskId, tier: job.tier, seed: job.seed, dataDir: options.dataDir });
    let transferStages: StageRecorder<Omit<Stage, "epoch">> | null = null;
    let recorder: Pick<StageRecorder<object>, "afterEpoch"> | null = null;
    if (job.taskId === TRANSFER_TASK) {
      if (!engine.transfer) throw new Error(`${TRANSFER_TASK} needs an engine that snapshots and transfers (--engine torch)`);
      workDir = await mkdtemp(path.join(os.tmpdir(), "lrbench-stages-"));
      const transfer = engine.transfer;
      recorder = transferStages = new StageRecorder((dir, name) => transfer.snapshot(dir, name), workDir, (files, name, epoch) => uploadJobFile(api, job, files.onnx, { name: `${name}.onnx`, kind: "onnx", epoch }, log));
    } else if (job.snapshots) {
      // Weights at every stage end, decays and cycle ends alike, for interpolating between them later.
      if (!engine.snapshots) throw new NotRetryableError("keeping snapshots needs an engine that saves weights (--engine torch)");
      const snapshots = engine.snapshots;
      workDir = await mkdtemp(path.join(os.tmpdir(), "lrbench-snapshots-"));
      recorder = new StageRecorder((dir, name) => snapshots.saveWeights(dir, name), workDir, (files, name, epoch) => uploadJobFile(api, job, files.weights, { name: `${name}.pt`, kind: "snapshot", epoch }, log), { cycleEnds: true });
    }
    const definition = await resolvedSchedule(api, job, setup);
    const scheduler = createScheduler(definition);
    const perIteration = definition.unit === "iteration";
    const events: ScheduleEvent[] = [];
    const started = performance.now();
    let lastSent = -Infinity;
    const checkAbort = () => {
      if (jobAbort.signal.aborted) throw abortReason();
    };

    let diverged: DivergedError | null = null;
    const rangeTest = isRangeTestJob(definition);
    try {
      if (rangeTest) {
        events.push(
          ...(await runRangeTest(engine, scheduler, (definition as { steps: number }).steps, {
            add: (points) => sender.add(points),
            flush: () => sender.flush(),
            checkAbort,
            onStep: (step, steps, loss) => {
              progress = { step, steps, train_loss: loss };
              if (step === steps || step % Math.ceil(steps / 20) === 0) options.progress?.(progressLine(`job ${job.id.slice(0, 8)} range test`, step, steps, { loss }, "step"));
            },
          })),
        );
      }
      for (let epoch = 0; !rangeTest && epoch < setup.epochs && !scheduler.terminated; epoch++) {
        checkAbort();
        const epochLr = scheduler.lr();
        const eventsBefore = events.length;
        const rates = epochRates(scheduler, setup.itersPerEpoch, perIteration, events, checkAbort, epoch);
        const result = await engine.trainEpoch(...rates);
        // The epoch's points are not sent: the run keeps the last finite ones.
        const bad = result.losses.findIndex((loss) => !Number.isFinite(loss));
        if (bad >= 0) checkLoss(result.losses[bad], rates[0](bad), { epoch, iteration: bad });
        const trainLoss = result.losses.reduce((s, l) => s + l, 0) / Math.max(1, result.losses.length);
        if (!perIteration) events.push(...(scheduler.adaptive ? scheduler.advance(trainLoss) : scheduler.advance()));
        const metrics = await engine.evaluate();
        const wallTime = (performance.now() - started) / 1000;
        await recorder?.afterEpoch(epoch, epochLr, scheduler.lr(), {
          decayed: events.slice(eventsBefore).some((e) => e.type === "decay"),
          last: epoch === setup.epochs - 1 || scheduler.terminated,
        });
        sender.add([
          { name: "lr", x: epoch, value: epochLr },
          { name: "train_loss", x: epoch, value: value(trainLoss) },
          { name: "wall_time", x: epoch, value: wallTime },
          { name: "samples_per_second", x: epoch, value: result.samples / Math.max(1e-9, result.seconds) },
          ...Object.entries({ ...result.metrics, ...metrics })
            .filter((entry): entry is [string, number] => typeof entry[1] === "number")
            .map(([name, v]) => ({ name, x: epoch, value: value(v) })),
        ]);
        progress = { epoch: epoch + 1, epochs: setup.epochs, train_loss: trainLoss, test_acc: metrics.test_acc ?? null };
        options.progress?.(progressLine(`job ${job.id.slice(0, 8)} seed ${job.seed}`, epoch + 1, setup.epochs, { loss: trainLoss, test_acc: metrics.test_acc }));
        // Epochs of a small task last a fraction of a second: metrics and live progress go out at most
        // once a second each, the rest stays buffered (in order) until then or the end.
        if (performance.now() - lastSent >= SEND_EVERY_MS) {
          await sender.flush();
          lease.beat();
          lastSent = performance.now();
        }
      }
    } catch (error) {
      if (!(error instanceof DivergedError) || jobAbort.signal.aborted) throw error;
      diverged = error;
    }
    checkAbort();
    if (transferStages && workDir && !diverged) {
      sender.add(
        await evaluateTransfer(engine.transfer!, transferStages.stages, {
          tier: job.tier,
          transferRoot: transferDir(options.dataDir ?? ""),
          workDir,
          log,
          checkAbort,
          onProgress: (done, total, what) => {
            progress = { ...progress, transfer: `${done}/${total}` };
            options.progress?.(progressLine(`job ${job.id.slice(0, 8)}`, done, total, {}, "transfer") + (done < total ? ` (${what})` : ""));
          },
        }),
      );
    }
    await sender.flush();
    // A divergence is the run's result: the job completes (never retried) and the run ends `diverged`.
    const outcome = diverged ? { outcome: "diverged", at: diverged.at, reason: diverged.reason } : {};
    assertOk(await api.post(`/worker/jobs/${job.id}/complete`, { attemptId: job.attemptId, scheduleEvents: events, ...outcome }), "completing the job");
    log(diverged ? `job ${job.id} done: ${diverged.message}` : `job ${job.id} done`);
  } catch (error) {
    const reason = jobAbort.signal.aborted ? abortReason() : (error as Error);
    if (reason instanceof LeaseLostError) log(`job ${job.id}: lease lost; another worker will run it`);
    else if (reason instanceof JobCancelledError) log(`job ${job.id}: cancelled`);
    else {
      // Stopping on a signal returns the job to the queue; any other error is reported as the attempt's failure.
      const message = options.signal?.aborted ? "the worker was stopped" : (reason.message ?? String(reason));
      const retryable = !(reason instanceof NotRetryableError);
      log(`job ${job.id} failed: ${message}`);
      await api.post(`/worker/jobs/${job.id}/fail`, { attemptId: job.attemptId, error: message, retryable }).catch(() => undefined);
    }
  } finally {
    lease.stop();
    options.signal?.removeEventListener("abort", onStop);
    await engine.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}

function hardware(info: EngineInfo) {
  return { cpu: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.arch()}`, ...info.versions };
}

/** Claims and runs jobs until stopped. */
export async function runWorker(options: WorkerOptions): Promise<number> {
  const log = options.log ?? ((m: string) => console.error(m));
  const api = new WorkerApi(options.server.replace(/\/$/, ""), options.token, log, options.signal);
  let done = 0;
  while (!options.signal?.aborted && (options.maxJobs === undefined || done < options.maxJobs)) {
    const engine = options.createEngine();
    const info = await engine.info();
    let claimed;
    try {
      claimed = await api.post("/worker/claim", {
        tasks: options.tasks,
        tiers: options.tiers,
        engine: info.engine,
        backend: info.backend,
        device: info.device,
        precision: info.precision,
        hardware: hardware(info),
        weights: engine.snapshots !== undefined,
      });
    } catch (error) {
      await engine.close();
      if (options.signal?.aborted) break;
      throw error;
    }
    if (claimed.status === 204) {
      await engine.close();
      await sleep((options.pollSeconds ?? 5) * 1000, undefined, { signal: options.signal }).catch(() => undefined);
      continue;
    }
    const claim = assertOk(claimed, "claiming a job").job as ClaimedJob | VerifyJob | InterpolateJob;
    if (claim.kind === "interpolate") {
      log(`claimed job ${claim.id}: interpolate run ${claim.runId} on ${claim.taskId} ${claim.tier}`);
      await runInterpolation(api, claim, engine, { dataDir: options.dataDir, log });
      done++;
      continue;
    }
    if (claim.kind === "verify") {
      await engine.close();
      log(`claimed job ${claim.id}: verify run ${claim.runId} on ${claim.taskId} ${claim.tier}`);
      await runVerification(api, claim, { dataDir: options.dataDir, log });
      done++;
      continue;
    }
    const job = claim;
    log(`claimed job ${job.id}: ${job.definition.kind} on ${job.taskId} ${job.tier}, seed ${job.seed} (engine ${info.engine}, ${info.backend})`);
    await runJob(api, job, engine, { dataDir: options.dataDir, signal: options.signal, log, progress: options.progress });
    done++;
  }
  return done;
}
