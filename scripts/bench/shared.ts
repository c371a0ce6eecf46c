import os from "node:os";
import pg from "pg";
import { setDbForTesting, type DbHandle } from "../../db";
import { seedDb } from "../../db/seed";
import { openFreshPostgres } from "../../tests/helpers/databases";

export const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Where the figures came from, for the first line a benchmark prints. */
export async function machine(): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const version = (await client.query("show server_version")).rows[0].server_version;
    return `${os.cpus().length} x ${os.cpus()[0]?.model}, PostgreSQL ${version}`;
  } finally {
    await client.end();
  }
}

/** Runs a benchmark on a fresh, seeded database that route handlers use too; drops it afterwards. */
export async function withBenchDatabase(fn: (handle: DbHandle) => Promise<void>): Promise<void> {
  const handle = await openFreshPostgres(adminUrl);
  try {
    setDbForTesting(handle);
    await seedDb(handle.db);
    await fn(handle);
  } finally {
    await handle.close();
  }
}

export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
