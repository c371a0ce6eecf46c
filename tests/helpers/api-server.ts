/**
 * The platform's worker and upload API over real HTTP, without building Next.js: a node:http server
 * that hands each request to the real route handler (the table in routes.ts), against the database
 * DATABASE_URL names. For process-level tests, which start it as a child process and kill it:
 *
 *   DATABASE_URL=postgres://... PORT=0 node --import tsx tests/helpers/api-server.ts
 *
 * It prints `listening <port>` on stdout once the database is open and the port is bound.
 */
import { getDb } from "@/db";
import { startRouteServer } from "./route-server";

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("api-server: set DATABASE_URL");
  // One long-running server, as `npm start` runs it: migrated and seeded before the first request.
  process.env.LRBENCH_MIGRATE_ON_START ??= "1";
  await getDb();
  const { server, url } = await startRouteServer(Number(process.env.PORT ?? 0));
  process.stdout.write(`listening ${new URL(url).port}\n`);
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
