// Opening the database at start: the embedded one (and `npm start`, LRBENCH_MIGRATE_ON_START=1) is
// migrated and seeded before the first visitor; a deployed function only creates its connection pool
// here, since its database was migrated by the deploy's `npm run db:migrate`.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getDb } = await import("./db");
    await getDb();
  }
}
