/** What requestJson calls: the global fetch, or a test's stand-in. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  log: (message: string) => void;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A request that failed for good. `status` is the last answer's (null when the server was never
 * reached); `detail` is what went wrong without the request line: the server's own message.
 */
export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly detail: string,
  ) {
    super(message);
    this.name = "RequestFailed";
  }
}

/**
 * JSON over HTTP with retries for what retrying can fix: network errors, 5xx and 429 (honouring
 * Retry-After). Callers only send requests the server makes idempotent (Idempotency-Key or batch seq).
 * Shared by the CLI and the browser's upload form.
 */
export async function requestJson(url: string, init: RequestInit, options: RetryOptions): Promise<unknown> {
  const send = options.fetch ?? ((input, request) => fetch(input, request));
  let lastProblem = "";
  let lastStatus: number | null = null;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    let response: Response;
    try {
      response = await send(url, init);
    } catch (error) {
      lastProblem = `cannot reach ${new URL(url).origin}: ${(error as Error).cause ?? (error as Error).message}`;
      lastStatus = null;
      await backoff(attempt, null, lastProblem, options);
      continue;
    }
    const body = await response.json().catch(() => null);
    if (response.ok) return body;
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? response.statusText;
    if (response.status === 429 || response.status >= 500) {
      lastProblem = `${response.status} ${message}`;
      lastStatus = response.status;
      await backoff(attempt, response.headers.get("retry-after"), lastProblem, options);
      continue;
    }
    throw new RequestFailed(`${init.method ?? "GET"} ${new URL(url).pathname} failed with ${response.status}: ${message}`, response.status, message);
  }
  throw new RequestFailed(`giving up after ${options.attempts} attempts: ${lastProblem}`, lastStatus, lastProblem);
}

async function backoff(attempt: number, retryAfter: string | null, problem: string, options: RetryOptions) {
  if (attempt >= options.attempts) return;
  const seconds = Number(retryAfter);
  const delay = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : options.baseDelayMs * 2 ** (attempt - 1);
  options.log(`${problem}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${options.attempts})\n`);
  await (options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))))(delay);
}
