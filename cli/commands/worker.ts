import { Command, InvalidArgumentError, Option } from "commander";
import { runWorker } from "../../workers/worker";
import type { Engine } from "../../workers/engines/types";
import { CliError, type CliIo } from "../io";

interface WorkerCliOptions {
  server: string;
  token?: string;
  engine: "auto" | "tfjs" | "torch";
  data?: string;
  tasks?: string;
  tiers?: string;
  once?: boolean;
  python?: string;
  device: "auto" | "cpu" | "cuda";
  poll: number;
}

/** auto: torch where a Python with PyTorch is found (every task, GPU or CPU), tfjs otherwise (ps10-noise and fashion-mnist smoke). */
async function resolveEngine(options: WorkerCliOptions, log: (line: string) => void): Promise<"tfjs" | "torch"> {
  if (options.engine !== "auto") return options.engine;
  const { findPython } = await import("../../workers/engines/torch");
  try {
    log(`engine: torch (${findPython(options.python)})`);
    return "torch";
  } catch (error) {
    log(`engine: tfjs, which runs the smoke tiers of ps10-noise and fashion-mnist only; for the torch engine: ${(error as Error).message}`);
    return "tfjs";
  }
}

async function engineFactory(options: WorkerCliOptions, log: (line: string) => void): Promise<() => Engine> {
  if (options.engine === "tfjs") {
    const { createTfjsEngine } = await import("../../workers/engines/tfjs");
    return () => createTfjsEngine();
  }
  const { createTorchEngine, findPython } = await import("../../workers/engines/torch");
  let python: string;
  try {
    python = findPython(options.python);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return () => createTorchEngine({ python, device: options.device, log });
}

/** The short and full tiers are sized for a GPU (tasks.md): a CPU worker claims smoke jobs unless told otherwise. */
async function defaultTiers(createEngine: () => Engine): Promise<string[]> {
  const engine = createEngine();
  try {
    return (await engine.info()).backend === "cuda" ? ["smoke", "short", "full"] : ["smoke"];
  } finally {
    await engine.close();
  }
}

/** The tasks to claim: those asked for, else every task the engine can run with this data folder (the others are logged with what they need). */
async function claimableTasks(options: WorkerCliOptions, log: (line: string) => void): Promise<string[]> {
  if (options.tasks) return options.tasks.split(",").filter(Boolean);
  const { runnableTasks, unavailableTasks } = await import("../../workers/engines/torch");
  for (const { taskId, reason } of unavailableTasks(options.data)) log(`task ${taskId} unavailable on this worker: ${reason}`);
  const runnable = runnableTasks(options.data);
  // tfjs trains the two smoke models written for it; the tier filter keeps it off the others.
  return options.engine === "tfjs" ? runnable.filter((task) => task === "ps10-noise" || task === "fashion-mnist") : runnable;
}

export function workerCommand(io: CliIo): Command {
  return new Command("worker")
    .description("claim replay jobs from an lrbench server and train them (long-running; Ctrl-C returns the current job to the queue)")
    .requiredOption("--server <url>", "the lrbench server")
    .option("--token <token>", "a worker token from `lrbench admin worker register` (default: $LRBENCH_WORKER_TOKEN)")
    .addOption(new Option("--engine <engine>", "training engine").choices(["auto", "tfjs", "torch"]).default("auto"))
    .option("--data <dir>", "folder with task data (CIFAR-10 binaries, ImageNet-style folders)")
    .option("--tasks <ids>", "only these tasks, comma-separated (default: every task the engine runs)")
    .option("--tiers <tiers>", "only these tiers, comma-separated (default: every tier on a GPU, smoke on a CPU)")
    .option("--python <path>", "torch engine: the Python interpreter with PyTorch (default: $LRBENCH_PYTHON, python3, /usr/bin/python3)")
    .addOption(new Option("--device <device>", "torch engine: where to train").choices(["auto", "cpu", "cuda"]).default("auto"))
    .option("--poll <seconds>", "how long to wait before asking again when the queue is empty", (value: string) => {
      const seconds = Number(value);
      if (!(seconds > 0)) throw new InvalidArgumentError(`--poll must be a number of seconds > 0, got '${value}'.`);
      return seconds;
    }, 5)
    .option("--once", "stop after one job")
    .action(async (options: WorkerCliOptions) => {
      const token = options.token ?? process.env.LRBENCH_WORKER_TOKEN;
      if (!token) throw new CliError("a worker token is needed: pass --token or set LRBENCH_WORKER_TOKEN");
      const interactive = process.stderr.isTTY;
      const log = (message: string) => io.stderr(`${interactive ? "\n" : ""}${message}\n`);
      options.engine = await resolveEngine(options, log);
      const createEngine = await engineFactory(options, log);
      const tasks = await claimableTasks(options, log);
      const tiers = options.tiers?.split(",").filter(Boolean) ?? (await defaultTiers(createEngine));
      const stop = new AbortController();
      const onSignal = (signal: string) => {
        io.stderr(`\n${signal}: stopping; the current job goes back to the queue\n`);
        stop.abort();
      };
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      try {
        const done = await runWorker({
          server: options.server,
          token,
          createEngine,
          tasks,
          tiers,
          dataDir: options.data,
          maxJobs: options.once ? 1 : undefined,
          pollSeconds: options.poll,
          signal: stop.signal,
          log,
          progress: (line) => io.stderr(interactive ? `\r${line}` : `${line}\n`),
        });
        io.stderr(`worker stopped after ${done} job${done === 1 ? "" : "s"}\n`);
      } catch (error) {
        throw new CliError((error as Error).message);
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}
