import { appendFileSync, mkdirSync } from "node:fs";
import type { Logger } from "drizzle-orm/logger";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * Which PostgreSQL lrbench talks to. The environment decides, so one build runs on a server
 * (DATABASE_URL), on Vercel (POSTGRES_URL) and, with nothing configured, on an embedded PGlite.
 */
export type DbConfig =
  | { driver: "pg"; url: string }
  | { driver: "vercel"; url: string }
  | { driver: "pglite"; dataDir: string | null };

export interface DbHandle {
  db: Database;
  driver: DbConfig["driver"];
  close(): Promise<void>;
  /** Applies the migrations not yet applied, one process at a time (a PostgreSQL advisory lock). */
  migrate(migrationsFolder: string): Promise<void>;
}

export function resolveDbConfig(env: Record<string, string | undefined> = process.env): DbConfig {
  if (env.DATABASE_URL) return { driver: "pg", url: env.DATABASE_URL };
  if (env.POSTGRES_URL) return { driver: "vercel", url: env.POSTGRES_URL };
  const dataDir = env.LRBENCH_DATA_DIR ?? ".data";
  return { driver: "pglite", dataDir: path.resolve(dataDir, "pglite") };
}

export function defaultMigrationsFolder(): string {
  return process.env.LRBENCH_MIGRATIONS_DIR ?? path.resolve(process.cwd(), "db/migrations");
}

/** Any constant works; every process that migrates this database must use the same one. */
const MIGRATION_LOCK_KEY = 7_290_418;

/**
 * Runs drizzle's migrator on one connection holding a session-level advisory lock, so deploys and
 * starts that migrate at once apply each migration once; the migrator's statements all use that connection.
 */
async function underMigrationLock(client: { query(text: string, values?: unknown[]): Promise<unknown>; release(): void }, migrate: () => Promise<void>) {
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migrate();
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

/**
 * LRBENCH_QUERY_LOG names a file that gets one line per statement the application sends: how the
 * traced smoke shows that a warm page is served from the cache without touching the database.
 */
function queryLogger(env: Record<string, string | undefined> = process.env): { logger?: Logger } {
  const file = env.LRBENCH_QUERY_LOG;
  if (!file) return {};
  return { logger: { logQuery: (query) => appendFileSync(file, `${query.replace(/\s+/g, " ").slice(0, 200)}\n`) } };
}

/** Connects without touching the schema: a deployed function's cold start does no more than this. */
export async function connectDb(config: DbConfig): Promise<DbHandle> {
  switch (config.driver) {
    case "pg": {
      const { Pool } = await import("pg");
      const { drizzle } = await import("drizzle-orm/node-postgres");
      const { migrate } = await import("drizzle-orm/node-postgres/migrator");
      const pool = new Pool({ connectionString: config.url, max: 10 });
      // An idle connection that the server drops (restart, failover) emits 'error'; unhandled, it
      // would crash the process. The pool replaces it on the next query.
      pool.on("error", (error) => console.error(`database connection lost: ${error.message}`));
      return {
        db: drizzle(pool, { schema, ...queryLogger() }) as unknown as Database,
        driver: "pg",
        close: () => pool.end(),
        async migrate(migrationsFolder) {
          const client = await pool.connect();
          await underMigrationLock(client, () => migrate(drizzle(client, { schema }), { migrationsFolder }));
        },
      };
    }
    case "vercel": {
      const { createPool } = await import("@vercel/postgres");
      const { drizzle } = await import("drizzle-orm/vercel-postgres");
      const { migrate } = await import("drizzle-orm/vercel-postgres/migrator");
      const pool = createPool({ connectionString: config.url });
      return {
        db: drizzle(pool, { schema, ...queryLogger() }) as unknown as Database,
        driver: "vercel",
        close: () => pool.end(),
        async migrate(migrationsFolder) {
          const client = await pool.connect();
          await underMigrationLock(client, () => migrate(drizzle(client, { schema }), { migrationsFolder }));
        },
      };
    }
    case "pglite": {
      // Loaded from node_modules at run time, never traced into a deployed function: the embedded
      // database (20 MB of WASM and data) is for `npm start`, the CLI and tests.
      const { PGlite } = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "@electric-sql/pglite");
      const { drizzle } = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "drizzle-orm/pglite");
      const { migrate } = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "drizzle-orm/pglite/migrator");
      // PGlite creates only the last folder of its path; LRBENCH_DATA_DIR may not exist yet.
      if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
      const client = config.dataDir ? new PGlite(config.dataDir) : new PGlite();
      const db = drizzle(client, { schema, ...queryLogger() });
      // One process owns a PGlite folder, so nothing else can migrate it concurrently.
      return { db: db as unknown as Database, driver: "pglite", close: () => client.close(), migrate: (migrationsFolder) => migrate(db, { migrationsFolder }) };
    }
  }
}

/** Connects and brings the schema up to date; a database is never used behind its migrations. */
export async function openDb(
  config: DbConfig,
  migrationsFolder: string = defaultMigrationsFolder(),
): Promise<DbHandle> {
  const handle = await connectDb(config);
  try {
    await handle.migrate(migrationsFolder);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  return handle;
}

/**
 * Whether this process migrates and seeds when it first opens the database. The embedded PGlite has no
 * release step, so it always does; a server database is migrated once per deploy (`npm run db:migrate`),
 * not at each cold start of each function, unless LRBENCH_MIGRATE_ON_START=1 (which `npm start` sets).
 */
export function migratesOnStart(config: DbConfig, env: Record<string, string | undefined> = process.env): boolean {
  if (config.driver === "pglite") return true;
  return env.LRBENCH_MIGRATE_ON_START === "1";
}
