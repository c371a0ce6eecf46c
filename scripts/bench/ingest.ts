/**
 * npm run bench:ingest — metric ingestion and the compare page's data route, on PostgreSQL.
 * Prints figures; asserts nothing. Uses a fresh database created next to BENCH_DATABASE_URL's
 * (default postgres://postgres@127.0.0.1:5432/postgres) and drops it afterwards.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import * as compareRoute from "../../app/api/v1/compare/route";
import * as runsRoute from "../../app/api/v1/runs/route";
import * as pointsRoute from "../../app/api/v1/runs/[id]/points/route";
import * as finishRoute from "../../app/api/v1/runs/[id]/finish/route";
import { setDbForTesting } from "../../db";
import { openDb } from "../../db/client";
import { createApiToken } from "../../db/queries/tokens";
import { createUser } from "../../db/queries/users";
import { seedDb } from "../../db/seed";

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TOTAL_POINTS = Number(process.env.BENCH_POINTS ?? 1_000_000);
const BATCH = 10_000;
const COMPARE_RUNS = 20;
const POINTS_PER_RUN = Number(process.env.BENCH_RUN_POINTS ?? 100_000);
const COMPARE_REQUESTS = 50;

process.env.LRBENCH_RATE_LIMIT_TOKEN_PER_MIN = "1000000";
process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "1000000";

const BASE = "http://bench.local/api/v1";
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

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
  const name = `lrbench_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDb({ driver: "pg", url: url.toString() });
  try {
    setDbForTesting(handle);
    await seedDb(handle.db);
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

    console.log(`lrbench bench:ingest on ${os.cpus().length} x ${os.cpus()[0]?.model}, PostgreSQL ${(await admin.query("show server_version")).rows[0].server_version}`);
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
  } finally {
    await handle.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
