import { mkdirSync } from "node:fs";
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
}

export function resolveDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  if (env.DATABASE_URL) return { driver: "pg", url: env.DATABASE_URL };
  if (env.POSTGRES_URL) return { driver: "vercel", url: env.POSTGRES_URL };
  const dataDir = env.LRBENCH_DATA_DIR ?? ".data";
  return { driver: "pglite", dataDir: path.resolve(dataDir, "pglite") };
}

export function defaultMigrationsFolder(): string {
  return process.env.LRBENCH_MIGRATIONS_DIR ?? path.resolve(process.cwd(), "db/migrations");
}

/** Connects and brings the schema up to date; a database is never used behind its migrations. */
export async function openDb(
  config: DbConfig,
  migrationsFolder: string = defaultMigrationsFolder(),
): Promise<DbHandle> {
  switch (config.driver) {
    case "pg": {
      const { Pool } = await import("pg");
      const { drizzle } = await import("drizzle-orm/node-postgres");
      const { migrate } = await import("drizzle-orm/node-postgres/migrator");
      const pool = new Pool({ connectionString: config.url, max: 10 });
      // An idle connection that the server drops (restart, failover) emits 'error'; unhandled, it
      // would crash the process. The pool replaces it on the next query.
      pool.on("error", (error) => console.error(`database connection lost: ${error.message}`));
      const db = drizzle(pool, { schema });
      await migrate(db, { migrationsFolder });
      return { db: db as unknown as Database, driver: "pg", close: () => pool.end() };
    }
    case "vercel": {
      const { createPool } = await import("@vercel/postgres");
      const { drizzle } = await import("drizzle-orm/vercel-postgres");
      const { migrate } = await import("drizzle-orm/vercel-postgres/migrator");
      const pool = createPool({ connectionString: config.url });
      const db = drizzle(pool, { schema });
      await migrate(db, { migrationsFolder });
      return { db: db as unknown as Database, driver: "vercel", close: () => pool.end() };
    }
    case "pglite": {
      const { PGlite } = await import("@electric-sql/pglite");
      const { drizzle } = await import("drizzle-orm/pglite");
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      // PGlite creates only the last folder of its path; LRBENCH_DATA_DIR may not exist yet.
      if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
      const client = config.dataDir ? new PGlite(config.dataDir) : new PGlite();
      const db = drizzle(client, { schema });
      await migrate(db, { migrationsFolder });
      return { db: db as unknown as Database, driver: "pglite", close: () => client.close() };
    }
  }
}
