/**
 * Real OS processes for process-level tests: the test API server (api-server.ts) and `lrbench worker`.
 * Each child runs in a process group of its own, so a test can kill it together with what it started
 * (the worker's Python trainers), and every child still alive is killed by killAll(), even after a failure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const children = new Set<Child>();

export interface Child {
  process: ChildProcess;
  /** stdout and stderr so far, for waiting on a line and for failure messages. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal to the child alone. */
  kill(signal: NodeJS.Signals): void;
  /** SIGKILLs the child's whole process group and waits for the child to be gone. */
  killGroup(): Promise<void>;
}

function start(command: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => void (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => void (output += d.toString()));
  const exited = once(child, "exit").then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  let gone = false;
  void exited.then(() => (gone = true));
  const handle: Child = {
    process: child,
    output: () => output,
    exited,
    kill(signal) {
      if (!gone) child.kill(signal);
    },
    async killGroup() {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // The group is already empty.
      }
      if (!gone) await exited;
      children.delete(handle);
    },
  };
  children.add(handle);
  return handle;
}

/** SIGKILLs every child this file started and whatever they started. */
export async function killAll(): Promise<void> {
  await Promise.all([...children].map((c) => c.killGroup()));
}

/** Polls `probe` until it returns something other than undefined/false; fails with `what` after the timeout. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export interface ApiServer extends Child {
  port: number;
  url: string;
}

/** Starts the test API server on `port` (0: any free one) and waits until it listens. */
export async function startApiServer(databaseUrl: string, env: Record<string, string> = {}, port = 0): Promise<ApiServer> {
  const child = start(process.execPath, ["--import", "tsx", "tests/helpers/api-server.ts"], {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    // A worker writes twice an epoch; the default limits are for the public internet.
    LRBENCH_RATE_LIMIT_IP_PER_MIN: "1000000",
    LRBENCH_RATE_LIMIT_TOKEN_PER_MIN: "1000000",
    ...env,
  });
  const listening = await Promise.race([
    waitFor("the API server to listen", () => /listening (\d+)/.exec(child.output())?.[1], 60_000),
    child.exited.then(({ code, signal }) => {
      throw new Error(`the API server exited (${signal ?? code}) before listening:\n${child.output()}`);
    }),
  ]);
  const bound = Number(listening);
  return { ...child, port: bound, url: `http://127.0.0.1:${bound}` };
}

/** Starts `lrbench worker --once` with the torch engine on CPU, for ps10-noise smoke. */
export function startWorker(server: string, token: string, python: string): Child {
  return start(
    process.execPath,
    ["bin/lrbench.mjs", "worker", "--server", server, "--token", token, "--engine", "torch", "--device", "cpu", "--python", python, "--tasks", "ps10-noise", "--tiers", "smoke", "--once"],
    {},
  );
}
