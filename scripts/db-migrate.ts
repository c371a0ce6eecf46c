// `npm run db:migrate`: the release step of a deployment. Applies pending migrations (one process at a
// time, under a PostgreSQL advisory lock, so two deploys or a deploy and `npm start` cannot interleave)
// and brings the standard tasks and baselines up to date. Uses the same database the server would:
// DATABASE_URL, else POSTGRES_URL, else the embedded PGlite in LRBENCH_DATA_DIR.
import { openDb, resolveDbConfig } from "../db/client";
import { seedDb } from "../db/seed";

const config = resolveDbConfig();
const started = Date.now();
const handle = await openDb(config);
try {
  await seedDb(handle.db);
} finally {
  await handle.close();
}
console.log(`db:migrate: ${config.driver} database migrated and seeded in ${Date.now() - started} ms`);
