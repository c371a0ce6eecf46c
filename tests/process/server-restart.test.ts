/**
 * Issue 5, at the process level: the server process dies under a real `lrbench worker` process in the
 * middle of a job (SIGKILL, then later SIGTERM) and comes back on the same port; the worker rides it
 * out, and the run it finishes has every epoch's metrics exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRun } from "@/db/queries/runs";
import { killAll, startApiServer, startWorker, waitFor, type ApiServer, type Child } from "../helpers/processes";
import { EPOCHS, expectOnePointPerEpoch, hasPostgres, openFixture, type Fixture } from "./fixture";

describe.skipIf(!hasPostgres)("the server restarted under a running worker (real processes, PostgreSQL)", () => {
  let fixture: Fixture;

  beforeAll(async () => {
    fixture = await openFixture();
  });
  afterAll(async () => {
    await killAll();
    await fixture?.handle.close();
  });

  it("loses and duplicates no metric", { timeout: 360_000 }, async () => {
    let server: ApiServer = await startApiServer(fixture.handle.url);
    const port = server.port;
    const jobId = await fixture.submit(1);
    const worker = startWorker(server.url, await fixture.workerToken("steady"), fixture.python);
    const context = (error: Error) => new Error(`${error.message}\nworker output:\n${worker.output()}`);

    /** Takes the server away mid-job until the worker has noticed, then starts it again on the same port. */
    const outage = async (signal: NodeJS.Signals, atEpoch: number) => {
      const runId = (await fixture.untilStored(jobId, atEpoch, worker, `${atEpoch} epoch(s) stored on the server`)).runId!;
      const noticed = (worker.output().match(/cannot reach/g) ?? []).length;
      server.kill(signal);
      await server.exited;
      const stored = await fixture.storedEpochs(runId);
      expect(stored, "the outage began mid-job").toBeLessThan(EPOCHS);
      expect((await fixture.job(jobId))?.state).toBe("running");
      // The worker's retries keep failing while the port is closed: wait for it to say so.
      await waitFor("the worker to notice the server is gone", () => (worker.output().match(/cannot reach/g) ?? []).length > noticed, 30_000).catch(
        (error) => {
          throw context(error);
        },
      );
      server = await startApiServer(fixture.handle.url, {}, port);
      return stored;
    };

    const first = await outage("SIGKILL", 1);
    await outage("SIGTERM", first + 2);

    const done = await fixture.untilSucceeded(jobId, worker, "the job to succeed");
    expect((await worker.exited).code).toBe(0);

    // The same attempt went on after both restarts: no lease was lost, no run replaced.
    expect(done).toMatchObject({ state: "succeeded", attempts: 1 });
    const run = (await getRun(fixture.handle.db, done.runId!))!;
    expect(run.status).toBe("finished");
    expectOnePointPerEpoch(await fixture.series(run.id));
  });
});
