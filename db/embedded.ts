import { writeFileSync } from "node:fs";
import path from "node:path";
import { and, count, eq, isNull } from "drizzle-orm";
import { FEATURED } from "../lib/baselines";
import { ARTICLE_SWEEP } from "../lib/sweeps/article";
import { sweepDefinition } from "../lib/sweeps/definition";
import { fashionMnistDir } from "../lib/tasks/fashion-mnist";
import { submitJobs } from "./queries/jobs";
import { createSweep } from "./queries/sweeps";
import { createApiToken } from "./queries/tokens";
import { createUser, getUserByEmail, SYSTEM_USER_EMAIL as SYSTEM_EMAIL } from "./queries/users";
import { getWorkerByName, registerWorker } from "./queries/workers";
import type { Database } from "./client";
import { apiTokens, jobs, schedules, sweeps } from "./schema";

export const LOCAL_WORKER_NAME = "local-cpu";
const BASELINE_SEEDS = [0, 1, 2];
/** In queue order: the featured head-to-head first, so the home page fills before the control. */
export const EMBEDDED_REPLAYS = [FEATURED.stepDecay, FEATURED.autoDecay, FEATURED.embeddedControl];

/**
 * The embedded default fills itself with real results: a local CPU worker gets a token (written
 * beside the data, for `npm start` to hand to the worker process), and a fresh database queues the
 * featured comparison's replays on ps10-noise smoke: StepDecay, AutoDecay and the small-rate control.
 */
export async function prepareEmbeddedReplays(db: Database, dataDir: string, fashionMnistSystemDir?: string): Promise<void> {
  const system = (await getUserByEmail(db, SYSTEM_EMAIL)) ?? (await createUser(db, { email: SYSTEM_EMAIL, name: "lrbench", role: "admin" }));
  const worker = (await getWorkerByName(db, LOCAL_WORKER_NAME)) ?? null;
  // A new token each start: the old secret was never stored, only its hash.
  if (worker) await db.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.workerId, worker.id), isNull(apiTokens.revokedAt)));
  const secret = worker
    ? (await createApiToken(db, { userId: system.id, name: `worker ${LOCAL_WORKER_NAME}`, scopes: ["worker"], workerId: worker.id })).secret
    : (await registerWorker(db, { name: LOCAL_WORKER_NAME, ownerId: system.id })).secret;
  writeFileSync(path.join(dataDir, "local-worker-token"), secret, { mode: 0o600 });
  // Counted before the sweep is queued: the sweep's jobs must not pass for the featured replays.
  const [{ n }] = await db.select({ n: count() }).from(jobs);
  await queueArticleSweep(db, system.id, fashionMnistSystemDir);
  if (n > 0) return;
  const baselines = await db.select().from(schedules).where(eq(schedules.isBaseline, true));
  for (const name of EMBEDDED_REPLAYS) {
    const schedule = baselines.find((s) => s.name === name);
    if (!schedule) continue;
    await submitJobs(db, {
      scheduleId: schedule.id,
      definition: schedule.definition,
      taskId: FEATURED.taskId,
      tier: FEATURED.tier,
      seeds: BASELINE_SEEDS,
      submittedBy: system.id,
    });
  }
}

/**
 * The article's sweep, once, when the local worker can run it: it reads Debian's package where
 * lib/tasks/fashion-mnist looks (the local worker is started without --data), so without the package
 * nothing is queued that would wait forever, and a later start with it queues the sweep then. It goes
 * before the featured replays: its 15 replays take a few minutes with the torch engine.
 */
export async function queueArticleSweep(db: Database, ownerId: string, systemDir?: string): Promise<void> {
  if (!fashionMnistDir(undefined, systemDir)) return;
  const [existing] = await db.select({ id: sweeps.id }).from(sweeps).where(and(eq(sweeps.name, ARTICLE_SWEEP.name), eq(sweeps.ownerId, ownerId))).limit(1);
  if (existing) return;
  const definitions = ARTICLE_SWEEP.values.map((value) => {
    const swept = sweepDefinition(ARTICLE_SWEEP.base, ARTICLE_SWEEP.field, value);
    if (!swept.ok) throw new Error(`the article's sweep is invalid: ${swept.message}`);
    return swept.definition;
  });
  await createSweep(db, {
    name: ARTICLE_SWEEP.name,
    ownerId,
    visibility: "public",
    baseScheduleId: null,
    baseDefinition: ARTICLE_SWEEP.base,
    field: ARTICLE_SWEEP.field,
    values: [...ARTICLE_SWEEP.values],
    definitions,
    taskId: ARTICLE_SWEEP.taskId,
    tier: ARTICLE_SWEEP.tier,
    seeds: [...ARTICLE_SWEEP.seeds],
    priority: 1,
  });
}
