import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db";
import { attachRun, claimJob, completeJob, failJob, getJob, heartbeat, leaseOf, reclaimExpiredLeases, requestCancel, submitJobs } from "@/db/queries/jobs";
import { createRun, getRun } from "@/db/queries/runs";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { jobs } from "@/db/schema";
import { seedDb } from "@/db/seed";
import { parseDefinition } from "@/lib/schedules";
import { serverlessTestDatabases } from "./helpers/databases";

const definition = (() => {
  const parsed = parseDefinition({ kind: "multiStep", lr: 0.1, milestones: [15, 25] });
  if (!parsed.ok) throw new Error("bad fixture");
  return parsed.definition;
})();

describe.each(serverlessTestDatabases)("job queue on $name", ({ open }) => {
  let handle: DbHandle;
  let workerIds: string[];
  const claim = (workerId: string, leaseSeconds?: number) =>
    claimJob(handle.db, { workerId, taskIds: ["ps10-noise"], tiers: ["smoke"], leaseSeconds });
  const submit = (seeds: number[]) =>
    submitJobs(handle.db, { scheduleId: null, definition, taskId: "ps10-noise", tier: "smoke", seeds, submittedBy: null });
  // Tests stand in for the passing of time by moving a job's not-before into the past.
  const makeDue = (id: string) => handle.db.update(jobs).set({ runAt: sql`now() - interval '1 second'` }).where(eq(jobs.id, id));

  beforeAll(async () => {
    handle = await open();
    await seedDb(handle.db);
    const admin = await createUser(handle.db, { email: "queue@example.org", role: "admin" });
    workerIds = [];
    for (let i = 0; i < 8; i++) workerIds.push((await registerWorker(handle.db, { name: `w${i}`, ownerId: admin.id })).worker.id);
  });
  afterAll(async () => handle?.close());

  it("gives each of 200 jobs to exactly one of 8 concurrent claimers", async () => {
    const submitted = await submit(Array.from({ length: 200 }, (_, i) => 1000 + i));
    const runsBy = new Map<string, string[]>();
    await Promise.all(
      workerIds.map(async (workerId) => {
        for (;;) {
          const job = await claim(workerId);
          if (!job) return;
          runsBy.set(job.id, [...(runsBy.get(job.id) ?? []), workerId]);
          expect(await completeJob(handle.db, job.id, leaseOf(job))).toBe(true);
        }
      }),
    );
    expect(runsBy.size).toBe(200);
    expect([...runsBy.values()].every((claimers) => claimers.length === 1)).toBe(true);
    for (const job of submitted) expect((await getJob(handle.db, job.id))?.state).toBe("succeeded");
    if (handle.driver === "pg") expect(new Set([...runsBy.values()].flat()).size).toBeGreaterThan(1);
  });

  it("returns a job whose lease expired, with backoff, and fences the old attempt out", async () => {
    const [job] = await submit([1]);
    const first = (await claim(workerIds[0], 0))!;
    expect(first.id).toBe(job.id);
    const firstRun = await createRun(handle.db, { ownerId: null, taskId: "ps10-noise", tier: "smoke", source: "replayed", xAxis: "epoch" });
    expect(await attachRun(handle.db, first.id, leaseOf(first), firstRun.id)).toBe(true);

    expect(await reclaimExpiredLeases(handle.db)).toBe(1);
    const queued = (await getJob(handle.db, job.id))!;
    expect(queued).toMatchObject({ state: "queued", attemptId: null, lastError: expect.stringMatching(/lease expired/) });
    expect(queued.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(await claim(workerIds[1])).toBeNull();

    await makeDue(job.id);
    const second = (await claim(workerIds[1]))!;
    expect(second).toMatchObject({ id: job.id, attempts: 2 });
    expect(second.attemptId).not.toBe(first.attemptId);
    const secondRun = await createRun(handle.db, { ownerId: null, taskId: "ps10-noise", tier: "smoke", source: "replayed", xAxis: "epoch" });
    expect(await attachRun(handle.db, second.id, leaseOf(second), secondRun.id)).toBe(true);
    // The dead attempt's run is gone; nothing of it can show up in the job's results.
    expect(await getRun(handle.db, firstRun.id)).toBeNull();
    expect(await heartbeat(handle.db, job.id, leaseOf(first), { epoch: 3 })).toBeNull();
    expect(await completeJob(handle.db, job.id, leaseOf(first))).toBe(false);
    expect(await failJob(handle.db, job.id, leaseOf(first), "late")).toBeNull();
    // Another worker that learnt the live attempt id holds nothing either.
    const stolen = { attemptId: second.attemptId!, workerId: workerIds[0] };
    expect(await heartbeat(handle.db, job.id, stolen, { epoch: 9 })).toBeNull();
    expect(await completeJob(handle.db, job.id, stolen)).toBe(false);
    expect(await failJob(handle.db, job.id, stolen, "stolen")).toBeNull();
    expect(await heartbeat(handle.db, job.id, leaseOf(second), { epoch: 1 })).toMatchObject({ cancel: false });
    expect(await completeJob(handle.db, job.id, leaseOf(second))).toBe(true);
  });

  it("retries a failed attempt after backoff and fails for good after max attempts", async () => {
    const [job] = await submit([2]);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await makeDue(job.id);
      const claimed = (await claim(workerIds[2]))!;
      expect(claimed.attempts).toBe(attempt);
      const failed = (await failJob(handle.db, job.id, leaseOf(claimed), `boom ${attempt}`))!;
      expect(failed.state).toBe(attempt < 3 ? "queued" : "failed");
      expect(failed.lastError).toBe(`boom ${attempt}`);
    }
    const final = (await getJob(handle.db, job.id))!;
    // 5 s, 10 s, 20 s: the backoff doubles with each attempt.
    expect(final.runAt.getTime() - Date.now()).toBeGreaterThan(15_000);
  });

  it("marks the last run failed when a lease expires on the final attempt", async () => {
    const [job] = await submit([5]);
    await handle.db.update(jobs).set({ maxAttempts: 1 }).where(eq(jobs.id, job.id));
    const claimed = (await claim(workerIds[4], 0))!;
    const run = await createRun(handle.db, { ownerId: null, taskId: "ps10-noise", tier: "smoke", source: "replayed", xAxis: "epoch" });
    expect(await attachRun(handle.db, claimed.id, leaseOf(claimed), run.id)).toBe(true);
    expect(await reclaimExpiredLeases(handle.db)).toBe(1);
    expect((await getJob(handle.db, job.id))?.state).toBe("failed");
    expect((await getRun(handle.db, run.id))?.status).toBe("failed");
  });

  it("cancels a queued job at once and a running one at its next heartbeat", async () => {
    const [queued, running] = await submit([3, 4]);
    expect((await requestCancel(handle.db, queued.id))?.state).toBe("cancelled");
    const claimed = (await claim(workerIds[3]))!;
    expect(claimed.id).toBe(running.id);
    expect((await requestCancel(handle.db, running.id))?.state).toBe("running");
    expect(await heartbeat(handle.db, running.id, leaseOf(claimed), null)).toMatchObject({ cancel: true });
    expect((await getJob(handle.db, running.id))?.state).toBe("cancelled");
    expect(await heartbeat(handle.db, running.id, leaseOf(claimed), null)).toBeNull();
    expect(await claim(workerIds[3])).toBeNull();
  });
});
