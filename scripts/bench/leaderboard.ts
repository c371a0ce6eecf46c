/**
 * npm run bench:leaderboard — latency of a leaderboard and a head-to-head over 10,000 runs x 200 epochs
 * in PostgreSQL. Prints figures; asserts nothing. Creates and drops a database of its own next to
 * BENCH_DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { sql } from "drizzle-orm";
import * as leaderboardRoute from "../../app/api/v1/leaderboard/route";
import { seedResults } from "../../db/queries/leaderboard";
import { insertPoints, type MetricPointInput } from "../../db/queries/runs";
import { createSchedule } from "../../db/queries/schedules";
import { headToHead } from "../../lib/head-to-head";
import { parseDefinition } from "../../lib/schedules";
import { runs } from "../../db/schema";
import { machine, percentile, runBenchmark, withBenchDatabase } from "./shared";

const RUNS = Number(process.env.BENCH_RUNS ?? 10_000);
const EPOCHS = 200;
const SCHEDULES = 50;
const REQUESTS = 50;

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label}: p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms (${REQUESTS} requests)`);
}

async function main() {
  const where = await machine();
  await withBenchDatabase(async ({ db }) => {
    const parsed = parseDefinition({ kind: "multiStep", lr: 0.1, milestones: [100, 150] });
    if (!parsed.ok) throw new Error("bad definition");
    const scheduleIds: string[] = [];
    for (let s = 0; s < SCHEDULES; s++) scheduleIds.push((await createSchedule(db, { name: `bench ${s}`, definition: parsed.definition, visibility: "public" })).id);

    const started = performance.now();
    for (let i = 0; i < RUNS; i += 500) {
      const batch = Array.from({ length: Math.min(500, RUNS - i) }, (_, j) => {
        const n = i + j;
        const final = 0.9 + ((n * 7919) % 1000) / 20_000;
        return {
          ownerId: null,
          taskId: "cifar10-wrn",
          tier: "full",
          scheduleId: scheduleIds[n % SCHEDULES],
          seed: Math.floor(n / SCHEDULES),
          source: (n % 3 === 0 ? "uploaded" : "replayed") as "uploaded" | "replayed",
          xAxis: "epoch" as const,
          status: "finished" as const,
          engine: "torch",
          pointCount: EPOCHS * 2,
          summary: { accuracy: { final, best: final + 0.002, bestX: 180 }, epochs: EPOCHS - 1, timeToTarget: { x: 150 + (n % 40), wallSeconds: null } },
        };
      });
      const inserted = await db.insert(runs).values(batch).returning({ id: runs.id });
      for (const { id } of inserted) {
        const points: MetricPointInput[] = [];
        for (let e = 0; e < EPOCHS; e++) points.push({ name: "test_acc", x: e, value: 0.5 + e / 500 }, { name: "train_loss", x: e, value: 2 - e / 120 });
        await insertPoints(db, id, points);
      }
    }
    console.log(
      `lrbench bench:leaderboard on ${where}: seeded ${RUNS.toLocaleString("en")} runs x ${EPOCHS} epochs over ${SCHEDULES} schedules in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    // A live database's autovacuum keeps statistics current; a bulk load needs them taken by hand.
    await db.execute(sql`analyze`);
    await time("leaderboard (GET /api/v1/leaderboard?task=cifar10-wrn&tier=full)", async () =>
      (await leaderboardRoute.GET(new Request("http://bench.local/api/v1/leaderboard?task=cifar10-wrn&tier=full"))).json(),
    );
    await time("head-to-head (two schedules' seeds, paired and Welch statistics)", async () => {
      const [a, b] = await Promise.all([seedResults(db, scheduleIds[0], "cifar10-wrn", "full"), seedResults(db, scheduleIds[1], "cifar10-wrn", "full")]);
      return headToHead(a, b);
    });
  });
}

runBenchmark(main);
