// `npm start`'s web server: Next's own request handler behind node:http, only so that each request's
// socket address reaches the app. Route handlers never see the socket, and a plain `next start` keeps
// an X-Forwarded-For the client wrote itself, so the per-address write limit could not tell clients
// apart. Arguments as `next start` takes them: -p/--port, -H/--hostname.
import { createServer } from "node:http";
import { parseArgs } from "node:util";

// Read by app/_lib/settings.ts (proxies.socketAddressStamped); the header name is SOCKET_ADDRESS_HEADER there.
const SOCKET_ADDRESS_HEADER = "x-lrbench-socket-address";
process.env.LRBENCH_SOCKET_ADDRESS_STAMPED = "1";
// As `next start` does; set before Next loads, and the app's production-only rules depend on it.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  strict: false,
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = typeof values.hostname === "string" ? values.hostname : undefined;

const app = next({ dev: false, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
createServer((request, response) => {
  // Replaces whatever the client sent under that name.
  request.headers[SOCKET_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  handle(request, response);
}).listen(port, hostname, () => console.log(`lrbench: serving on http://${hostname ?? "localhost"}:${port}`));
