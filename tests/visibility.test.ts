import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import * as compareRoute from "@/app/api/v1/compare/route";
import * as jobsRoute from "@/app/api/v1/jobs/route";
import * as leaderboardRoute from "@/app/api/v1/leaderboard/route";
import * as profilesRoute from "@/app/api/v1/profiles/route";
import * as runArtifactRoute from "@/app/api/v1/runs/[id]/artifacts/[name]/route";
import * as runArtifactsRoute from "@/app/api/v1/runs/[id]/artifacts/route";
import * as runFinishRoute from "@/app/api/v1/runs/[id]/finish/route";
import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as runSeriesRoute from "@/app/api/v1/runs/[id]/series/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import * as scheduleRoute from "@/app/api/v1/schedules/[id]/route";
import * as schedulesRoute from "@/app/api/v1/schedules/route";
import { resolveActor } from "@/app/_lib/auth/actor";
import { claimAs, submitJobsAs } from "@/app/_lib/operations/jobs";
import { deleteScheduleAs } from "@/app/_lib/operations/schedules";
import { setDbForTesting, type DbHandle } from "@/db";
import { analysisRuns, jumpAggregates } from "@/db/queries/analyses";
import { putArtifact } from "@/db/queries/artifacts";
import { getJob, submitVerification } from "@/db/queries/jobs";
import { seedResults } from "@/db/queries/leaderboard";
import { createRun, finishRun, getRun, insertPoints, saveSeriesPreviews } from "@/db/queries/runs";
import { createSchedule } from "@/db/queries/schedules";
import { schedulesVisibleTo } from "@/db/queries/visibility";
import { schedules } from "@/db/schema";
import { audienceOf, canList, canRead, EVERYONE, type Audience } from "@/lib/auth/policy";
import { createSession } from "@/db/queries/sessions";
import { createApiToken } from "@/db/queries/tokens";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import type { Run, Schedule } from "@/db/schema";
import { seedDb } from "@/db/seed";
import { parseDefinition } from "@/lib/schedules";
import { testDatabases } from "./helpers/databases";

/**
 * The visibility rule seen from outside: a researcher owns a public, an unlisted and a private
 * schedule, each with a replay job and a finished replay run; every route that lists or reads them is
 * asked by each kind of viewer, and what a viewer may not see must not appear in the response at all.
 */
const VIEWERS = ["visitor", "owner", "ownerToken", "other", "otherToken", "admin", "worker"] as const;
type Viewer = (typeof VIEWERS)[number];
/** Viewers allowed to see the owner's private things. */
const PRIVILEGED: ReadonlySet<Viewer> = new Set(["owner", "ownerToken", "admin"]);
const KINDS = ["public", "unlisted", "private"] as const;
type Kind = (typeof KINDS)[number];

interface Shared {
  schedule: Schedule;
  /** A distinctive number in the definition: if it shows, the definition leaked. */
  marker: string;
  jobId: string;
  /** The replay run a worker opened for the job (it inherits the schedule's visibility). */
  replay: Run;
}

interface Fixture {
  handle: DbHandle;
  headers: Record<Viewer, () => Headers>;
  ownerEmail: string;
  shared: Record<Kind, Shared>;
  /** A run stored before runs inherited visibility: the row says public, its schedule is private. */
  legacyRunId: string;
}

const BASE = "http://lrbench.test";
const ctx = <P,>(params: P) => ({ params: Promise.resolve(params) });
const summary = (final: number) => ({ accuracy: { final, best: final, bestX: 2 }, epochs: 3, timeToTarget: { x: 2, wallSeconds: null }, jumps: [{ x: 2, gain: 0.1 }] });

const putModel = (db: DbHandle["db"], runId: string) =>
  putArtifact(db, { runId, name: "model.onnx", kind: "model", epoch: null, contentType: "application/onnx", bytes: 1, sha256: "00", storage: "db", data: new Uint8Array([1]), s3Key: null });

async function setUp(handle: DbHandle): Promise<Fixture> {
  const { db } = handle;
  await seedDb(db);
  const owner = await createUser(db, { email: "owner@example.org" });
  const other = await createUser(db, { email: "other@example.org", name: "Other Researcher" });
  const admin = await createUser(db, { email: "admin@example.org", role: "admin" });
  const worker = await registerWorker(db, { name: "vis-worker", ownerId: admin.id });
  const session = async (userId: string) => {
    await createSession(db, { sessionToken: `s-${userId}`, userId, expires: new Date(Date.now() + 3_600_000) });
    return `next-auth.session-token=s-${userId}`;
  };
  const credentials: Record<Viewer, [string, string] | null> = {
    visitor: null,
    owner: ["cookie", await session(owner.id)],
    ownerToken: ["authorization", `Bearer ${(await createApiToken(db, { userId: owner.id, name: "ci", scopes: ["runs:write"] })).secret}`],
    other: ["cookie", await session(other.id)],
    otherToken: ["authorization", `Bearer ${(await createApiToken(db, { userId: other.id, name: "ci", scopes: ["runs:write", "jobs:submit"] })).secret}`],
    admin: ["cookie", await session(admin.id)],
    worker: ["authorization", `Bearer ${worker.secret}`],
  };
  const headers = Object.fromEntries(
    VIEWERS.map((v) => [v, () => new Headers(credentials[v] ? [credentials[v]!] : [])]),
  ) as Record<Viewer, () => Headers>;

  const ownerActor = await resolveActor(db, null, `s-${owner.id}`);
  const workerActor = await resolveActor(db, `Bearer ${worker.secret}`, null);
  const shared = {} as Record<Kind, Shared>;
  for (const [i, kind] of KINDS.entries()) {
    const marker = `0.0${kind.length}${i}7531`;
    const parsed = parseDefinition({ kind: "step", lr: Number(marker), stepSize: 2 });
    if (!parsed.ok) throw new Error("bad fixture");
    const schedule = await createSchedule(db, { name: `Vis ${kind} schedule`, definition: parsed.definition, visibility: kind, ownerId: owner.id });
    const [job] = await submitJobsAs(db, ownerActor, { scheduleId: schedule.id, taskId: "ps10-noise", tier: "smoke", seeds: [i] });
    const claimed = await claimAs(db, workerActor, { tasks: ["ps10-noise"], tiers: ["smoke"] });
    if (!claimed || claimed.id !== job.id) throw new Error("the worker should claim the job just queued");
    await insertPoints(db, claimed.runId, [{ name: "test_acc", x: 1, value: 0.4 }, { name: "test_acc", x: 2, value: 0.5 }]);
    await saveSeriesPreviews(db, claimed.runId, { test_acc: { pointCount: 2, points: [[1, 0.4], [2, 0.5]] } });
    await putModel(db, claimed.runId);
    const replay = await finishRun(db, claimed.runId, { status: "finished", events: [], summary: summary(0.5 + i / 100) });
    shared[kind] = { schedule, marker, jobId: job.id, replay };
  }
  const legacy = await createRun(db, { ownerId: owner.id, taskId: "ps10-noise", tier: "smoke", scheduleId: shared.private.schedule.id, seed: 9, source: "replayed", xAxis: "epoch", name: "Vis legacy run" });
  await putModel(db, legacy.id);
  await finishRun(db, legacy.id, { status: "finished", events: [], summary: summary(0.9) });
  return { handle, headers, ownerEmail: owner.email, shared, legacyRunId: legacy.id };
}

/** Everything in a response a viewer could learn a hidden thing from. */
async function bodyOf(response: Response): Promise<string> {
  return `${response.status} ${await response.text()}`;
}

function hiddenFrom(f: Fixture, kind: Kind): string[] {
  const s = f.shared[kind];
  return [s.schedule.id, s.schedule.name, s.marker, s.jobId, s.replay.id];
}

describe.each(testDatabases)("visibility on $name", ({ open }) => {
  let f: Fixture;
  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "100000";
    const handle = await open();
    setDbForTesting(handle);
    f = await setUp(handle);
  });
  afterAll(async () => {
    await f?.handle.close();
  });

  const expectHidden = (body: string, kind: Kind, viewer: Viewer) => {
    for (const secret of hiddenFrom(f, kind)) expect(body, `${viewer} must not see ${kind} '${secret}'`).not.toContain(secret);
  };
  const expectShown = (body: string, kind: Kind, viewer: Viewer, what: "name" | "run" | "job") => {
    const s = f.shared[kind];
    const needle = what === "name" ? s.schedule.name : what === "run" ? s.replay.id : s.jobId;
    expect(body, `${viewer} should see the ${kind} ${what}`).toContain(needle);
  };

  it("states in SQL exactly the policy's rule", async () => {
    const all = await f.handle.db.select().from(schedules);
    const ownerId = f.shared.public.schedule.ownerId!;
    const audiences: Audience[] = [EVERYONE, { kind: "owner", userId: ownerId }, audienceOf({ kind: "session", userId: "00000000-0000-4000-8000-000000000001", role: "researcher" }), { kind: "admin" }];
    for (const audience of audiences) {
      for (const [access, rule] of [["read", canRead], ["list", canList]] as const) {
        const inSql = await f.handle.db.select({ id: schedules.id }).from(schedules).where(schedulesVisibleTo(audience, access));
        const expected = all.filter((s) => rule(audience, s)).map((s) => s.id);
        expect(inSql.map((r) => r.id).sort(), `${audience.kind} ${access}`).toEqual(expected.sort());
      }
    }
  });

  it("gives a replay run its schedule's visibility", () => {
    expect(KINDS.map((k) => f.shared[k].replay.visibility)).toEqual(["public", "unlisted", "private"]);
  });

  it("lists jobs of public schedules to everyone, of unlisted and private ones only to their owner and admins", async () => {
    for (const viewer of VIEWERS) {
      const body = await bodyOf(await jobsRoute.GET(new Request(`${BASE}/api/v1/jobs`, { headers: f.headers[viewer]() })));
      expectShown(body, "public", viewer, "job");
      for (const kind of ["unlisted", "private"] as const) {
        if (PRIVILEGED.has(viewer)) expectShown(body, kind, viewer, "job");
        else expectHidden(body, kind, viewer);
      }
    }
  });

  it("answers a job list naming a schedule as that schedule is readable: unlisted by link, private not", async () => {
    for (const viewer of VIEWERS) {
      for (const kind of KINDS) {
        const url = `${BASE}/api/v1/jobs?schedule=${f.shared[kind].schedule.id}`;
        const body = await bodyOf(await jobsRoute.GET(new Request(url, { headers: f.headers[viewer]() })));
        if (kind !== "private" || PRIVILEGED.has(viewer)) expectShown(body, kind, viewer, "job");
        else expect(body, viewer).toBe('200 {"jobs":[]}');
      }
      const byIds = `${BASE}/api/v1/jobs?ids=${KINDS.map((k) => f.shared[k].jobId).join(",")}`;
      const body = await bodyOf(await jobsRoute.GET(new Request(byIds, { headers: f.headers[viewer]() })));
      if (!PRIVILEGED.has(viewer)) expectHidden(body, "private", viewer);
    }
  });

  it("lists runs as the rule allows, and by a schedule's link only when the schedule is readable", async () => {
    for (const viewer of VIEWERS) {
      const list = await bodyOf(await runsRoute.GET(new Request(`${BASE}/api/v1/runs`, { headers: f.headers[viewer]() })));
      expectShown(list, "public", viewer, "run");
      if (PRIVILEGED.has(viewer)) {
        for (const kind of ["unlisted", "private"] as const) expectShown(list, kind, viewer, "run");
        expect(list).toContain(f.legacyRunId);
      } else {
        expectHidden(list, "unlisted", viewer);
        expectHidden(list, "private", viewer);
        expect(list).not.toContain(f.legacyRunId);
      }
      for (const kind of ["unlisted", "private"] as const) {
        const url = `${BASE}/api/v1/runs?schedule=${f.shared[kind].schedule.id}`;
        const body = await bodyOf(await runsRoute.GET(new Request(url, { headers: f.headers[viewer]() })));
        if (kind === "unlisted" || PRIVILEGED.has(viewer)) expectShown(body, kind, viewer, "run");
        else expect(JSON.parse(body.slice(4))).toMatchObject({ rows: [], total: 0 });
      }
    }
  });

  it("shows run owners by name or handle, and an e-mail address only to its owner and admins", async () => {
    for (const viewer of VIEWERS) {
      const body = await (await runsRoute.GET(new Request(`${BASE}/api/v1/runs`, { headers: f.headers[viewer]() }))).json();
      const row = body.rows.find((r: { run: { id: string } }) => r.run.id === f.shared.public.replay.id);
      expect(row.ownerName, viewer).toMatch(/^user-[0-9a-f]{8}$/);
      expect(row.ownerEmail, viewer).toBe(PRIVILEGED.has(viewer) ? f.ownerEmail : null);
      if (!PRIVILEGED.has(viewer)) expect(JSON.stringify(body), viewer).not.toContain("owner@example.org");
    }
  });

  it("reads a run, its series and its files by id: private ones answer 404 to everyone but the owner and admins", async () => {
    const reads = [
      (id: string, h: Headers) => runRoute.GET(new Request(`${BASE}/api/v1/runs/${id}`, { headers: h }), ctx({ id })),
      (id: string, h: Headers) => runSeriesRoute.GET(new Request(`${BASE}/api/v1/runs/${id}/series`, { headers: h }), ctx({ id })),
      (id: string, h: Headers) => runArtifactsRoute.GET(new Request(`${BASE}/x`, { headers: h }), ctx({ id })),
      (id: string, h: Headers) => runArtifactRoute.GET(new Request(`${BASE}/x`, { headers: h }), ctx({ id, name: "model.onnx" })),
    ];
    for (const viewer of VIEWERS) {
      for (const read of reads) {
        for (const kind of KINDS) {
          const response = await read(f.shared[kind].replay.id, f.headers[viewer]());
          expect(response.status, `${viewer} reading the ${kind} run`).toBe(kind === "private" && !PRIVILEGED.has(viewer) ? 404 : 200);
          if (response.status === 404) expectHidden(await bodyOf(response), "private", viewer);
        }
        const legacy = await read(f.legacyRunId, f.headers[viewer]());
        expect(legacy.status, `${viewer} reading the legacy run`).toBe(PRIVILEGED.has(viewer) ? 200 : 404);
      }
    }
  });

  it("answers a write to a private run it may not read with 404 too, not 403", async () => {
    const id = f.legacyRunId;
    const finish = (h: Headers) => {
      h.set("content-type", "application/json");
      return runFinishRoute.POST(new Request(`${BASE}/x`, { method: "POST", headers: h, body: "{}" }), ctx({ id }));
    };
    // A visitor is asked to sign in first, and a token without the scope refused, whichever run it is.
    expect((await finish(f.headers.visitor())).status).toBe(401);
    for (const viewer of ["other", "otherToken"] as const) expect((await finish(f.headers[viewer]())).status, viewer).toBe(404);
    expect((await finish(f.headers.ownerToken())).status).toBe(200);
  });

  it("reads schedules by id as the rule says and lists only public ones", async () => {
    for (const viewer of VIEWERS) {
      for (const kind of KINDS) {
        const id = f.shared[kind].schedule.id;
        const response = await scheduleRoute.GET(new Request(`${BASE}/api/v1/schedules/${id}`, { headers: f.headers[viewer]() }), ctx({ id }));
        expect(response.status, `${viewer} reading the ${kind} schedule`).toBe(kind === "private" && !PRIVILEGED.has(viewer) ? 404 : 200);
      }
      const list = await bodyOf(await schedulesRoute.GET(new Request(`${BASE}/api/v1/schedules`, { headers: f.headers[viewer]() })));
      expectShown(list, "public", viewer, "name");
      expectHidden(list, "unlisted", viewer);
      expectHidden(list, "private", viewer);
    }
  });

  it("counts only runs listed for everyone in the leaderboard (JSON and CSV) and the profiles, whoever asks", async () => {
    for (const viewer of VIEWERS) {
      const h = f.headers[viewer];
      const bodies = [
        await bodyOf(await leaderboardRoute.GET(new Request(`${BASE}/api/v1/leaderboard?task=ps10-noise&tier=smoke`, { headers: h() }))),
        await bodyOf(await leaderboardRoute.GET(new Request(`${BASE}/api/v1/leaderboard?task=ps10-noise&tier=smoke&format=csv`, { headers: h() }))),
        await bodyOf(await profilesRoute.GET(new Request(`${BASE}/api/v1/profiles`, { headers: h() }))),
      ];
      for (const body of bodies) {
        expect(body.startsWith("200 "), body).toBe(true);
        expectShown(body, "public", viewer, "name");
        expectHidden(body, "unlisted", viewer);
        expectHidden(body, "private", viewer);
      }
    }
  });

  it("compares a run one may not read exactly as an id that is no run", async () => {
    const nowhere = "00000000-0000-4000-8000-000000000000";
    for (const viewer of VIEWERS) {
      const ids = [f.shared.public.replay.id, f.shared.private.replay.id, nowhere].join(",");
      const body = await (await compareRoute.GET(new Request(`${BASE}/api/v1/compare?runs=${ids}`, { headers: f.headers[viewer]() }))).json();
      expect(body.runs.map((r: { id: string }) => r.id).sort(), viewer).toEqual(
        (PRIVILEGED.has(viewer) ? [f.shared.public.replay.id, f.shared.private.replay.id] : [f.shared.public.replay.id]).sort(),
      );
      if (!PRIVILEGED.has(viewer)) {
        expect(body.skipped, viewer).toEqual([
          { id: f.shared.private.replay.id, reason: "is not a run" },
          { id: nowhere, reason: "is not a run" },
        ]);
        expect(JSON.stringify(body)).not.toContain(f.shared.private.schedule.name);
      }
    }
  });

  it("keeps hidden schedules out of what the head-to-head and analysis pages read", async () => {
    const filters = { taskId: "ps10-noise", tier: "smoke" };
    for (const kind of ["unlisted", "private"] as const) expect(await seedResults(f.handle.db, f.shared[kind].schedule.id, "ps10-noise", "smoke")).toEqual([]);
    expect((await seedResults(f.handle.db, f.shared.public.schedule.id, "ps10-noise", "smoke")).map((r) => r.runId)).toEqual([f.shared.public.replay.id]);
    const jumps = await jumpAggregates(f.handle.db, filters);
    const curves = await analysisRuns(f.handle.db, filters, { names: ["test_acc"], signature: ["test_acc"] });
    for (const ids of [jumps.map((j) => j.scheduleId), curves.map((c) => c.scheduleId)]) {
      expect(ids).toContain(f.shared.public.schedule.id);
      expect(ids).not.toContain(f.shared.unlisted.schedule.id);
      expect(ids).not.toContain(f.shared.private.schedule.id);
    }
  });

  it("makes an upload on a private schedule private, and lets only the worker verifying it download its model", async () => {
    const { db } = f.handle;
    const headers = f.headers.ownerToken();
    headers.set("content-type", "application/json");
    const body = { taskId: "ps10-noise", tier: "smoke", scheduleId: f.shared.private.schedule.id, seed: 3, points: [{ name: "test_acc", x: 0, value: 0.1 }] };
    const created = await runsRoute.POST(new Request(`${BASE}/api/v1/runs`, { method: "POST", headers, body: JSON.stringify(body) }));
    const { run } = await created.json();
    expect(run.visibility).toBe("private");
    await putModel(db, run.id);
    await submitVerification(db, { runId: run.id, taskId: "ps10-noise", tier: "smoke", seed: 3, submittedBy: run.ownerId });
    const verifier = await resolveActor(db, f.headers.worker().get("authorization"), null);
    const claimed = await claimAs(db, verifier, { tasks: ["ps10-noise"], tiers: ["smoke"] });
    expect(claimed).toMatchObject({ kind: "verify", runId: run.id });
    const bystander = await registerWorker(db, { name: "vis-bystander", ownerId: run.ownerId });
    const download = (h: Headers) => runArtifactRoute.GET(new Request(`${BASE}/x`, { headers: h }), ctx({ id: run.id, name: "model.onnx" }));
    expect((await download(f.headers.worker())).status).toBe(200);
    expect((await download(new Headers({ authorization: `Bearer ${bystander.secret}` }))).status).toBe(404);
    expect((await download(f.headers.visitor())).status).toBe(404);
  });

  it("cancels a deleted schedule's jobs, so none replays it later into a run without its visibility", async () => {
    const { db } = f.handle;
    const owner = await resolveActor(db, null, f.headers.owner().get("cookie")!.split("=")[1]);
    const parsed = parseDefinition({ kind: "step", lr: 0.1, stepSize: 2 });
    if (!parsed.ok) throw new Error("bad fixture");
    const doomed = await createSchedule(db, { name: "Vis doomed", definition: parsed.definition, visibility: "private", ownerId: (owner as { userId: string }).userId });
    const [job] = await submitJobsAs(db, owner, { scheduleId: doomed.id, taskId: "ps10-noise", tier: "full", seeds: [1] });
    await deleteScheduleAs(db, owner, doomed.id);
    expect(await getJob(db, job.id)).toMatchObject({ state: "cancelled", scheduleId: null });
    const worker = await resolveActor(db, f.headers.worker().get("authorization"), null);
    expect(await claimAs(db, worker, { tasks: ["ps10-noise"], tiers: ["full"] })).toBeNull();
    expect(await getRun(db, f.shared.private.replay.id)).toMatchObject({ visibility: "private" });
  });
});

// Pages and routes read runs and schedules through readRun/readRunAs/readScheduleAs, which apply the
// rule; the raw readers are for writers (a worker's job, an owner's change) in the operations.
describe("pages and routes never read a run or schedule past the rule", () => {
  const appDir = fileURLToPath(new URL("../app", import.meta.url));
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });

  it("imports getRun and getScheduleById only in the operations that check the actor themselves", () => {
    const allowed = new Set(["_lib/operations/jobs.ts", "_lib/operations/schedules.ts"]);
    const users = walk(appDir)
      .filter((file) => /\.tsx?$/.test(file) && /\b(getRun|getScheduleById)\b/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(appDir, file).split(path.sep).join("/"));
    expect(users.filter((file) => !allowed.has(file))).toEqual([]);
  });
});
