import { setTimeout as sleep } from "node:timers/promises";

/** The worker's view of the platform's worker API; every call is retried while the server is away. */
export class WorkerApi {
  constructor(
    private readonly server: string,
    private readonly token: string,
    private readonly log: (message: string) => void,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * POSTs JSON. Network errors, 5xx and 429 are retried with backoff for as long as it takes (a server
   * restart must not lose a worker's metrics); other answers are returned to the caller.
   */
  post(path: string, body: unknown): Promise<{ status: number; body: any }> {
    return this.send("POST", path, JSON.stringify(body), "application/json");
  }

  /** PUTs a file's bytes (artifacts), retried like post(). */
  put(path: string, bytes: Uint8Array): Promise<{ status: number; body: any }> {
    return this.send("PUT", path, bytes, "application/octet-stream");
  }

  /** GETs a file (a run's model), retried like post(); `body` is its bytes on success. */
  async download(path: string): Promise<{ status: number; body: any }> {
    return this.send("GET", path, null, null);
  }

  private async send(method: string, path: string, body: string | Uint8Array | null, contentType: string | null): Promise<{ status: number; body: any }> {
    for (let attempt = 0; ; attempt++) {
      this.signal?.throwIfAborted();
      try {
        const response = await fetch(`${this.server}/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${this.token}`, ...(contentType ? { "content-type": contentType } : {}) },
          body: body === null || typeof body === "string" ? body : new Uint8Array(body),
        });
        if (response.status < 500 && response.status !== 429) {
          if (response.status === 204) return { status: 204, body: null };
          if (method === "GET" && response.ok) return { status: response.status, body: new Uint8Array(await response.arrayBuffer()) };
          return { status: response.status, body: await response.json().catch(() => null) };
        }
        this.log(`server answered ${response.status} to ${path}; retrying`);
        await this.wait(attempt, response.headers.get("retry-after"));
      } catch (error) {
        if (this.signal?.aborted) throw error;
        // A kept-alive connection the server just closed fails once and works at once on a new one;
        // only failures that persist are worth a line and a wait.
        if (attempt === 0) continue;
        this.log(`cannot reach ${this.server} (${(error as Error).message}); retrying`);
        await this.wait(attempt, null);
      }
    }
  }

  private async wait(attempt: number, retryAfter: string | null) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : Math.min(30_000, 500 * 2 ** attempt);
    await sleep(ms, undefined, { signal: this.signal }).catch(() => undefined);
  }
}

export class LeaseLostError extends Error {}
export class JobCancelledError extends Error {}
/** A failure every attempt would meet (a schedule that cannot resolve for the tier's budget). */
export class NotRetryableError extends Error {}

/** Answers the worker cannot go on from: a refused token, or a job it no longer holds. */
export function assertOk(result: { status: number; body: any }, what: string): any {
  if (result.status === 409) throw new LeaseLostError(result.body?.error?.message ?? "lease lost");
  if (result.status >= 400) throw new Error(`${what} failed with ${result.status}: ${result.body?.error?.message ?? "no message"}`);
  return result.body;
}
