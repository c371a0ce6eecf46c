/**
 * The real route handlers (the table in routes.ts) behind node:http, so clients make real HTTP
 * requests (redirects followed by fetch itself, bodies streamed). `received` counts the request body
 * bytes the server took in, for tests that prove a file went elsewhere.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dispatchRoute } from "./routes";

async function toRequest(message: IncomingMessage, origin: string, count: (bytes: number) => void): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) {
    count((chunk as Buffer).length);
    chunks.push(chunk as Buffer);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const body = chunks.length > 0 && message.method !== "GET" && message.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(message.url ?? "/", origin), { method: message.method, headers, body });
}

async function handle(message: IncomingMessage, response: ServerResponse, origin: string, count: (bytes: number) => void) {
  try {
    const answer = await dispatchRoute(await toRequest(message, origin, count));
    const bytes = Buffer.from(await answer.arrayBuffer());
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(bytes);
  } catch (error) {
    console.error(error);
    if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { code: "internal", message: "internal error" } }));
  }
}

export interface RouteServer {
  server: Server;
  url: string;
  /** Request body bytes received so far. */
  received(): number;
  close(): Promise<void>;
}

export async function startRouteServer(port = 0): Promise<RouteServer> {
  let received = 0;
  const count = (bytes: number) => void (received += bytes);
  const server = createServer((message, response) => void handle(message, response, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
