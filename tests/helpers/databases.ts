import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openDb, type DbHandle } from "../../db/client";
import { routeNeonThrough } from "./neon-config";
import { startWsProxy } from "./ws-proxy";

export const migrationsFolder = fileURLToPath(new URL("../../db/migrations", import.meta.url));

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

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A new, empty database beside the admin one (each test file gets its own, so files run in parallel without seeing each other's rows). */
export async function createEmptyDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lrbench_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  return { url: withDatabase(adminUrl, name), drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function openFreshPostgres(adminUrl: string): Promise<DbHandle & { url: string }> {
  const empty = await createEmptyDatabase(adminUrl);
  const handle = await openDb({ driver: "pg", url: empty.url }, migrationsFolder);
  return {
    ...handle,
    /** For other processes (a test server) to connect to the same database. */
    url: empty.url,
    async close() {
      await handle.close();
      await empty.drop();
    },
  };
}

/**
 * The same fresh database, reached as on Vercel: @vercel/postgres (the Neon driver, PostgreSQL over
 * WebSocket) through a WebSocket-to-TCP proxy in front of the machine's PostgreSQL.
 */
export async function openFreshVercelPostgres(adminUrl: string): Promise<DbHandle & { url: string; proxyMessages(): number }> {
  const empty = await createEmptyDatabase(adminUrl);
  const target = new URL(empty.url);
  const proxy = await startWsProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await routeNeonThrough(proxy.address);
  // @vercel/postgres takes a connection string without "-pooler." only for the host named localhost.
  target.hostname = "localhost";
  try {
    // Migrated through the proxy too: drizzle's migrator on this driver is part of what is tested.
    const handle = await openDb({ driver: "vercel", url: target.toString() }, migrationsFolder);
    return {
      ...handle,
      url: empty.url,
      proxyMessages: proxy.messages,
      async close() {
        await handle.close();
        await proxy.close();
        await empty.drop();
      },
    };
  } catch (error) {
    await proxy.close();
    await empty.drop();
    throw error;
  }
}

/** PGlite always; a real PostgreSQL as well when TEST_DATABASE_URL names one. */
export const testDatabases: TestDatabase[] = [
  { name: "PGlite", open: () => openDb({ driver: "pglite", dataDir: null }, migrationsFolder) },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: "PostgreSQL", open: () => openFreshPostgres(process.env.TEST_DATABASE_URL!) }]
    : []),
];

/**
 * testDatabases and, with TEST_DATABASE_URL, the @vercel/postgres driver through the WebSocket proxy.
 * Only the suites that exercise what a driver can get wrong (migrations, the queue's locking claims,
 * the leaderboard's aggregates, idempotent writes) run on it: on every suite it would add a third of the
 * integration tests' time for the same SQL.
 */
export const serverlessTestDatabases: TestDatabase[] = [
  ...testDatabases,
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: "Vercel Postgres (ws)", open: () => openFreshVercelPostgres(process.env.TEST_DATABASE_URL!) }]
    : []),
];
