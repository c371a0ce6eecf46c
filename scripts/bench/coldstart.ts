/**
 * `npm run bench:coldstart [-- --rounds 5] [--no-build]`: cold starts of the traced build, as a
 * serverless function meets them. Each measurement starts server.js afresh (from the read-only copy of
 * the traced files, against PostgreSQL on BENCH_DATABASE_URL) and times its first request of one kind:
 * the home page, the leaderboard, an API write (creating a run). Also the time until it accepts connections.
 */
import { parseArgs } from "node:util";
import { rmSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { connectDb } from "../../db/client";
import { createApiToken } from "../../db/queries/tokens";
import { createUser } from "../../db/queries/users";
import { createEmptyDatabase } from "../../tests/helpers/databases";
import { buildStandalone, copyStandalone, ROOT, startTraced } from "../traced/standalone";
import { adminUrl, machine, percentile } from "./shared";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "5" }, "no-build": { type: "boolean" } } });
const rounds = Number(values.rounds);

if (!values["no-build"]) buildStandalone();
const database = await createEmptyDatabase(adminUrl);
const copy = copyStandalone();
try {
  const migrated = spawnSync("npm", ["run", "--silent", "db:migrate"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, DATABASE_URL: database.url, POSTGRES_URL: "" } });
  if (migrated.status !== 0) throw new Error("db:migrate failed");
  const handle = await connectDb({ driver: "pg", url: database.url });
  const user = await createUser(handle.db, { email: "bench@example.org" });
  const token = (await createApiToken(handle.db, { userId: user.id, name: "bench", scopes: ["runs:write"] })).secret;
  await handle.close();

  const firstRequests: Record<string, (base: string) => Promise<Response>> = {
    "home page": (base) => fetch(`${base}/`),
    leaderboard: (base) => fetch(`${base}/leaderboard`),
    "API write (POST /api/v1/runs)": (base) =>
      fetch(`${base}/api/v1/runs`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ taskId: "ps10-noise", tier: "smoke", xAxis: "epoch", points: [{ name: "train_loss", x: 0, value: 1 }] }),
      }),
  };
  const timings: Record<string, number[]> = { "accepting connections": [] };
  for (let round = 0; round < rounds; round++) {
    for (const [name, request] of Object.entries(firstRequests)) {
      const server = await startTraced(copy, { DATABASE_URL: database.url, NEXTAUTH_SECRET: "bench-secret-0123456789abcdef", NEXTAUTH_URL: "http://127.0.0.1" });
      try {
        timings["accepting connections"].push(server.startMs);
        const started = performance.now();
        const response = await request(server.url);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${name} answered ${response.status}`);
        (timings[name] ??= []).push(performance.now() - started);
      } finally {
        await server.stop();
      }
    }
  }
  console.log(`cold start of the traced build, ${rounds} fresh starts each; ${await machine()}, Node ${process.version}`);
  console.log("| first request | median | p90 | min |\n| --- | ---: | ---: | ---: |");
  for (const [name, samples] of Object.entries(timings)) {
    const sorted = [...samples].sort((a, b) => a - b);
    console.log(`| ${name} | ${percentile(sorted, 50).toFixed(0)} ms | ${percentile(sorted, 90).toFixed(0)} ms | ${sorted[0].toFixed(0)} ms |`);
  }
} finally {
  await database.drop();
  rmSync(path.dirname(copy.appDir), { recursive: true, force: true });
}
