import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Server actions read cookies through next/headers; the matrix gives each call its actor directly.
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import * as meRoute from "@/app/api/v1/me/route";
import * as scheduleRoute from "@/app/api/v1/schedules/[id]/route";
import * as schedulesRoute from "@/app/api/v1/schedules/route";
import * as tasksRoute from "@/app/api/v1/tasks/route";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import * as compareRoute from "@/app/api/v1/compare/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as runPointsRoute from "@/app/api/v1/runs/[id]/points/route";
import * as runFinishRoute from "@/app/api/v1/runs/[id]/finish/route";
import * as runSeriesRoute from "@/app/api/v1/runs/[id]/series/route";
import * as runUploadRoute from "@/app/api/v1/runs/upload/route";
import { createRun } from "@/db/queries/runs";
import * as jobsRoute from "@/app/api/v1/jobs/route";
import * as leaderboardRoute from "@/app/api/v1/leaderboard/route";
import * as profilesRoute from "@/app/api/v1/profiles/route";
import * as jobCancelRoute from "@/app/api/v1/jobs/[id]/cancel/route";
import * as claimRoute from "@/app/api/v1/worker/claim/route";
import * as heartbeatRoute from "@/app/api/v1/worker/jobs/[id]/heartbeat/route";
import * as resolveRoute from "@/app/api/v1/worker/jobs/[id]/resolve/route";
import * as workerPointsRoute from "@/app/api/v1/worker/jobs/[id]/points/route";
import * as completeRoute from "@/app/api/v1/worker/jobs/[id]/complete/route";
import * as failRoute from "@/app/api/v1/worker/jobs/[id]/fail/route";
import * as workerArtifactRoute from "@/app/api/v1/worker/jobs/[id]/artifacts/[name]/route";
import * as runArtifactsRoute from "@/app/api/v1/runs/[id]/artifacts/route";
import * as runArtifactRoute from "@/app/api/v1/runs/[id]/artifacts/[name]/route";
import * as runModelRoute from "@/app/api/v1/runs/[id]/model/route";
import * as runModelUploadsRoute from "@/app/api/v1/runs/[id]/model/uploads/route";
import * as runModelUploadsFinishRoute from "@/app/api/v1/runs/[id]/model/uploads/finish/route";
import * as workerUploadsRoute from "@/app/api/v1/worker/jobs/[id]/uploads/route";
import * as workerUploadsFinishRoute from "@/app/api/v1/worker/jobs/[id]/uploads/finish/route";
import * as runVerifyRoute from "@/app/api/v1/runs/[id]/verify/route";
import * as runInterpolateRoute from "@/app/api/v1/runs/[id]/interpolate/route";
import * as sweepsRoute from "@/app/api/v1/sweeps/route";
import * as sweepRoute from "@/app/api/v1/sweeps/[id]/route";
import { createSweepAs } from "@/app/_lib/operations/sweeps";
import { putArtifact } from "@/db/queries/artifacts";
import { claimAs, queueMissingSeedsAs, submitJobsAs } from "@/app/_lib/operations/jobs";
import { submitJobs } from "@/db/queries/jobs";
import { resolveActor } from "@/app/_lib/auth/actor";
import { createScheduleAs, deleteScheduleAs, updateScheduleAs } from "@/app/_lib/operations/schedules";
import { createTokenAs, registerWorkerAs, revokeTokenAs } from "@/app/_lib/operations/tokens";
import { setDbForTesting, type DbHandle } from "@/db";
import { createSchedule } from "@/db/queries/schedules";
import { createSession } from "@/db/queries/sessions";
import { createApiToken } from "@/db/queries/tokens";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { apiTokens, type Schedule } from "@/db/schema";
import { seedDb } from "@/db/seed";
import { parseDefinition } from "@/lib/schedules";
import { AppError } from "@/lib/errors";
import { testDatabases } from "./helpers/databases";

const ACTORS = [
  "visitor",
  "researcher",
  "otherResearcher",
  "admin",
  "token:runs:write",
  "token:schedules:write",
  "token:jobs:submit",
  "token:worker",
  "token:revoked",
  "token:expired",
  "token:garbage",
] as const;
type ActorName = (typeof ACTORS)[number];

/** Expected statuses, one per actor in ACTORS order. */
type Row = [number, number, number, number, number, number, number, number, number, number, number];

interface Credentials {
  authorization: string | null;
  sessionToken: string | null;
}

interface Fixture {
  handle: DbHandle;
  credentials: Record<ActorName, Credentials>;
  researcherId: string;
  publicSchedule: Schedule;
  privateSchedule: Schedule;
  freshSchedule: () => Promise<Schedule>;
  freshResearcherToken: () => Promise<string>;
  /** A running run owned by the researcher. */
  freshRun: () => Promise<string>;
  /** A job submitted by the researcher, queued. */
  freshJob: () => Promise<string>;
  /** A job the worker holds: its id and fencing token. */
  freshClaim: () => Promise<{ id: string; attemptId: string }>;
  /** A job a second registered worker holds: the matrix's worker token knows its attempt id but holds nothing. */
  freshClaimByAnotherWorker: () => Promise<{ id: string; attemptId: string }>;
  /** A sweep of the researcher's public schedule, and one kept private. */
  sweep: (visibility: "public" | "private") => Promise<string>;
}

const definition = (() => {
  const parsed = parseDefinition({ kind: "step", lr: 0.1, stepSize: 10 });
  if (!parsed.ok) throw new Error("bad fixture");
  return parsed.definition;
})();
const scheduleBody = { name: "Matrix", visibility: "public", definition: { kind: "cosine", lr: 0.1, tMax: 10 } };

interface RouteCase {
  route: string;
  method: string;
  call: (f: Fixture, headers: Headers) => Promise<Response>;
  expected: Row;
}

const BASE = "http://lrbench.test";
const ctx = <P,>(params: P) => ({ params: Promise.resolve(params) });

//                                      vis  res  oth  adm  runs sch  jobs wrk  rev  exp  garb
const ROUTES: RouteCase[] = [
  { route: "/api/v1/me", method: "GET", expected: [401, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: (_f, headers) => meRoute.GET(new Request(`${BASE}/api/v1/me`, { headers })) },
  { route: "/api/v1/tasks", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: (_f, headers) => tasksRoute.GET(new Request(`${BASE}/api/v1/tasks`, { headers })) },
  { route: "/api/v1/schedules", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: (_f, headers) => schedulesRoute.GET(new Request(`${BASE}/api/v1/schedules`, { headers })) },
  { route: "/api/v1/schedules", method: "POST", expected: [401, 201, 201, 201, 403, 201, 403, 403, 401, 401, 401],
    call: (_f, headers) => {
      headers.set("content-type", "application/json");
      return schedulesRoute.POST(new Request(`${BASE}/api/v1/schedules`, { method: "POST", headers, body: JSON.stringify(scheduleBody) }));
    } },
  { route: "/api/v1/schedules/[id]", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: (f, headers) => scheduleRoute.GET(new Request(`${BASE}/api/v1/schedules/${f.publicSchedule.id}`, { headers }), ctx({ id: f.publicSchedule.id })) },
  { route: "/api/v1/schedules/[id] (private, the researcher's)", method: "GET", expected: [404, 200, 404, 200, 200, 200, 200, 404, 401, 401, 401],
    call: (f, headers) => scheduleRoute.GET(new Request(`${BASE}/api/v1/schedules/${f.privateSchedule.id}`, { headers }), ctx({ id: f.privateSchedule.id })) },
  { route: "/api/v1/openapi.json", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: (_f, headers) => openapiRoute.GET(new Request(`${BASE}/api/v1/openapi.json`, { headers })) },
  { route: "/api/v1/runs", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: (_f, headers) => runsRoute.GET(new Request(`${BASE}/api/v1/runs`, { headers })) },
  { route: "/api/v1/runs", method: "POST", expected: [401, 201, 201, 201, 201, 403, 403, 403, 401, 401, 401],
    call: (_f, headers) => {
      headers.set("content-type", "application/json");
      const body = { taskId: "ps10-noise", tier: "smoke", points: [{ name: "train_loss", x: 0, value: 1 }] };
      return runsRoute.POST(new Request(`${BASE}/api/v1/runs`, { method: "POST", headers, body: JSON.stringify(body) }));
    } },
  { route: "/api/v1/runs/upload", method: "POST", expected: [401, 201, 201, 201, 201, 403, 403, 403, 401, 401, 401],
    call: (_f, headers) => {
      const form = new FormData();
      form.set("file", new Blob(["epoch,loss,accuracy\n0,2.0,0.3\n1,1.5,0.5\n"]), "log.csv");
      form.set("taskId", "ps10-noise");
      form.set("tier", "smoke");
      return runUploadRoute.POST(new Request(`${BASE}/api/v1/runs/upload`, { method: "POST", headers, body: form }));
    } },
  { route: "/api/v1/runs/[id]", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      return runRoute.GET(new Request(`${BASE}/api/v1/runs/${id}`, { headers }), ctx({ id }));
    } },
  { route: "/api/v1/runs/[id]", method: "PATCH", expected: [401, 200, 403, 200, 200, 403, 403, 403, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      headers.set("content-type", "application/json");
      return runRoute.PATCH(new Request(`${BASE}/api/v1/runs/${id}`, { method: "PATCH", headers, body: JSON.stringify({ name: "renamed" }) }), ctx({ id }));
    } },
  { route: "/api/v1/runs/[id]", method: "DELETE", expected: [401, 204, 403, 204, 204, 403, 403, 403, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      return runRoute.DELETE(new Request(`${BASE}/api/v1/runs/${id}`, { method: "DELETE", headers }), ctx({ id }));
    } },
  { route: "/api/v1/runs/[id]/series", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      return runSeriesRoute.GET(new Request(`${BASE}/api/v1/runs/${id}/series`, { headers }), ctx({ id }));
    } },
  { route: "/api/v1/runs/[id]/points", method: "POST", expected: [401, 201, 403, 201, 201, 403, 403, 403, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      headers.set("content-type", "application/json");
      const body = { seq: 0, points: [{ name: "train_loss", x: 1, value: 0.5 }] };
      return runPointsRoute.POST(new Request(`${BASE}/api/v1/runs/${id}/points`, { method: "POST", headers, body: JSON.stringify(body) }), ctx({ id }));
    } },
  { route: "/api/v1/runs/[id]/finish", method: "POST", expected: [401, 200, 403, 200, 200, 403, 403, 403, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      headers.set("content-type", "application/json");
      return runFinishRoute.POST(new Request(`${BASE}/api/v1/runs/${id}/finish`, { method: "POST", headers, body: "{}" }), ctx({ id }));
    } },
  { route: "/api/v1/compare", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      return compareRoute.GET(new Request(`${BASE}/api/v1/compare?runs=${id}`, { headers }));
    } },
  { route: "/api/v1/leaderboard", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: (_f, headers) => leaderboardRoute.GET(new Request(`${BASE}/api/v1/leaderboard?task=ps10-noise&tier=smoke`, { headers })) },
  { route: "/api/v1/profiles", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: (_f, headers) => profilesRoute.GET(new Request(`${BASE}/api/v1/profiles`, { headers })) },
  { route: "/api/v1/jobs", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: (_f, headers) => jobsRoute.GET(new Request(`${BASE}/api/v1/jobs`, { headers })) },
  { route: "/api/v1/jobs", method: "POST", expected: [401, 201, 201, 201, 403, 403, 201, 403, 401, 401, 401],
    call: (f, headers) => {
      headers.set("content-type", "application/json");
      const body = { scheduleId: f.publicSchedule.id, taskId: "ps10-noise", tier: "smoke", seeds: [1, 2] };
      return jobsRoute.POST(new Request(`${BASE}/api/v1/jobs`, { method: "POST", headers, body: JSON.stringify(body) }));
    } },
  { route: "/api/v1/jobs/[id]/cancel", method: "POST", expected: [401, 200, 403, 200, 403, 403, 200, 403, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshJob();
      return jobCancelRoute.POST(new Request(`${BASE}/api/v1/jobs/${id}/cancel`, { method: "POST", headers }), ctx({ id }));
    } },
  { route: "/api/v1/worker/claim", method: "POST", expected: [401, 403, 403, 403, 403, 403, 403, 204, 401, 401, 401],
    call: (_f, headers) => {
      headers.set("content-type", "application/json");
      // A tier nobody queued: the worker is admitted and finds nothing, which is a 204.
      return claimRoute.POST(new Request(`${BASE}/api/v1/worker/claim`, { method: "POST", headers, body: JSON.stringify({ tiers: ["full"] }) }));
    } },
  ...workerWriteRows("", (f) => f.freshClaim(), 200, 201, 422),
  // A lease is the claiming worker's: another worker's token that knows the attempt id gets the same
  // 409 as a lost lease, and learns nothing about whether the attempt exists.
  ...workerWriteRows(" (another worker's lease)", (f) => f.freshClaimByAnotherWorker(), 409, 409, 409),
  { route: "/api/v1/runs/[id]/artifacts", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      return runArtifactsRoute.GET(new Request(`${BASE}/x`, { headers }), ctx({ id }));
    } },
  { route: "/api/v1/runs/[id]/artifacts/[name]", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      await putArtifact(f.handle.db, { runId: id, name: "m.onnx", kind: "model", epoch: null, contentType: "application/onnx", bytes: 1, sha256: "00", storage: "db", data: new Uint8Array([1]), s3Key: null });
      return runArtifactRoute.GET(new Request(`${BASE}/x`, { headers }), ctx({ id, name: "m.onnx" }));
    } },
  // Past authorization the bytes are checked: these are not ONNX, so allowed callers get 422.
  { route: "/api/v1/runs/[id]/model", method: "PUT", expected: [401, 422, 403, 422, 422, 403, 403, 403, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      return runModelRoute.PUT(new Request(`${BASE}/x`, { method: "PUT", headers, body: new Uint8Array([1, 2, 3]) }), ctx({ id }));
    } },
  // No bucket in this fixture: beginning answers `upload: null` (200) and finishing has nothing to check (422).
  { route: "/api/v1/runs/[id]/model/uploads", method: "POST", expected: [401, 200, 403, 200, 200, 403, 403, 403, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      headers.set("content-type", "application/json");
      return runModelUploadsRoute.POST(new Request(`${BASE}/x`, { method: "POST", headers, body: JSON.stringify({ bytes: 3, sha256: "0".repeat(64) }) }), ctx({ id }));
    } },
  { route: "/api/v1/runs/[id]/model/uploads/finish", method: "POST", expected: [401, 422, 403, 422, 422, 403, 403, 403, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      headers.set("content-type", "application/json");
      return runModelUploadsFinishRoute.POST(new Request(`${BASE}/x`, { method: "POST", headers, body: JSON.stringify({ bytes: 3, sha256: "0".repeat(64) }) }), ctx({ id }));
    } },
  // Past authorization the run must have a model: it has none, so allowed callers get 422.
  { route: "/api/v1/runs/[id]/verify", method: "POST", expected: [401, 422, 403, 422, 422, 403, 403, 403, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      return runVerifyRoute.POST(new Request(`${BASE}/x`, { method: "POST", headers }), ctx({ id }));
    } },
  { route: "/api/v1/schedules/[id]", method: "PATCH", expected: [401, 200, 403, 200, 403, 200, 403, 403, 401, 401, 401],
    call: async (f, headers) => {
      const { id } = await f.freshSchedule();
      headers.set("content-type", "application/json");
      return scheduleRoute.PATCH(new Request(`${BASE}/api/v1/schedules/${id}`, { method: "PATCH", headers, body: JSON.stringify({ name: "Renamed" }) }), ctx({ id }));
    } },
  // Past authorization the run must have the two snapshots: it has none, so allowed callers get 422. It
  // queues a job and analyses one's own run: jobs:submit and the run's owner (runs:write) both.
  { route: "/api/v1/runs/[id]/interpolate", method: "POST", expected: [401, 422, 403, 422, 403, 403, 403, 403, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.freshRun();
      headers.set("content-type", "application/json");
      return runInterpolateRoute.POST(new Request(`${BASE}/x`, { method: "POST", headers, body: JSON.stringify({ a: "stage-1-epoch-1.pt", b: "stage-2-epoch-4.pt" }) }), ctx({ id }));
    } },
  // A sweep makes schedules and queues replays: it needs both scopes, so single-scope tokens are refused.
  { route: "/api/v1/sweeps", method: "POST", expected: [401, 201, 201, 201, 403, 403, 403, 403, 401, 401, 401],
    call: (f, headers) => {
      headers.set("content-type", "application/json");
      const body = { scheduleId: f.publicSchedule.id, field: "lr", values: [0.1, 0.01], taskId: "ps10-noise", tier: "smoke", seeds: [0] };
      return sweepsRoute.POST(new Request(`${BASE}/api/v1/sweeps`, { method: "POST", headers, body: JSON.stringify(body) }));
    } },
  { route: "/api/v1/sweeps/[id]", method: "GET", expected: [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.sweep("public");
      return sweepRoute.GET(new Request(`${BASE}/api/v1/sweeps/${id}`, { headers }), ctx({ id }));
    } },
  { route: "/api/v1/sweeps/[id] (private, the researcher's)", method: "GET", expected: [404, 200, 404, 200, 200, 200, 200, 404, 401, 401, 401],
    call: async (f, headers) => {
      const id = await f.sweep("private");
      return sweepRoute.GET(new Request(`${BASE}/api/v1/sweeps/${id}`, { headers }), ctx({ id }));
    } },
  { route: "/api/v1/schedules/[id]", method: "DELETE", expected: [401, 204, 403, 204, 403, 204, 403, 403, 401, 401, 401],
    call: async (f, headers) => {
      const { id } = await f.freshSchedule();
      return scheduleRoute.DELETE(new Request(`${BASE}/api/v1/schedules/${id}`, { method: "DELETE", headers }), ctx({ id }));
    } },
];

/** The worker's writes into a job it claimed; `ok` is what the worker token gets (201 for uploads). */
function workerWriteRows(label: string, claim: (f: Fixture) => Promise<{ id: string; attemptId: string }>, ok: number, created: number, finished: number): RouteCase[] {
  const row = (status: number): Row => [401, 403, 403, 403, 403, 403, 403, status, 401, 401, 401];
  const post = (handler: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>, body: (attemptId: string) => unknown) =>
    async (f: Fixture, headers: Headers) => {
      const { id, attemptId } = await claim(f);
      headers.set("content-type", "application/json");
      return handler(new Request(`${BASE}/x`, { method: "POST", headers, body: JSON.stringify(body(attemptId)) }), ctx({ id }));
    };
  return [
    { route: `/api/v1/worker/jobs/[id]/heartbeat${label}`, method: "POST", expected: row(ok),
      call: post(heartbeatRoute.POST, (attemptId) => ({ attemptId, progress: { epoch: 1 } })) },
    { route: `/api/v1/worker/jobs/[id]/resolve${label}`, method: "POST", expected: row(ok),
      call: post(resolveRoute.POST, (attemptId) => ({ attemptId, epochs: 30, itersPerEpoch: 157 })) },
    { route: `/api/v1/worker/jobs/[id]/points${label}`, method: "POST", expected: row(created),
      call: post(workerPointsRoute.POST, (attemptId) => ({ attemptId, seq: 0, points: [{ name: "train_loss", x: 0, value: 1 }] })) },
    { route: `/api/v1/worker/jobs/[id]/complete${label}`, method: "POST", expected: row(ok),
      call: post(completeRoute.POST, (attemptId) => ({ attemptId })) },
    { route: `/api/v1/worker/jobs/[id]/fail${label}`, method: "POST", expected: row(ok),
      call: post(failRoute.POST, (attemptId) => ({ attemptId, error: "out of memory" })) },
    { route: `/api/v1/worker/jobs/[id]/artifacts/[name]${label}`, method: "PUT", expected: row(created),
      call: async (f, headers) => {
        const { id, attemptId } = await claim(f);
        const url = `${BASE}/x?attemptId=${attemptId}&kind=onnx&epoch=2`;
        return workerArtifactRoute.PUT(new Request(url, { method: "PUT", headers, body: new Uint8Array([8, 1, 2]) }), ctx({ id, name: "stage-1.onnx" }));
      } },
    // No bucket in this fixture: beginning answers `upload: null` (200) and finishing has nothing to check (422).
    { route: `/api/v1/worker/jobs/[id]/uploads${label}`, method: "POST", expected: row(ok),
      call: post(workerUploadsRoute.POST, (attemptId) => ({ attemptId, name: "stage-1.onnx", kind: "onnx", epoch: 2, bytes: 3, sha256: "0".repeat(64) })) },
    { route: `/api/v1/worker/jobs/[id]/uploads/finish${label}`, method: "POST", expected: row(finished),
      call: post(workerUploadsFinishRoute.POST, (attemptId) => ({ attemptId, name: "stage-1.onnx", kind: "onnx", epoch: 2, bytes: 3, sha256: "0".repeat(64) })) },
  ];
}

interface ActionCase {
  action: string;
  call: (f: Fixture, creds: Credentials) => Promise<unknown>;
  expected: Row;
}

// Server actions act for the session's user; for token columns the same operation is asked with the
// token's actor, which the policy must refuse or scope exactly as the API does.
async function asActor(f: Fixture, creds: Credentials) {
  return resolveActor(f.handle.db, creds.authorization, creds.sessionToken);
}

//                                        vis  res  oth  adm  runs sch  jobs wrk  rev  exp  garb
const ACTIONS: ActionCase[] = [
  { action: "saveSchedule", expected: [401, 200, 200, 200, 403, 200, 403, 403, 401, 401, 401],
    call: async (f, c) => createScheduleAs(f.handle.db, await asActor(f, c), { name: "x", visibility: "public", definition }) },
  { action: "createTokenAction", expected: [401, 200, 200, 200, 403, 403, 403, 403, 401, 401, 401],
    call: async (f, c) => createTokenAs(f.handle.db, await asActor(f, c), { name: "t", scopes: ["runs:write"] }) },
  { action: "revokeTokenAction", expected: [401, 200, 404, 200, 403, 403, 403, 403, 401, 401, 401],
    call: async (f, c) => revokeTokenAs(f.handle.db, await asActor(f, c), await f.freshResearcherToken()) },
  { action: "registerWorkerAction", expected: [401, 403, 403, 200, 403, 403, 403, 403, 401, 401, 401],
    call: async (f, c) => registerWorkerAs(f.handle.db, await asActor(f, c), { name: `w-${Math.random().toString(36).slice(2, 10)}` }) },
  { action: "submitReplayAction", expected: [401, 200, 200, 200, 403, 403, 200, 403, 401, 401, 401],
    call: async (f, c) => submitJobsAs(f.handle.db, await asActor(f, c), { scheduleId: f.publicSchedule.id, taskId: "ps10-noise", tier: "smoke", seeds: [0] }) },
  { action: "updateScheduleAction", expected: [401, 200, 403, 200, 403, 200, 403, 403, 401, 401, 401],
    call: async (f, c) => updateScheduleAs(f.handle.db, await asActor(f, c), (await f.freshSchedule()).id, { name: "Edited", definition }) },
  { action: "queueMissingSeedsAction", expected: [401, 200, 403, 200, 403, 403, 403, 403, 401, 401, 401],
    call: async (f, c) => queueMissingSeedsAs(f.handle.db, await asActor(f, c), { scheduleId: (await f.freshSchedule()).id, taskId: "ps10-noise", tier: "smoke", seeds: [0] }) },
  { action: "createSweepAction", expected: [401, 200, 200, 200, 403, 403, 403, 403, 401, 401, 401],
    call: async (f, c) =>
      createSweepAs(f.handle.db, await asActor(f, c), { scheduleId: f.publicSchedule.id, field: "lr", values: [0.2, 0.02], taskId: "ps10-noise", tier: "smoke", seeds: [0], visibility: "public" }) },
  { action: "deleteScheduleAction", expected: [401, 200, 403, 200, 403, 200, 403, 403, 401, 401, 401],
    call: async (f, c) => deleteScheduleAs(f.handle.db, await asActor(f, c), (await f.freshSchedule()).id) },
];

async function setUp(handle: DbHandle): Promise<Fixture> {
  const { db } = handle;
  await seedDb(db);
  const admin = await createUser(db, { email: "admin@example.org", role: "admin" });
  const researcher = await createUser(db, { email: "r@example.org" });
  const other = await createUser(db, { email: "o@example.org" });
  const session = async (userId: string) => {
    const sessionToken = `s-${userId}`;
    await createSession(db, { sessionToken, userId, expires: new Date(Date.now() + 3_600_000) });
    return { authorization: null, sessionToken };
  };
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}`, sessionToken: null });
  const token = async (scopes: ("runs:write" | "schedules:write" | "jobs:submit")[]) =>
    (await createApiToken(db, { userId: researcher.id, name: "t", scopes })).secret;

  const revoked = await createApiToken(db, { userId: researcher.id, name: "revoked", scopes: ["schedules:write"] });
  await db.update(apiTokens).set({ revokedAt: sql`now()` }).where(eq(apiTokens.id, revoked.token.id));
  const expired = await createApiToken(db, { userId: researcher.id, name: "expired", scopes: ["schedules:write"] });
  await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expired.token.id));
  const worker = await registerWorker(db, { name: "matrix-worker", ownerId: admin.id });
  const anotherWorker = await registerWorker(db, { name: "another-worker", ownerId: admin.id });

  const credentials: Record<ActorName, Credentials> = {
    visitor: { authorization: null, sessionToken: null },
    researcher: await session(researcher.id),
    otherResearcher: await session(other.id),
    admin: await session(admin.id),
    "token:runs:write": bearer(await token(["runs:write"])),
    "token:schedules:write": bearer(await token(["schedules:write"])),
    "token:jobs:submit": bearer(await token(["jobs:submit"])),
    "token:worker": bearer(worker.secret),
    "token:revoked": bearer(revoked.secret),
    "token:expired": bearer(expired.secret),
    "token:garbage": bearer("lrb_not-a-real-token"),
  };
  const claimAsWorker = async (secret: string) => {
    await submitJobs(db, { scheduleId: null, definition, taskId: "ps10-noise", tier: "smoke", seeds: [1], submittedBy: researcher.id });
    const claimed = await claimAs(db, await resolveActor(db, `Bearer ${secret}`, null), { tasks: ["ps10-noise"] });
    if (!claimed) throw new Error("nothing to claim");
    return { id: claimed.id, attemptId: claimed.attemptId };
  };
  const mine = (visibility: "public" | "private") =>
    createSchedule(db, { name: `R ${visibility}`, definition, visibility, ownerId: researcher.id });
  return {
    handle,
    credentials,
    researcherId: researcher.id,
    publicSchedule: await mine("public"),
    privateSchedule: await mine("private"),
    freshSchedule: () => mine("public"),
    freshJob: async () => (await submitJobs(db, { scheduleId: null, definition, taskId: "ps10-noise", tier: "smoke", seeds: [1], submittedBy: researcher.id }))[0].id,
    freshClaim: () => claimAsWorker(worker.secret),
    freshClaimByAnotherWorker: () => claimAsWorker(anotherWorker.secret),
    freshRun: async () =>
      (await createRun(db, { ownerId: researcher.id, taskId: "ps10-noise", tier: "smoke", source: "uploaded", xAxis: "epoch" })).id,
    sweep: async (visibility) => {
      const actor = await resolveActor(db, null, credentials.researcher.sessionToken);
      const base = await mine(visibility);
      return (await createSweepAs(db, actor, { scheduleId: base.id, field: "lr", values: [0.3, 0.03], taskId: "ps10-noise", tier: "smoke", seeds: [0], visibility })).sweep.id;
    },
    freshResearcherToken: async () => (await createApiToken(db, { userId: researcher.id, name: "spare", scopes: ["runs:write"] })).token.id,
  };
}

function headersFor(creds: Credentials): Headers {
  const headers = new Headers();
  if (creds.authorization) headers.set("authorization", creds.authorization);
  if (creds.sessionToken) headers.set("cookie", `next-auth.session-token=${creds.sessionToken}`);
  return headers;
}

async function statusOfAction(run: () => Promise<unknown>): Promise<number> {
  try {
    await run();
    return 200;
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

describe.each(testDatabases)("authorization matrix on $name", ({ open }) => {
  let fixture: Fixture;
  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "100000";
    const handle = await open();
    setDbForTesting(handle);
    fixture = await setUp(handle);
  });
  afterAll(async () => {
    await fixture?.handle.close();
  });

  for (const row of ROUTES) {
    it(`${row.method} ${row.route}`, async () => {
      const actual: Record<string, number> = {};
      for (const actor of ACTORS) {
        const response = await row.call(fixture, headersFor(fixture.credentials[actor]));
        actual[actor] = response.status;
        if (response.status >= 400) {
          const body = await response.json();
          expect(body.error.code, `${actor}: error body`).toEqual(expect.any(String));
          expect(body.error.message, `${actor}: error body`).toEqual(expect.any(String));
        }
      }
      expect(actual).toEqual(Object.fromEntries(ACTORS.map((a, i) => [a, row.expected[i]])));
    });
  }

  for (const row of ACTIONS) {
    it(`server action ${row.action}`, async () => {
      const actual: Record<string, number> = {};
      for (const actor of ACTORS) actual[actor] = await statusOfAction(() => row.call(fixture, fixture.credentials[actor]));
      expect(actual).toEqual(Object.fromEntries(ACTORS.map((a, i) => [a, row.expected[i]])));
    });
  }
});

// A route or server action nobody added to the matrix is a test failure, not an unchecked door.
describe("the matrix covers every route handler and server action", () => {
  const appDir = fileURLToPath(new URL("../app", import.meta.url));
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
  const files = walk(appDir);

  it("has a row for each /api/v1 method", () => {
    const declared = files
      .filter((f) => f.includes(`${path.sep}api${path.sep}v1${path.sep}`) && f.endsWith("route.ts"))
      .flatMap((file) => {
        const route = "/" + path.relative(appDir, path.dirname(file)).split(path.sep).join("/");
        const methods = [...readFileSync(file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
        return methods.map((method) => `${method} ${route}`);
      });
    const covered = new Set(ROUTES.map((r) => `${r.method} ${r.route}`));
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.filter((d) => !covered.has(d))).toEqual([]);
  });

  it("has a row for each exported server action", () => {
    const declared = files
      .filter((f) => /actions\.tsx?$/.test(f) && readFileSync(f, "utf8").startsWith('"use server"'))
      .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/export const (\w+)/g)].map((m) => m[1]));
    const covered = new Set(ACTIONS.map((a) => a.action));
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.filter((d) => !covered.has(d))).toEqual([]);
  });
});
