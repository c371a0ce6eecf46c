/**
 * The traced-build smoke test: the standalone build started from its traced files alone (read-only, no
 * embedded worker, no PGlite) against a PostgreSQL migrated by `npm run db:migrate`, with an S3-compatible
 * bucket (the stand-in); then pages, API writes, a model upload through the bucket, the cron route and a
 * worker process completing a job from outside, and each function's traced size.
 *
 *   TEST_DATABASE_URL=postgres://... npx tsx scripts/traced/smoke.ts [--no-build] [--json report.json]
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { uploadModel } from "../../cli/upload-model";
import { connectDb } from "../../db/client";
import { createApiToken } from "../../db/queries/tokens";
import { createUser } from "../../db/queries/users";
import { registerWorker } from "../../db/queries/workers";
import { FLOAT, graph, model, node, tensor } from "../../lib/onnx-writer";
import { createEmptyDatabase } from "../../tests/helpers/databases";
import { startS3StandIn } from "../../tests/helpers/s3-stand-in";
import { buildStandalone, copyStandalone, ROOT, startTraced } from "./standalone";

const { values } = parseArgs({ options: { "no-build": { type: "boolean" }, json: { type: "string" } } });
const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  const message = "traced smoke: set TEST_DATABASE_URL (a PostgreSQL to create a database on).";
  if (process.env.CI === "true") {
    console.error(`${message} CI=true, so this is a failure.`);
    process.exit(1);
  }
  console.warn(`${message} Skipping.`);
  process.exit(0);
}

const results: { name: string; ok: boolean; detail?: string }[] = [];
async function check(name: string, body: () => Promise<string | void>) {
  const started = performance.now();
  try {
    const detail = await body();
    results.push({ name, ok: true, detail: detail ?? undefined });
    console.log(`  ✓ ${name} (${Math.round(performance.now() - started)} ms)${detail ? `: ${detail}` : ""}`);
  } catch (error) {
    results.push({ name, ok: false, detail: (error as Error).message });
    console.log(`  ✗ ${name}: ${(error as Error).message}`);
  }
}
function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

if (!values["no-build"]) buildStandalone();
const database = await createEmptyDatabase(adminUrl);
const bucket = await startS3StandIn();
const copy = copyStandalone();
let server: Awaited<ReturnType<typeof startTraced>> | null = null;
const CRON_SECRET = "traced-smoke-cron-secret";
// One line per statement the server sends (db/client.ts): how the cache checks see the database untouched.
const queryLog = path.join(copy.tmpDir, "queries.log");
const loggedQueries = () => (existsSync(queryLog) ? readFileSync(queryLog, "utf8").split("\n").slice(0, -1) : []);
const BOARD = "/leaderboard?task=ps10-noise&tier=smoke";
const NO_REPLAYS_YET = "No finished replays on ps10-noise smoke yet";

try {
  console.log("traced smoke:");
  await check("npm run db:migrate migrates and seeds the fresh database (the release step)", async () => {
    const result = spawnSync("npm", ["run", "--silent", "db:migrate"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DATABASE_URL: database.url, POSTGRES_URL: "" } });
    expect(result.status === 0, `exit ${result.status}: ${result.stderr}`);
    return result.stdout.trim();
  });

  // Users and tokens made here, as `lrbench admin` would.
  const handle = await connectDb({ driver: "pg", url: database.url });
  const owner = await createUser(handle.db, { email: "smoke@example.org", role: "admin" });
  const token = (await createApiToken(handle.db, { userId: owner.id, name: "smoke", scopes: ["runs:write", "jobs:submit"] })).secret;
  const workerToken = (await registerWorker(handle.db, { name: "smoke-worker", ownerId: owner.id })).secret;
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };

  server = await startTraced(copy, {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "traced-smoke-secret-0123456789abcdef",
    NEXTAUTH_URL: "http://127.0.0.1",
    CRON_SECRET,
    LRBENCH_QUERY_LOG: queryLog,
    ...bucket.env,
  });
  const base = server.url;
  // React's server HTML separates adjacent text nodes with empty comments.
  const pageText = async (page: string) => {
    const response = await fetch(`${base}${page}`);
    expect(response.ok, `${page} answered ${response.status}`);
    return (await response.text()).replaceAll("<!-- -->", "");
  };
  console.log(`  server.js answered after ${Math.round(server.startMs)} ms, from ${copy.serverDir} (read-only)`);

  await check("the application folder is read-only to the server", async () => {
    const probe = spawnSync(process.execPath, ["-e", `require("fs").writeFileSync(${JSON.stringify(path.join(copy.serverDir, "probe"))}, "x")`], {
      ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(probe.status !== 0, "the server's user could write into the application folder");
  });

  for (const page of ["/", "/leaderboard", "/schedules", "/runs", "/tasks", "/analyses", "/signin"]) {
    await check(`page ${page}`, async () => {
      const response = await fetch(`${base}${page}`);
      expect(response.status === 200, `answered ${response.status}`);
      expect((await response.text()).includes("lrbench"), "the page does not name lrbench");
    });
  }

  let runId = "";
  await check("API: seeded tasks, a run created with points and finished", async () => {
    const tasks = await (await fetch(`${base}/api/v1/tasks`)).json();
    expect(tasks.tasks?.length === 4, `expected the 4 seeded tasks, got ${JSON.stringify(tasks).slice(0, 200)}`);
    const points = Array.from({ length: 30 }, (_, x) => [
      { name: "train_loss", x, value: 2 / (x + 1) },
      { name: "test_acc", x, value: 0.1 + x / 40 },
    ]).flat();
    const created = await fetch(`${base}/api/v1/runs`, { method: "POST", headers: auth, body: JSON.stringify({ taskId: "ps10-noise", tier: "smoke", name: "smoke", xAxis: "epoch", points }) });
    const createdBody = await created.json();
    expect(created.status === 201, `create answered ${created.status}: ${JSON.stringify(createdBody)}`);
    runId = createdBody.run.id;
    const finished = await fetch(`${base}/api/v1/runs/${runId}/finish`, { method: "POST", headers: auth, body: "{}" });
    expect(finished.ok, `finish answered ${finished.status}`);
    const page = await fetch(`${base}/runs/${runId}`);
    expect(page.status === 200, `the run page answered ${page.status}`);
  });

  await check("upload: a model goes to the bucket (presigned), is checked, and downloads back by redirect", async () => {
    const run = await fetch(`${base}/api/v1/runs`, { method: "POST", headers: auth, body: JSON.stringify({ taskId: "ps10-noise", tier: "smoke", name: "with model", xAxis: "epoch" }) });
    const id = (await run.json()).run.id;
    const bytes = model(graph({ nodes: [node("MatMul", ["x", "W"], ["y"])], inputs: ["x"], initializers: [tensor({ name: "W", dims: [6, 10], dataType: FLOAT, raw: new Array(240).fill(0) })] }));
    const post = async (p: string, body: unknown) => {
      const response = await fetch(`${base}/api/v1${p}`, { method: "POST", headers: auth, body: JSON.stringify(body) });
      const json = await response.json();
      if (!response.ok) throw new Error(`${p} answered ${response.status}: ${json.error?.message}`);
      return json;
    };
    await uploadModel(bytes, { server: base, runId: id, authorization: auth.authorization, post, retry: { attempts: 2, baseDelayMs: 200, log: () => {} }, log: () => {} });
    expect(bucket.requests.some((r) => r.method === "PUT" && r.presigned && r.bytes === bytes.length), "no presigned PUT reached the bucket");
    const download = await fetch(`${base}/api/v1/runs/${id}/artifacts/model.onnx`, { headers: { authorization: auth.authorization } });
    expect(download.ok && download.url.startsWith(bucket.endpoint), `download answered ${download.status} from ${download.url}`);
    const sha = createHash("sha256").update(new Uint8Array(await download.arrayBuffer())).digest("hex");
    expect(sha === createHash("sha256").update(bytes).digest("hex"), "the downloaded model is not the uploaded one");
  });

  await check("cron: maintenance answers the scheduler's secret only", async () => {
    expect((await fetch(`${base}/api/cron/maintenance`)).status === 401, "answered without the secret");
    const response = await fetch(`${base}/api/cron/maintenance`, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    expect(response.status === 200, `answered ${response.status}`);
    return JSON.stringify(await response.json());
  });

  /** Views `page` twice to warm it, then once more: that view's text, and the statements it sent. */
  const warmView = async (page: string) => {
    for (let i = 0; i < 2; i++) await pageText(page);
    const before = loggedQueries().length;
    const text = await pageText(page);
    const sent = loggedQueries().slice(before);
    expect(sent.length === 0, `the warm view of ${page} sent ${sent.length} statement(s): ${sent.join(" | ")}`);
    return { text, before };
  };

  await check("cache: a warm leaderboard view runs no database query", async () => {
    const { text, before } = await warmView(BOARD);
    expect(text.includes(NO_REPLAYS_YET), "the leaderboard already shows a replay before any ran");
    return `${before} statements before, none for the warm view`;
  });

  const cachedPages = ["/", "/leaderboard/overview", "/profiles", "/analyses/ps10-noise?tier=smoke", "/schedules"];
  await check(`cache: warm views of ${cachedPages.join(", ")} run no database query`, async () => {
    for (const page of cachedPages) await warmView(page);
  });

  await check("a worker process completes a replay from outside, and the cached leaderboard shows it at once", async () => {
    const [schedule] = (await handle.db.execute(sql`select id from schedules where is_baseline and name = ${"StepDecay · ps10-noise recipe"}`) as unknown as { rows: { id: string }[] }).rows;
    const submitted = await fetch(`${base}/api/v1/jobs`, { method: "POST", headers: auth, body: JSON.stringify({ scheduleId: schedule.id, taskId: "ps10-noise", tier: "smoke", seeds: [1] }) });
    const submittedBody = await submitted.json();
    expect(submitted.status === 201, `submit answered ${submitted.status}: ${JSON.stringify(submittedBody)}`);
    const [job] = submittedBody.jobs;
    const worker = spawn(process.execPath, ["bin/lrbench.mjs", "worker", "--server", base, "--engine", "auto", "--tasks", "ps10-noise", "--tiers", "smoke", "--once"], {
      cwd: ROOT, env: { ...process.env, LRBENCH_WORKER_TOKEN: workerToken }, stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    worker.stdout!.on("data", (d: Buffer) => void (log += d));
    worker.stderr!.on("data", (d: Buffer) => void (log += d));
    const timer = setTimeout(() => worker.kill("SIGKILL"), 240_000);
    const [code] = await once(worker, "exit");
    const exitedAt = performance.now();
    clearTimeout(timer);
    const board = await pageText(BOARD);
    const shownAfter = performance.now() - exitedAt;
    expect(code === 0, `the worker exited ${code}:\n${log.slice(-2000)}`);
    const { jobs } = await (await fetch(`${base}/api/v1/jobs?ids=${job.id}`)).json();
    expect(jobs?.[0]?.state === "succeeded", `the job is ${jobs?.[0]?.state}`);
    // The first view after the worker's exit (its run finished before it exited) already has the replay.
    expect(!board.includes(NO_REPLAYS_YET) && board.includes("StepDecay · ps10-noise recipe"), "the leaderboard still shows no replay");
    expect(shownAfter < 1000, `the leaderboard took ${Math.round(shownAfter)} ms to show the finished run`);
    return `on the leaderboard ${Math.round(shownAfter)} ms after the worker exited`;
  });

  await check("the server logged no missing file and no write outside its temporary folder", async () => {
    const problems = server!.output().split("\n").filter((line) => /Cannot find module|ENOENT|EROFS|EACCES|MODULE_NOT_FOUND/.test(line));
    expect(problems.length === 0, problems.slice(0, 5).join("\n"));
  });

  await check("every function's traced size is well under 250 MB, with nothing only workers need", async () => {
    const result = spawnSync(process.execPath, ["scripts/traced/sizes.mjs"], { cwd: ROOT, encoding: "utf8" });
    const lines = result.stdout.trim().split("\n");
    expect(result.status === 0, `${result.stderr}\n${lines.filter((l) => l.includes("UNNEEDED")).slice(0, 5).join("\n")}`);
    return lines.at(-1);
  });
  await handle.close();
} finally {
  if (server && results.some((r) => !r.ok)) console.log(`--- server.js output ---\n${server.output().slice(-4000)}`);
  await server?.stop();
  await bucket.close();
  await database.drop();
  rmSync(path.dirname(copy.appDir), { recursive: true, force: true });
}

const failed = results.filter((r) => !r.ok).length;
console.log(`traced smoke: ${results.length - failed} passed, ${failed} failed`);
if (values.json) writeFileSync(values.json, JSON.stringify({ passed: results.length - failed, failed, results }, null, 2));
process.exit(failed > 0 ? 1 : 0);
