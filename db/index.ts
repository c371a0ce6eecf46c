import path from "node:path";
import { connectDb, defaultMigrationsFolder, migratesOnStart, resolveDbConfig, type DbHandle } from "./client";
import { prepareEmbeddedReplays } from "./embedded";
import { seedDb } from "./seed";

// Next.js may evaluate server modules more than once (dev reloads, several route bundles);
// one embedded PGlite must never be opened twice on the same folder, so the handle lives on globalThis.
const globalForDb = globalThis as unknown as { lrbenchDb?: Promise<DbHandle> };

/**
 * The application's database, connected once per process. Migrated and seeded here only where no
 * release step does it (see migratesOnStart); a deployed function's cold start only connects.
 */
export function getDb(): Promise<DbHandle> {
  globalForDb.lrbenchDb ??= (async () => {
    const config = resolveDbConfig();
    if (config.driver === "pglite" && process.env.VERCEL) {
      // A function's disk is neither shared nor kept, and the embedded database is left out of its files.
      throw new Error("No database configured: set POSTGRES_URL (Vercel Postgres, Neon) or DATABASE_URL in the project's environment variables.");
    }
    const handle = await connectDb(config);
    if (migratesOnStart(config)) {
      await handle.migrate(defaultMigrationsFolder());
      await seedDb(handle.db);
    }
    if (config.driver === "pglite" && config.dataDir && process.env.LRBENCH_LOCAL_WORKER === "1") {
      await prepareEmbeddedReplays(handle.db, path.dirname(config.dataDir));
    }
    return handle;
  })().catch((error) => {
    globalForDb.lrbenchDb = undefined;
    throw error;
  });
  return globalForDb.lrbenchDb;
}

/** Tests hand route handlers a database of their own instead of the configured one. */
export function setDbForTesting(handle: DbHandle): void {
  globalForDb.lrbenchDb = Promise.resolve(handle);
}

export type { Database, DbHandle } from "./client";
