/**
 * A WebSocket-to-TCP proxy like Neon's wsproxy, so the Neon serverless driver (inside @vercel/postgres)
 * can reach the machine's PostgreSQL: each binary WebSocket message carries raw PostgreSQL protocol
 * bytes, in both directions. The driver asks for `ws://<proxy>/v2?address=host:port`; the proxy connects
 * to that address (only the allowed one). Written on node:http's upgrade event: Node 20 has a WebSocket
 * client but no server, and the framing needed here (RFC 6455, no extensions) is short.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

const WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const OPCODE = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

export interface WsProxy {
  /** host:port of the proxy, without a scheme, as neonConfig.wsProxy wants it. */
  address: string;
  /** WebSocket messages received from clients so far: proof that traffic went through the proxy. */
  messages(): number;
  close(): Promise<void>;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) header[1] = length;
  else if (length < 65_536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/** Splits complete frames off the front of `buffer`; returns them and what is left for the next chunk. */
function parseFrames(buffer: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let offset = 0;
  for (;;) {
    if (buffer.length - offset < 2) break;
    const opcode = buffer[offset] & 0x0f;
    const masked = (buffer[offset + 1] & 0x80) !== 0;
    let length = buffer[offset + 1] & 0x7f;
    let cursor = offset + 2;
    if (length === 126) {
      if (buffer.length < cursor + 2) break;
      length = buffer.readUInt16BE(cursor);
      cursor += 2;
    } else if (length === 127) {
      if (buffer.length < cursor + 8) break;
      length = Number(buffer.readBigUInt64BE(cursor));
      cursor += 8;
    }
    const maskLength = masked ? 4 : 0;
    if (buffer.length < cursor + maskLength + length) break;
    const payload = Buffer.from(buffer.subarray(cursor + maskLength, cursor + maskLength + length));
    if (masked) {
      const mask = buffer.subarray(cursor, cursor + 4);
      for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
    }
    frames.push({ opcode, payload });
    offset = cursor + maskLength + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

export async function startWsProxy(allowed: { host: string; port: number }): Promise<WsProxy> {
  let messages = 0;
  const sockets = new Set<Socket>();
  const server = createServer((_request, response) => response.writeHead(426).end("WebSocket only"));
  server.on("upgrade", (request: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    const key = request.headers["sec-websocket-key"];
    const target = new URL(request.url ?? "/", "http://proxy").searchParams.get("address");
    const [host, port] = (target ?? "").split(":");
    // Only the allowed database: this proxy is no open relay, even on a test machine.
    const known = (host === allowed.host || (host === "localhost" && allowed.host === "127.0.0.1")) && Number(port) === allowed.port;
    if (typeof key !== "string" || !known) {
      client.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      return;
    }
    const accept = createHash("sha1").update(key + WEBSOCKET_GUID).digest("base64");
    client.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);

    const upstream = connect(allowed.port, allowed.host);
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    const pending: Buffer[] = [];
    let connected = false;
    upstream.on("connect", () => {
      connected = true;
      for (const bytes of pending.splice(0)) upstream.write(bytes);
    });
    const toUpstream = (bytes: Buffer) => (connected ? upstream.write(bytes) : pending.push(bytes));
    upstream.on("data", (bytes: Buffer) => client.write(frame(OPCODE.binary, bytes)));
    upstream.on("close", () => client.end(frame(OPCODE.close, Buffer.alloc(0))));
    upstream.on("error", () => client.destroy());

    let buffered: Buffer = Buffer.from(head);
    const onData = (chunk: Buffer) => {
      const { frames, rest } = parseFrames(buffered.length ? Buffer.concat([buffered, chunk]) : chunk);
      buffered = Buffer.from(rest);
      for (const { opcode, payload } of frames) {
        if (opcode === OPCODE.close) {
          upstream.end();
          client.end(frame(OPCODE.close, Buffer.alloc(0)));
        } else if (opcode === OPCODE.ping) {
          client.write(frame(OPCODE.pong, payload));
        } else if (opcode === OPCODE.binary || opcode === OPCODE.text || opcode === OPCODE.continuation) {
          messages++;
          toUpstream(payload);
        }
      }
    };
    client.on("data", onData);
    client.on("close", () => upstream.destroy());
    client.on("error", () => upstream.destroy());
    if (buffered.length) onData(Buffer.alloc(0));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    messages: () => messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
