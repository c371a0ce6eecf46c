/**
 * The platform's worker and upload API over real HTTP, without building Next.js: a node:http server
 * that hands each request to the real route handler (the table in routes.ts), against the database
 * DATABASE_URL names. For process-level tests, which start it as a child process and kill it:
 *
 *   DATABASE_URL=postgres://... PORT=0 node --import tsx tests/helpers/api-server.ts
 *
 * It prints `listening <port>` on stdout once the database is open and the port is bound.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { getDb } from "@/db";
import { dispatchRoute } from "./routes";

async function toRequest(message: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const body = chunks.length > 0 && message.method !== "GET" && message.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(message.url ?? "/", origin), { method: message.method, headers, body });
}

async function handle(message: IncomingMessage, response: ServerResponse, origin: string) {
  try {
    const answer = await dispatchRoute(await toRequest(message, origin));
    const bytes = Buffer.from(await answer.arrayBuffer());
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(bytes);
  } catch (error) {
    console.error(error);
    if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { code: "internal", message: "internal error" } }));
  }
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("api-server: set DATABASE_URL");
  // One long-running server, as `npm start` runs it: migrated and seeded before the first request.
  process.env.LRBENCH_MIGRATE_ON_START ??= "1";
  await getDb();
  const port = Number(process.env.PORT ?? 0);
  const server = createServer((message, response) => void handle(message, response, `http://127.0.0.1:${(server.address() as { port: number }).port}`));
  server.listen(port, "127.0.0.1", () => {
    process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
