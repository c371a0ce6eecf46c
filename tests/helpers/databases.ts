import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openDb, type DbHandle } from "../../db/client";

const migrationsFolder = fileURLToPath(new URL("../../db/migrations", import.meta.url));

export interface TestDatabase {
  name: string;
  /** A new, empty, migrated database; close() removes it. */
  open(): Promise<DbHandle>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

// Each test file gets a database of its own, so files run in parallel without seeing each other's rows.
export async function openFreshPostgres(adminUrl: string): Promise<DbHandle & { url: string }> {
  const name = `lrbench_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const handle = await openDb({ driver: "pg", url }, migrationsFolder);
  return {
    ...handle,
    /** For other processes (a test server) to connect to the same database. */
    url,
    async close() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** PGlite always; a real PostgreSQL as well when TEST_DATABASE_URL names one. */
export const testDatabases: TestDatabase[] = [
  { name: "PGlite", open: () => openDb({ driver: "pglite", dataDir: null }, migrationsFolder) },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: "PostgreSQL", open: () => openFreshPostgres(process.env.TEST_DATABASE_URL!) }]
    : []),
];
