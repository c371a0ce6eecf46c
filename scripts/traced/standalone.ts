/**
 * The traced build as a serverless platform runs it: `next build` with LRBENCH_STANDALONE=1, then the
 * standalone folder copied on its own (with the static files and public/, which Next leaves beside it)
 * into a temporary folder, made read-only, and `node server.js` started there as an unprivileged user
 * whose only writable folder is its temporary one. Shared by the smoke test and bench:coldstart.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { connect, createServer } from "node:net";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST = path.join(ROOT, ".next-standalone");
const NOBODY = 65534;

export function buildStandalone(): void {
  const result = spawnSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, LRBENCH_STANDALONE: "1", NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`the standalone build failed (exit ${result.status})`);
}

/** server.js sits at the standalone folder's root, or deeper when the trace root is above the project. */
function findServer(dir: string): string | null {
  if (existsSync(path.join(dir, "server.js")) && existsSync(path.join(dir, ".next-standalone"))) return dir;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith(".")) {
      const found = findServer(path.join(dir, entry.name));
      if (found) return found;
    }
  }
  return null;
}

export interface TracedCopy {
  /** The read-only application folder. */
  appDir: string;
  /** Where server.js is, inside appDir. */
  serverDir: string;
  /** The one writable folder. */
  tmpDir: string;
}

/** Copies the traced files alone; nothing else of the checkout is reachable from the copy. */
export function copyStandalone(): TracedCopy {
  const standalone = path.join(DIST, "standalone");
  if (!existsSync(standalone)) throw new Error("no standalone build: run LRBENCH_STANDALONE=1 next build first");
  const base = mkdtempSync(path.join(os.tmpdir(), "lrbench-traced-"));
  const appDir = path.join(base, "app");
  cpSync(standalone, appDir, { recursive: true, verbatimSymlinks: true });
  const serverDir = findServer(appDir);
  if (!serverDir) throw new Error(`no server.js in ${standalone}`);
  cpSync(path.join(DIST, "static"), path.join(serverDir, ".next-standalone", "static"), { recursive: true });
  if (existsSync(path.join(ROOT, "public"))) cpSync(path.join(ROOT, "public"), path.join(serverDir, "public"), { recursive: true });
  const tmpDir = path.join(base, "tmp");
  mkdirSync(tmpDir);
  spawnSync("chmod", ["-R", "a+rX,a-w", appDir]);
  chmodSync(base, 0o755);
  if (process.getuid?.() === 0) chownSync(tmpDir, NOBODY, NOBODY);
  return { appDir, serverDir, tmpDir };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

export interface TracedServer {
  url: string;
  process: ChildProcess;
  output(): string;
  /** Milliseconds from spawn until the port accepted a connection. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * Starts server.js with only `env` (and PATH): no database means no database, not the embedded one.
 * As root it runs as nobody, so the read-only copy is read-only to it too.
 */
export async function startTraced(copy: TracedCopy, env: Record<string, string>): Promise<TracedServer> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ["server.js"], {
    cwd: copy.serverDir,
    env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", HOME: copy.tmpDir, TMPDIR: copy.tmpDir, PORT: String(port), HOSTNAME: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => void (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => void (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = once(child, "exit");
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server.js exited (${child.exitCode}) before answering:\n${output}`);
    // A TCP connection, not a request: the first request of any page is what bench:coldstart times.
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (up) break;
    if (performance.now() - started > 60_000) throw new Error(`server.js did not answer within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const startMs = performance.now() - started;
  return {
    url,
    process: child,
    output: () => output,
    startMs,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}
