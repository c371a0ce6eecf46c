import { batchesOf, logPoints, MAX_BATCH_BYTES } from "@/lib/api/batches";
import { requestJson, RequestFailed, type FetchLike } from "@/lib/api/request-json";
import { logRunFields, readUploadedLog, readUploadForm } from "@/lib/api/upload";
import { parseRunLogAsync } from "@/lib/runlogs";

/**
 * Files up to this size go to POST /api/v1/runs/upload whole (idempotent, all-or-nothing); a larger
 * multipart body would pass a serverless function's 4.5 MB request limit, so it is sent in batches.
 */
export const SINGLE_REQUEST_MAX_BYTES = MAX_BATCH_BYTES;

export interface UploadProgress {
  /** What is happening, for the person waiting: "Sending batch 3 of 12". */
  text: string;
  /** Set while batches are sent: which one (from 1) of how many. */
  batch?: number;
  batches?: number;
}

/** An upload that did not complete; the message says what failed and what, if anything, is stored. */
export class UploadFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UploadFailed";
  }
}

export interface BatchedUploadOptions {
  fetch: FetchLike;
  /** The site's origin (location.origin): requests go to its /api/v1, with the session cookie. */
  origin: string;
  /** One per upload: a retried create returns the same run instead of a second one. */
  idempotencyKey: string;
  onProgress?: (progress: UploadProgress) => void;
  /** Attempts per request (network errors, 5xx and 429 are retried), as the CLI's --retries. */
  attempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const SIGN_IN = "Sign in first: uploading needs an account.";

/**
 * A fresh Idempotency-Key. crypto.randomUUID exists only in secure contexts, and a self-hosted site is
 * often reached over plain http on a local address; getRandomValues works everywhere.
 */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
const sentence = (text: string) => text.trim().replace(/\.$/, "");

/**
 * What `lrbench upload` does, from the browser: the log is parsed here by the server's parser, the run
 * created with the form's fields (POST /api/v1/runs), its points sent in numbered batches below the
 * request limit, and the run finished. Should a batch or the finish fail, the run is deleted again, so
 * an upload is stored whole or not at all, as with the single request.
 */
export async function uploadInBatches(form: FormData, options: BatchedUploadOptions): Promise<{ runId: string }> {
  const progress = options.onProgress ?? (() => {});
  let status: UploadProgress = { text: "Reading the log" };
  progress(status);
  const { batches, body } = await readLog(form);

  const send = (method: string, path: string, json?: unknown, headers: Record<string, string> = {}) =>
    requestJson(
      `${options.origin}/api/v1${path}`,
      { method, headers: { ...(json === undefined ? {} : { "content-type": "application/json" }), ...headers }, body: json === undefined ? undefined : JSON.stringify(json) },
      {
        attempts: options.attempts ?? 6,
        baseDelayMs: options.baseDelayMs ?? 1000,
        fetch: options.fetch,
        sleep: options.sleep,
        log: (message) => progress({ ...status, text: `${status.text}: ${sentence(message)}` }),
      },
    );
  const step = (next: UploadProgress) => progress((status = next));

  step({ text: "Creating the run" });
  let runId: string;
  try {
    const created = (await send("POST", "/runs", body, { "idempotency-key": options.idempotencyKey })) as { run: { id: string } };
    runId = created.run.id;
  } catch (error) {
    if (error instanceof RequestFailed && error.status === 401) throw new UploadFailed(SIGN_IN);
    // A refusal stored nothing; without an answer the server may have created the run all the same.
    const refused = error instanceof RequestFailed && error.status !== null && error.status < 500 && error.status !== 429;
    const stored = refused ? "Nothing was stored." : "If an empty run of this upload appears among your runs, delete it on its page.";
    throw new UploadFailed(`Creating the run failed: ${sentence(problemOf(error))}. ${stored}`);
  }

  let failed = "";
  try {
    for (const [seq, batch] of batches.entries()) {
      failed = `Sending batch ${seq + 1} of ${batches.length}`;
      step({ text: failed, batch: seq + 1, batches: batches.length });
      await send("POST", `/runs/${runId}/points`, { seq, points: batch });
    }
    failed = "Finishing the run";
    step({ text: failed });
    await send("POST", `/runs/${runId}/finish`, { status: "finished" });
  } catch (error) {
    step({ text: "Rolling the upload back" });
    throw new UploadFailed(`${failed} failed: ${sentence(problemOf(error))}. ${await rollBack(runId, send)}`);
  }
  return { runId };
}

/**
 * The form read and the log parsed as the multipart API would, so both refuse the same files in the same
 * words; its points split into batches and the run's fields for POST /api/v1/runs.
 */
async function readLog(form: FormData) {
  try {
    const { file, filename, format, meta } = readUploadForm(form);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const log = await readUploadedLog(() => parseRunLogAsync(bytes, { format, filename }));
    return { batches: batchesOf(logPoints(log)), body: { ...meta, ...logRunFields(log) } };
  } catch (error) {
    // AppErrors from the form's checks, and batchesOf's refusal of a point larger than any batch.
    throw new UploadFailed(`${sentence(problemOf(error))}. Nothing was sent.`);
  }
}

type Send = (method: string, path: string) => Promise<unknown>;

/** Deletes the incomplete run; says whether that worked, for the end of the error message. */
async function rollBack(runId: string, send: Send): Promise<string> {
  try {
    await send("DELETE", `/runs/${runId}`);
  } catch (error) {
    // A delete whose answer was lost and was retried finds the run gone: that is the rollback done.
    if (!(error instanceof RequestFailed && error.status === 404)) {
      return `Rolling the upload back failed too (${sentence(problemOf(error))}): the incomplete run is still stored; delete it on its page, /runs/${runId}.`;
    }
  }
  return "The upload was rolled back: the run was deleted and nothing is stored.";
}

function problemOf(error: unknown): string {
  if (error instanceof RequestFailed) return error.status === 401 ? SIGN_IN : error.detail;
  return error instanceof Error ? error.message : String(error);
}
