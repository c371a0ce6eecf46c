// `npm start`: build and serve lrbench. On the embedded database (no DATABASE_URL / POSTGRES_URL) it is
// a one-person installation, so the local sign-in is switched on explicitly and the session secret
// is generated once and kept beside the data.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const embedded = !env.DATABASE_URL && !env.POSTGRES_URL;

if (embedded && env.LRBENCH_LOCAL_SIGNIN === undefined) env.LRBENCH_LOCAL_SIGNIN = "1";
if (!env.NEXTAUTH_SECRET) {
  if (!embedded) {
    console.error("lrbench: set NEXTAUTH_SECRET (for instance `openssl rand -hex 32`) to run against DATABASE_URL/POSTGRES_URL.");
    process.exit(1);
  }
  const dataDir = path.resolve(env.LRBENCH_DATA_DIR ?? ".data");
  const secretFile = path.join(dataDir, "auth-secret");
  if (!existsSync(secretFile)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(secretFile, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  env.NEXTAUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}
env.NEXTAUTH_URL ??= `http://localhost:${env.PORT ?? 3000}`;

const run = (args) => spawnSync("npx", ["next", ...args], { stdio: "inherit", env }).status ?? 1;
const built = run(["build"]);
if (built !== 0) process.exit(built);
process.exit(run(["start", ...process.argv.slice(2)]));
