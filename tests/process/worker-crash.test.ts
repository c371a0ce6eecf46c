/**
 * Issue 5, at the process level: a real `lrbench worker` process is SIGKILLed in the middle of a job;
 * after its lease expires a second worker process runs the job again, against a real HTTP server and
 * PostgreSQL, and the finished run holds that second attempt alone. And a worker that was only frozen
 * (SIGSTOP) past its lease finds, when it wakes, that its writes are refused while the next attempt runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRun } from "@/db/queries/runs";
import { killAll, startApiServer, startWorker, waitFor, type ApiServer } from "../helpers/processes";
import { EPOCHS, expectOnePointPerEpoch, hasPostgres, openFixture, type Fixture } from "./fixture";

// Short, so the dead worker's lease runs out within the test; its heartbeats come every third of it.
const LEASE_SECONDS = 4;

describe.skipIf(!hasPostgres)("a worker killed mid-job (real processes, PostgreSQL)", () => {
  let fixture: Fixture;
  let server: ApiServer;

  beforeAll(async () => {
    fixture = await openFixture();
    server = await startApiServer(fixture.handle.url, { LRBENCH_LEASE_SECONDS: String(LEASE_SECONDS) });
  });
  afterAll(async () => {
    await killAll();
    await fixture?.handle.close();
  });

  it("is re-run by another worker once its lease expires, and the final run holds nothing of the dead attempt", { timeout: 360_000 }, async () => {
    const jobId = await fixture.submit(0);
    const first = startWorker(server.url, await fixture.workerToken("doomed"), fixture.python);

    // Kill it only once the server has stored at least one epoch of its metrics.
    const running = await fixture.untilStored(jobId, 1, first, "the first worker's first epoch on the server");
    first.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    await first.killGroup(); // its orphaned PyTorch trainer, as a crashed machine would take it along

    const deadRunId = running.runId!;
    const atDeath = (await fixture.job(jobId))!;
    // It died mid-job: still running on attempt 1, its run partly written.
    expect(atDeath).toMatchObject({ state: "running", attempts: 1, runId: deadRunId });
    const deadEpochs = await fixture.storedEpochs(deadRunId);
    expect(deadEpochs).toBeGreaterThanOrEqual(1);
    expect(deadEpochs).toBeLessThan(EPOCHS);

    const second = startWorker(server.url, await fixture.workerToken("survivor"), fixture.python);
    const done = await fixture.untilSucceeded(jobId, second, "the job to succeed on the second worker", 300_000);
    expect((await second.exited).code).toBe(0);
    expect(second.output()).toMatch(/claimed job/);

    // Attempt 2 finished it; the dead attempt's run was replaced, not appended to.
    expect(done).toMatchObject({ state: "succeeded", attempts: 2, lastError: null });
    expect(done.runId).not.toBe(deadRunId);
    expect(await getRun(fixture.handle.db, deadRunId)).toBeNull();
    expect(await fixture.leftovers(deadRunId)).toBe(0);

    const run = (await getRun(fixture.handle.db, done.runId!))!;
    expect(run).toMatchObject({ status: "finished", source: "replayed", engine: "torch", seed: 0 });
    expectOnePointPerEpoch(await fixture.series(run.id));
  });

  it("fences out a worker frozen past its lease: when it wakes, its writes are refused while the next attempt runs", { timeout: 360_000 }, async () => {
    const jobId = await fixture.submit(2);
    const frozen = startWorker(server.url, await fixture.workerToken("frozen"), fixture.python);
    const stale = await fixture.untilStored(jobId, 1, frozen, "the frozen worker's first epoch on the server");
    frozen.kill("SIGSTOP");
    expect(await fixture.storedEpochs(stale.runId!)).toBeLessThan(EPOCHS);

    const successor = startWorker(server.url, await fixture.workerToken("successor"), fixture.python);
    // The successor holds the job (attempt 2) and has stored an epoch of its own run: wake the frozen one now.
    const taken = await fixture.untilStored(jobId, 1, successor, "the successor's first epoch on the server", {
      also: (job) => job.attempts === 2 && job.runId !== stale.runId,
      timeoutMs: 300_000,
    });
    frozen.kill("SIGCONT");
    expect((await fixture.job(jobId))?.state, "the successor is still training when the frozen worker wakes").toBe("running");

    // Its next heartbeat or batch is refused (409): it gives the job up and stops, writing nothing.
    await waitFor("the woken worker to give the job up", () => /lease lost/.test(frozen.output()), 30_000).catch((error) => {
      throw new Error(`${error.message}\nfrozen worker:\n${frozen.output()}`);
    });
    expect((await frozen.exited).code).toBe(0);
    expect(frozen.output()).not.toMatch(/ done/);

    const done = await fixture.untilSucceeded(jobId, successor, "the job to succeed on the successor");
    expect((await successor.exited).code).toBe(0);
    expect(done).toMatchObject({ attempts: 2, runId: taken.runId });
    expect(await getRun(fixture.handle.db, stale.runId!)).toBeNull();
    expectOnePointPerEpoch(await fixture.series(done.runId!));
  });
});
