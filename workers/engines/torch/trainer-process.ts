/**
 * The Python trainer as a child process: one JSON request per line on its stdin, one answer per line
 * on its stdout, its stderr kept (the last lines go into errors so a Python traceback is not lost).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const TRAINER_SCRIPT = fileURLToPath(new URL("./python/trainer.py", import.meta.url));
const STDERR_LINES_KEPT = 40;

/** An interim message of a lockstep epoch: iteration `step` is done with this loss. */
export interface StepMessage {
  step: number;
  loss: number | string;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onStep?: (message: StepMessage) => void;
}

export class TrainerError extends Error {}

export class TrainerProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  private readonly stderrTail: string[] = [];
  private nextId = 1;
  private exit: Error | null = null;

  constructor(python: string, env: Record<string, string> = {}, private readonly log: (line: string) => void = () => {}) {
    this.child = spawn(python, ["-u", TRAINER_SCRIPT], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    createInterface({ input: this.child.stdout }).on("line", (line) => this.onLine(line));
    createInterface({ input: this.child.stderr }).on("line", (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_LINES_KEPT) this.stderrTail.shift();
      this.log(line);
    });
    this.child.on("error", (error) => this.fail(new TrainerError(`could not start ${python}: ${error.message}`)));
    this.child.on("exit", (code, signal) => this.fail(new TrainerError(`the PyTorch trainer exited (${signal ?? `code ${code}`})${this.tail()}`)));
    // A trainer that died takes its unread pipe with it; the exit handler reports that, not EPIPE.
    this.child.stdin.on("error", () => undefined);
  }

  private tail(): string {
    const lines = this.stderrTail.slice(-8).join("\n");
    return lines ? `:\n${lines}` : "";
  }

  private fail(error: Error) {
    this.exit ??= error;
    for (const pending of this.pending.values()) pending.reject(this.exit);
    this.pending.clear();
  }

  private onLine(line: string) {
    let message: { id?: number; ok?: boolean; result?: unknown; error?: string; step?: number; loss?: number | string };
    try {
      message = JSON.parse(line);
    } catch {
      this.log(`trainer: ${line}`);
      return;
    }
    const pending = message.id === undefined ? undefined : this.pending.get(message.id);
    if (!pending) return;
    if (message.step !== undefined && message.ok === undefined) {
      pending.onStep?.({ step: message.step, loss: message.loss ?? NaN });
      return;
    }
    this.pending.delete(message.id!);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new TrainerError(message.error ?? "the trainer failed without a message"));
  }

  /** Sends a request and waits for its answer; `onStep` receives a lockstep epoch's interim messages. */
  request<T>(op: string, body: Record<string, unknown> = {}, onStep?: (message: StepMessage) => void): Promise<T> {
    if (this.exit) return Promise.reject(this.exit);
    const id = this.nextId++;
    const answer = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onStep });
    });
    this.write({ id, op, ...body });
    return answer;
  }

  /** A raw line for the trainer, outside request/answer: the rate of a lockstep epoch's next iteration. */
  write(message: Record<string, unknown>) {
    if (!this.exit) this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  async close(graceMs = 5_000): Promise<void> {
    if (this.exit) return;
    const exited = once(this.child, "exit").catch(() => undefined);
    await this.request("close").catch(() => undefined);
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** A loss from the trainer: JSON carries a diverged one as "NaN" / "Infinity". */
export function lossValue(value: number | string): number {
  return typeof value === "number" ? value : Number(value);
}
