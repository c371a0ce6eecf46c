import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createEmptyDatabase, migrationsFolder, openFreshVercelPostgres } from "../tests/helpers/databases";
import { connectDb, migratesOnStart, openDb, resolveDbConfig } from "./client";

const adminUrl = process.env.TEST_DATABASE_URL;

describe("when migrations run", () => {
  it("migrates at start only the embedded database, or when LRBENCH_MIGRATE_ON_START=1", () => {
    expect(migratesOnStart(resolveDbConfig({}))).toBe(true);
    expect(migratesOnStart(resolveDbConfig({ DATABASE_URL: "postgres://db/x" }), {})).toBe(false);
    expect(migratesOnStart(resolveDbConfig({ POSTGRES_URL: "postgres://db/x" }), {})).toBe(false);
    expect(migratesOnStart(resolveDbConfig({ DATABASE_URL: "postgres://db/x" }), { LRBENCH_MIGRATE_ON_START: "1" })).toBe(true);
  });
});

describe.runIf(adminUrl)("migrations on PostgreSQL", () => {
  it("connects without migrating: an unmigrated database has no tables", async () => {
    const empty = await createEmptyDatabase(adminUrl!);
    const handle = await connectDb({ driver: "pg", url: empty.url });
    try {
      const { rows } = (await handle.db.execute(sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`)) as unknown as { rows: { n: number }[] };
      expect(rows[0].n).toBe(0);
    } finally {
      await handle.close();
      await empty.drop();
    }
  });

  it("lets several deploys migrate one database at once: one applies, the others wait and find it done", async () => {
    const empty = await createEmptyDatabase(adminUrl!);
    try {
      const handles = await Promise.all(Array.from({ length: 4 }, () => openDb({ driver: "pg", url: empty.url }, migrationsFolder)));
      const { rows } = (await handles[0].db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
      const journal = (await import("./migrations/meta/_journal.json")).default as { entries: unknown[] };
      expect(rows[0].n).toBe(journal.entries.length);
      await Promise.all(handles.map((h) => h.close()));
    } finally {
      await empty.drop();
    }
  });

  it("migrates through @vercel/postgres, over the WebSocket proxy", async () => {
    const handle = await openFreshVercelPostgres(adminUrl!);
    try {
      expect(handle.driver).toBe("vercel");
      const { rows } = (await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
      expect(rows[0].n).toBeGreaterThan(0);
      expect(handle.proxyMessages()).toBeGreaterThan(10);
    } finally {
      await handle.close();
    }
  });
});
