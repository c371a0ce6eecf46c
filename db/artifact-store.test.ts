import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blobStore, s3Settings, s3Store } from "./artifact-store";

/** A stand-in S3 endpoint: keeps objects by path and records each request's signature header. */
const objects = new Map<string, Buffer>();
const seen: { method: string; url: string; authorization: string; sha: string }[] = [];
const server = createServer(async (request: IncomingMessage, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  seen.push({ method: request.method!, url: request.url!, authorization: String(request.headers.authorization), sha: String(request.headers["x-amz-content-sha256"]) });
  if (request.method === "PUT") {
    objects.set(request.url!, Buffer.concat(chunks));
    response.writeHead(200).end();
  } else if (objects.has(request.url!)) {
    response.writeHead(200).end(objects.get(request.url!));
  } else {
    response.writeHead(404).end("<Error><Code>NoSuchKey</Code></Error>");
  }
});
let endpoint: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("artifact blob stores", () => {
  it("keeps bytes in the database row unless a bucket is configured", async () => {
    const store = blobStore({});
    const stored = await store.put("runs/r/a.onnx", Uint8Array.of(1, 2), "application/onnx");
    expect(stored).toEqual({ storage: "db", data: Uint8Array.of(1, 2), s3Key: null });
    expect(await store.get({ ...stored, name: "a.onnx" })).toEqual(Uint8Array.of(1, 2));
  });

  it("puts and gets objects in an S3-compatible bucket with SigV4-signed requests", async () => {
    const store = s3Store(s3Settings({ LRBENCH_S3_BUCKET: "lrbench", LRBENCH_S3_ENDPOINT: endpoint, LRBENCH_S3_ACCESS_KEY_ID: "AKIDTEST", LRBENCH_S3_SECRET_ACCESS_KEY: "secret" })!);
    const stored = await store.put("runs/r1/stage 1.onnx", Uint8Array.of(9, 8, 7), "application/onnx");
    expect(stored).toEqual({ storage: "s3", data: null, s3Key: "runs/r1/stage 1.onnx" });
    expect(seen[0]).toMatchObject({ method: "PUT", url: "/lrbench/runs/r1/stage%201.onnx" });
    expect(seen[0].authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}$/);
    expect(await store.get({ ...stored, name: "stage 1.onnx" })).toEqual(Uint8Array.of(9, 8, 7));
    await expect(store.get({ storage: "s3", data: null, s3Key: "runs/missing", name: "missing" })).rejects.toThrow("S3 GET runs/missing answered 404");
  });

  it("refuses a bucket without credentials, naming the settings", () => {
    expect(() => s3Settings({ LRBENCH_S3_BUCKET: "b" })).toThrow(/LRBENCH_S3_ACCESS_KEY_ID and LRBENCH_S3_SECRET_ACCESS_KEY/);
    expect(s3Settings({})).toBeNull();
  });
});
