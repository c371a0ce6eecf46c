import { setTimeout as sleep } from "node:timers/promises";
import { CliError } from "./io";

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  log: (message: string) => void;
}

/**
 * JSON over HTTP with retries for what retrying can fix: network errors, 5xx and 429 (honouring
 * Retry-After). Every request it retries is idempotent on the server (Idempotency-Key or batch seq).
 */
export async function requestJson(url: string, init: RequestInit, options: RetryOptions): Promise<unknown> {
  let lastProblem = "";
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      lastProblem = `cannot reach ${new URL(url).origin}: ${(error as Error).cause ?? (error as Error).message}`;
      await backoff(attempt, null, lastProblem, options);
      continue;
    }
    const body = await response.json().catch(() => null);
    if (response.ok) return body;
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? response.statusText;
    if (response.status === 429 || response.status >= 500) {
      lastProblem = `${response.status} ${message}`;
      await backoff(attempt, response.headers.get("retry-after"), lastProblem, options);
      continue;
    }
    throw new CliError(`${init.method ?? "GET"} ${new URL(url).pathname} failed with ${response.status}: ${message}`);
  }
  throw new CliError(`giving up after ${options.attempts} attempts: ${lastProblem}`);
}

async function backoff(attempt: number, retryAfter: string | null, problem: string, options: RetryOptions) {
  if (attempt >= options.attempts) return;
  const seconds = Number(retryAfter);
  const delay = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : options.baseDelayMs * 2 ** (attempt - 1);
  options.log(`${problem}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${options.attempts})\n`);
  await sleep(delay);
}
