import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/cron/maintenance/route";
import { setDbForTesting, type DbHandle } from "@/db";
import { claimJob, getJob, submitJobs } from "@/db/queries/jobs";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { idempotencyKeys, rateLimitLogs } from "@/db/schema";
import { seedDb } from "@/db/seed";
import { parseDefinition } from "@/lib/schedules";
import { testDatabases } from "./helpers/databases";

const SECRET = "cron-test-secret-0123456789";
const call = (authorization?: string) =>
  GET(new Request("http://lrbench.test/api/cron/maintenance", { headers: authorization ? { authorization } : {} }));

describe.each(testDatabases)("scheduled maintenance on $name", ({ open }) => {
  let handle: DbHandle;
  let workerId: string;
  let userId: string;

  beforeAll(async () => {
    handle = await open();
    await seedDb(handle.db);
    setDbForTesting(handle);
    const admin = await createUser(handle.db, { email: "cron@example.org", role: "admin" });
    userId = admin.id;
    workerId = (await registerWorker(handle.db, { name: "cron-worker", ownerId: admin.id })).worker.id;
    process.env.CRON_SECRET = SECRET;
  });
  afterAll(async () => {
    delete process.env.CRON_SECRET;
    await handle?.close();
  });

  it("answers only the scheduler's bearer secret, and stays shut while none is configured", async () => {
    expect((await call()).status).toBe(401);
    expect((await call(`Bearer ${SECRET}x`)).status).toBe(401);
    expect((await call(SECRET)).status).toBe(401);
    delete process.env.CRON_SECRET;
    const shut = await call(`Bearer ${SECRET}`);
    expect(shut.status).toBe(403);
    expect((await shut.json()).error.message).toMatch(/CRON_SECRET/);
    process.env.CRON_SECRET = SECRET;
  });

  it("requeues a job whose lease expired without any worker claiming, and trims stale keys and windows", async () => {
    const parsed = parseDefinition({ kind: "multiStep", lr: 0.1, milestones: [15, 25] });
    if (!parsed.ok) throw new Error("bad fixture");
    const [job] = await submitJobs(handle.db, { scheduleId: null, definition: parsed.definition, taskId: "ps10-noise", tier: "smoke", seeds: [7], submittedBy: null });
    expect((await claimJob(handle.db, { workerId, taskIds: ["ps10-noise"], tiers: ["smoke"], leaseSeconds: 0 }))?.id).toBe(job.id);

    await handle.db.insert(idempotencyKeys).values([
      { userId, key: "old", requestHash: "h", createdAt: sql`now() - interval '25 hours'` as unknown as Date },
      { userId, key: "fresh", requestHash: "h" },
    ]);
    await handle.db.insert(rateLimitLogs).values([
      { key: "idle", hits: [new Date(Date.now() - 2 * 3600_000)] },
      { key: "busy", hits: [new Date()] },
    ]);

    const response = await call(`Bearer ${SECRET}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ reclaimedLeases: 1, expiredIdempotencyKeys: 1, prunedRateLimitKeys: 1 });
    expect(await getJob(handle.db, job.id)).toMatchObject({ state: "queued", lastError: expect.stringMatching(/lease expired/) });
    expect((await handle.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, userId))).map((k) => k.key)).toEqual(["fresh"]);
    expect((await handle.db.select().from(rateLimitLogs)).map((r) => r.key)).toEqual(["busy"]);

    // Nothing left to do: a second call changes nothing.
    expect(await (await call(`Bearer ${SECRET}`)).json()).toEqual({ reclaimedLeases: 0, expiredIdempotencyKeys: 0, prunedRateLimitKeys: 0 });
  });
});
