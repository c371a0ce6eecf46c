/**
 * npm run bench:ingest — metric ingestion and the compare page's data route, on PostgreSQL.
 * Prints figures; asserts nothing. Uses a fresh database created next to BENCH_DATABASE_URL's
 * (default postgres://postgres@127.0.0.1:5432/postgres) and drops it afterwards.
 */
import * as compareRoute from "../../app/api/v1/compare/route";
import * as runsRoute from "../../app/api/v1/runs/route";
import * as pointsRoute from "../../app/api/v1/runs/[id]/points/route";
import * as finishRoute from "../../app/api/v1/runs/[id]/finish/route";
import { createApiToken } from "../../db/queries/tokens";
import { createUser } from "../../db/queries/users";
import { machine, percentile, runBenchmark, withBenchDatabase } from "./shared";

const TOTAL_POINTS = Number(process.env.BENCH_POINTS ?? 1_000_000);
const BATCH = 10_000;
const COMPARE_RUNS = 20;
const POINTS_PER_RUN = Number(process.env.BENCH_RUN_POINTS ?? 100_000);
const COMPARE_REQUESTS = 50;

process.env.LRBENCH_RATE_LIMIT_TOKEN_PER_MIN = "1000000";
process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "1000000";

const BASE = "http://bench.local/api/v1";
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

/** A run's points over four metrics, as a worker would send them. */
function batchBody(seq: number, offset: number, size: number) {
  const names = ["train_loss", "test_acc", "lr", "train_acc"];
  return {
    seq,
    points: Array.from({ length: size }, (_, i) => {
      const n = offset + i;
      const x = Math.floor(n / names.length);
      return { name: names[n % names.length], x, value: 1 / (1 + x * 1e-3) + Math.random() * 1e-3 };
    }),
  };
}

async function main() {
  const where = await machine();
  await withBenchDatabase(async (handle) => {
    const user = await createUser(handle.db, { email: "bench@example.org" });
    const { secret } = await createApiToken(handle.db, { userId: user.id, name: "bench", scopes: ["runs:write"] });
    const headers = { authorization: `Bearer ${secret}`, "content-type": "application/json" };
    const post = (url: string, body: unknown) => new Request(url, { method: "POST", headers, body: JSON.stringify(body) });
    const newRun = async (seed: number) =>
      (await (await runsRoute.POST(post(`${BASE}/runs`, { taskId: "cifar10-wrn", tier: "full", seed, schedule: { kind: "multiStep", lr: 0.1, milestones: [100, 150] } }))).json()).run.id as string;

    const send = async (runId: string, total: number) => {
      for (let seq = 0; seq * BATCH < total; seq++) {
        const response = await pointsRoute.POST(post(`${BASE}/runs/${runId}/points`, batchBody(seq, seq * BATCH, Math.min(BATCH, total - seq * BATCH))), ctx(runId));
        if (response.status !== 201) throw new Error(`batch ${seq}: ${response.status} ${await response.text()}`);
      }
    };

    console.log(`lrbench bench:ingest on ${where}`);
    const ingestRun = await newRun(0);
    const started = performance.now();
    await send(ingestRun, TOTAL_POINTS);
    const seconds = (performance.now() - started) / 1000;
    console.log(`ingest: ${TOTAL_POINTS.toLocaleString("en")} points in ${BATCH.toLocaleString("en")}-point batches through POST /api/v1/runs/:id/points: ${seconds.toFixed(2)} s, ${Math.round(TOTAL_POINTS / seconds).toLocaleString("en")} points/s`);

    const ids: string[] = [];
    for (let i = 0; i < COMPARE_RUNS; i++) {
      const id = await newRun(i + 1);
      await send(id, POINTS_PER_RUN);
      await finishRoute.POST(post(`${BASE}/runs/${id}/finish`, {}), ctx(id));
      ids.push(id);
    }
    const latencies: number[] = [];
    for (let i = 0; i < COMPARE_REQUESTS + 5; i++) {
      const t0 = performance.now();
      const response = await compareRoute.GET(new Request(`${BASE}/compare?runs=${ids.join(",")}&metric=test_acc`));
      await response.json();
      if (i >= 5) latencies.push(performance.now() - t0); // the first few warm caches and JIT
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `compare: GET /api/v1/compare for ${COMPARE_RUNS} runs x ${POINTS_PER_RUN.toLocaleString("en")} points, ${COMPARE_REQUESTS} requests: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`,
    );
  });
}

runBenchmark(main);
