import { describe, expect, it } from "vitest";
import { MAX_BATCH_BYTES } from "@/lib/api/batches";
import { MAX_POINTS_PER_BATCH } from "@/lib/api/runs";
import { newIdempotencyKey, UploadFailed, uploadInBatches, type UploadProgress } from "./batched-upload";

const ORIGIN = "http://lrbench.test";
const RUN = "0b9f7c1e-3a52-4d7e-9a34-5f0c2b8e6d11";

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: { seq?: number; points?: unknown[] } & Record<string, unknown>;
  bytes: number;
}

/** A stand-in for the API: records each request and answers as the routes do unless `answer` says otherwise. */
function fakeApi(answer: (request: Sent, attempt: number) => Response | undefined = () => undefined) {
  const sent: Sent[] = [];
  const attempts = new Map<string, number>();
  const fetch = async (url: string, init: RequestInit) => {
    const text = typeof init.body === "string" ? init.body : "";
    const request: Sent = {
      method: init.method ?? "GET",
      path: new URL(url).pathname,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: text ? JSON.parse(text) : {},
      bytes: new TextEncoder().encode(text).length,
    };
    sent.push(request);
    const key = `${request.method} ${request.path} ${request.body.seq ?? ""}`;
    attempts.set(key, (attempts.get(key) ?? 0) + 1);
    const custom = answer(request, attempts.get(key)!);
    if (custom) return custom;
    if (request.method === "DELETE") return new Response(null, { status: 204 });
    if (request.path === "/api/v1/runs") return Response.json({ run: { id: RUN } }, { status: 201 });
    if (request.path.endsWith("/points")) return Response.json({ seq: request.body.seq, stored: request.body.points!.length }, { status: 201 });
    return Response.json({ run: { id: RUN, status: "finished" } });
  };
  return { fetch, sent, calls: () => sent.map((r) => `${r.method} ${r.path.replace(RUN, "{id}")}${r.body.seq === undefined ? "" : ` seq ${r.body.seq}`}`) };
}

const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json({ error: { code: "x", message } }, { status, headers });

/** 12,000 steps of loss and lr: 24,000 points, three batches of at most 10,000. */
function longLog(): File {
  const lines = ["step,loss,lr"];
  for (let step = 0; step < 12_000; step++) lines.push(`${step},${(2 / (1 + step)).toFixed(6)},${step < 6000 ? 0.1 : 0.01}`);
  return new File([`${lines.join("\n")}\n`], "long.csv");
}

function uploadForm(fields: Record<string, string | File> = {}): FormData {
  const form = new FormData();
  const all = { file: longLog(), format: "", taskId: "cifar10-wrn", tier: "full", scheduleId: "", name: " Long run ", seed: "7", precision: "bf16", ...fields };
  for (const [key, value] of Object.entries(all)) form.set(key, value);
  return form;
}

async function upload(api: ReturnType<typeof fakeApi>, form = uploadForm()) {
  const progress: UploadProgress[] = [];
  const waits: number[] = [];
  const options = { fetch: api.fetch, origin: ORIGIN, idempotencyKey: "key-1", onProgress: (p: UploadProgress) => progress.push(p), sleep: async (ms: number) => void waits.push(ms) };
  const result = await uploadInBatches(form, options).catch((error: unknown) => error);
  return { result, progress, waits, texts: progress.map((p) => p.text) };
}

describe("uploading a large log in batches from the browser", () => {
  it("parses the log here, creates the run with the form's fields, sends numbered batches below the limits and finishes", async () => {
    const api = fakeApi();
    const { result, progress, texts } = await upload(api);
    expect(result).toEqual({ runId: RUN });
    expect(api.calls()).toEqual(["POST /api/v1/runs", "POST /api/v1/runs/{id}/points seq 0", "POST /api/v1/runs/{id}/points seq 1", "POST /api/v1/runs/{id}/points seq 2", "POST /api/v1/runs/{id}/finish"]);

    const [create, ...rest] = api.sent;
    // What the multipart API would store: the form's fields as it reads them, the log's format and axis.
    expect(create.body).toEqual({ taskId: "cifar10-wrn", tier: "full", name: "Long run", seed: 7, precision: "bf16", format: "csv", xAxis: "step" });
    expect(create.headers["idempotency-key"]).toBe("key-1");
    const batches = rest.slice(0, 3);
    for (const batch of batches) {
      expect(batch.body.points!.length).toBeLessThanOrEqual(MAX_POINTS_PER_BATCH);
      expect(batch.bytes).toBeLessThan(MAX_BATCH_BYTES);
    }
    const points = batches.flatMap((b) => b.body.points!) as { name: string; x: number }[];
    expect(points).toHaveLength(24_000);
    expect(new Set(points.map((p) => p.name))).toEqual(new Set(["train_loss", "lr"]));
    expect(rest.at(-1)!.body).toEqual({ status: "finished" });

    expect(texts).toEqual(["Reading the log", "Creating the run", "Sending batch 1 of 3", "Sending batch 2 of 3", "Sending batch 3 of 3", "Finishing the run"]);
    expect(progress.filter((p) => p.batch).map((p) => [p.batch, p.batches])).toEqual([[1, 3], [2, 3], [3, 3]]);
  });

  it("deletes the run when a batch is refused, and says which batch failed, why, and that the upload was rolled back", async () => {
    const api = fakeApi((r) => (r.body.seq === 1 ? refuse(422, "points: x 90000 is past the 78200 steps of tier 'full' of cifar10-wrn.") : undefined));
    const { result, texts } = await upload(api);
    expect(result).toBeInstanceOf(UploadFailed);
    expect((result as Error).message).toBe(
      "Sending batch 2 of 3 failed: points: x 90000 is past the 78200 steps of tier 'full' of cifar10-wrn. The upload was rolled back: the run was deleted and nothing is stored.",
    );
    expect(api.calls()).toEqual(["POST /api/v1/runs", "POST /api/v1/runs/{id}/points seq 0", "POST /api/v1/runs/{id}/points seq 1", "DELETE /api/v1/runs/{id}"]);
    expect(texts.at(-1)).toBe("Rolling the upload back");
  });

  it("deletes the run when the finish fails, once retrying has not helped", async () => {
    const api = fakeApi((r) => (r.path.endsWith("/finish") ? refuse(503, "The database is unavailable.") : undefined));
    const { result, waits } = await upload(api);
    expect((result as Error).message).toBe(
      "Finishing the run failed: 503 The database is unavailable. The upload was rolled back: the run was deleted and nothing is stored.",
    );
    expect(api.calls().filter((c) => c.endsWith("/finish"))).toHaveLength(6);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(api.calls().at(-1)).toBe("DELETE /api/v1/runs/{id}");
  });

  it("says the incomplete run is still stored, and where, when the rollback fails too", async () => {
    const api = fakeApi((r) => (r.body.seq === 0 ? refuse(409, "The run is failed; points can only be added while it is running.") : r.method === "DELETE" ? refuse(403, "You are not allowed to do this.") : undefined));
    const { result } = await upload(api);
    expect((result as Error).message).toBe(
      `Sending batch 1 of 3 failed: The run is failed; points can only be added while it is running. Rolling the upload back failed too (You are not allowed to do this): the incomplete run is still stored; delete it on its page, /runs/${RUN}.`,
    );
  });

  it("takes a retried delete that finds the run gone as rolled back", async () => {
    const api = fakeApi((r, attempt) => (r.body.seq === 2 ? refuse(422, "bad batch") : r.method === "DELETE" ? (attempt === 1 ? refuse(502, "lost") : refuse(404, "run not found")) : undefined));
    const { result } = await upload(api);
    expect((result as Error).message).toMatch(/^Sending batch 3 of 3 failed: bad batch\. The upload was rolled back/);
  });

  it("waits out the rate limit's Retry-After and resends the same seq, saying so while it waits", async () => {
    const api = fakeApi((r, attempt) => (r.body.seq === 1 && attempt === 1 ? refuse(429, "Too many write requests: at most 60 a minute. Retry in 12 s.", { "Retry-After": "12" }) : undefined));
    const { result, waits, texts } = await upload(api);
    expect(result).toEqual({ runId: RUN });
    expect(waits).toEqual([12_000]);
    expect(api.calls().filter((c) => c.endsWith("seq 1"))).toHaveLength(2);
    expect(texts).toContain("Sending batch 2 of 3: 429 Too many write requests: at most 60 a minute. Retry in 12 s.; retrying in 12.0 s (attempt 2 of 6)");
  });

  it("refuses what the multipart API would refuse, in its words, before sending anything", async () => {
    const cases: [FormData, string][] = [
      [uploadForm({ seed: "-1" }), "seed must be an integer >= 0. Nothing was sent."],
      [uploadForm({ tier: "huge" }), "tier must be one of smoke, short, full. Nothing was sent."],
      [uploadForm({ file: new File([], "empty.csv") }), "file is required: attach the log file as 'file'. Nothing was sent."],
      [uploadForm({ file: new File(["epoch,loss\n0,2.0\n1\n"], "ragged.csv") }), "keras-csv: line 3: expected 2 cells as in the header, found 1. Nothing was sent."],
      [uploadForm({ file: new File(["epoch\n0\n1\n"], "empty.csv") }), "csv: no metric values found in the file. Nothing was sent."],
    ];
    for (const [form, message] of cases) {
      const api = fakeApi();
      const { result } = await upload(api, form);
      expect((result as Error).message).toBe(message);
      expect(api.sent).toEqual([]);
    }
  });

  it("says why the run could not be created, and whether anything may be stored", async () => {
    const refused = await upload(fakeApi((r) => (r.path === "/api/v1/runs" ? refuse(422, "taskId 'nope' is not a task; see /api/v1/tasks.") : undefined)));
    expect((refused.result as Error).message).toBe("Creating the run failed: taskId 'nope' is not a task; see /api/v1/tasks. Nothing was stored.");
    const unanswered = fakeApi((r) => (r.path === "/api/v1/runs" ? refuse(504, "Gateway timeout") : undefined));
    const lost = await upload(unanswered);
    expect((lost.result as Error).message).toBe(
      "Creating the run failed: 504 Gateway timeout. If an empty run of this upload appears among your runs, delete it on its page.",
    );
    expect(unanswered.calls().every((c) => c === "POST /api/v1/runs")).toBe(true);
  });

  it("asks a visitor to sign in, having stored nothing", async () => {
    const api = fakeApi(() => refuse(401, "Authentication required: send 'Authorization: Bearer <token>' or sign in."));
    const { result } = await upload(api);
    expect((result as Error).message).toBe("Sign in first: uploading needs an account.");
    expect(api.calls()).toEqual(["POST /api/v1/runs"]);
  });
});

describe("newIdempotencyKey", () => {
  it("is 128 random bits in hex, without crypto.randomUUID (missing outside secure contexts)", () => {
    const randomUUID = crypto.randomUUID;
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
      expect(keys.size).toBe(100);
      for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      Object.defineProperty(crypto, "randomUUID", { value: randomUUID, configurable: true });
    }
  });
});
