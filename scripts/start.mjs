// `npm start`: build and serve lrbench. On the embedded database (no DATABASE_URL / POSTGRES_URL) it is
// a one-person installation: the local sign-in is switched on explicitly, the session secret is
// generated once and kept beside the data, and one local CPU worker runs the queued replays.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const embedded = !env.DATABASE_URL && !env.POSTGRES_URL;

if (embedded && env.LRBENCH_LOCAL_SIGNIN === undefined) env.LRBENCH_LOCAL_SIGNIN = "1";
if (embedded && env.LRBENCH_LOCAL_WORKER === undefined) env.LRBENCH_LOCAL_WORKER = "1";
// One long-running server has no separate release step: it migrates its database when it starts.
env.LRBENCH_MIGRATE_ON_START ??= "1";
const dataDir = path.resolve(env.LRBENCH_DATA_DIR ?? ".data");
if (!env.NEXTAUTH_SECRET) {
  if (!embedded) {
    console.error("lrbench: set NEXTAUTH_SECRET (for instance `openssl rand -hex 32`) to run against DATABASE_URL/POSTGRES_URL.");
    process.exit(1);
  }
  const secretFile = path.join(dataDir, "auth-secret");
  if (!existsSync(secretFile)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(secretFile, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  env.NEXTAUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}
env.NEXTAUTH_URL ??= `http://localhost:${env.PORT ?? 3000}`;

const built = spawnSync("npx", ["next", "build"], { stdio: "inherit", env }).status ?? 1;
if (built !== 0) process.exit(built);

const server = spawn(process.execPath, ["scripts/serve.mjs", ...process.argv.slice(2)], { stdio: "inherit", env });
let worker = null;
const stopAll = (signal) => {
  worker?.kill(signal);
  server.kill(signal);
};
process.on("SIGINT", () => stopAll("SIGINT"));
process.on("SIGTERM", () => stopAll("SIGTERM"));
server.on("exit", (code) => {
  worker?.kill("SIGTERM");
  process.exit(code ?? 0);
});

if (env.LRBENCH_LOCAL_WORKER === "1") {
  const url = `http://127.0.0.1:${env.PORT ?? 3000}`;
  // The server writes the local worker's token while it starts; wait for it to answer first.
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`${url}/api/v1/tasks`).then((r) => r.ok, () => false);
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const tokenFile = path.join(dataDir, "local-worker-token");
  if (existsSync(tokenFile)) {
    // Every task it can run here (runnableTasks): ps10-noise always, fashion-mnist (the article's sweep) where Debian's package is installed.
    worker = spawn(process.execPath, ["bin/lrbench.mjs", "worker", "--server", url, "--engine", "auto", "--tiers", "smoke"], {
      stdio: "inherit",
      env: { ...env, LRBENCH_WORKER_TOKEN: readFileSync(tokenFile, "utf8").trim() },
    });
    worker.on("exit", (code) => console.error(`lrbench: the local worker stopped (exit ${code}); replays wait until the next start`));
  } else {
    console.error("lrbench: no local worker token was written; replays will wait for a worker");
  }
}
