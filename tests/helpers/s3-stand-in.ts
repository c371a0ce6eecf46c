/**
 * An S3-compatible stand-in that stores bytes (in a temporary folder, so a 200 MB object is never held
 * in memory) and checks what a real bucket checks: every request's SigV4 signature, in the Authorization
 * header or in a presigned URL's query (not both), a presigned URL's expiry, and a PUT's declared
 * x-amz-checksum-sha256 against the bytes received. It answers PUT, GET, HEAD and DELETE, path-style.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rename, rm, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { AwsV4Signer } from "aws4fetch";

export interface S3Request {
  method: string;
  key: string;
  /** Body bytes received. */
  bytes: number;
  presigned: boolean;
  status: number;
}

export interface S3StandIn {
  endpoint: string;
  bucket: string;
  /** The settings lrbench reads (LRBENCH_S3_*). */
  env: Record<string, string>;
  requests: S3Request[];
  close(): Promise<void>;
}

const ACCESS_KEY_ID = "AKIDSTANDIN";
const SECRET = "stand-in-secret";

function fail(response: ServerResponse, status: number, code: string, message: string) {
  response.writeHead(status, { "content-type": "application/xml" }).end(`<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
  return status;
}

/** Signs the request again with the same date and signed headers; true when the signatures agree. */
async function signatureValid(request: IncomingMessage, url: URL): Promise<{ ok: boolean; presigned: boolean; reason?: string }> {
  const presigned = url.searchParams.has("X-Amz-Signature");
  const authorization = request.headers.authorization;
  if (presigned && authorization) return { ok: false, presigned, reason: "Only one auth mechanism allowed" };
  const header = (name: string) => String(request.headers[name] ?? "");
  if (presigned) {
    const given = url.searchParams.get("X-Amz-Signature")!;
    const signedHeaders = (url.searchParams.get("X-Amz-SignedHeaders") ?? "").split(";").filter((h) => h !== "host");
    const datetime = url.searchParams.get("X-Amz-Date")!;
    const expires = Number(url.searchParams.get("X-Amz-Expires"));
    const signedAt = Date.parse(`${datetime.slice(0, 4)}-${datetime.slice(4, 6)}-${datetime.slice(6, 11)}:${datetime.slice(11, 13)}:${datetime.slice(13, 15)}Z`);
    if (!(Date.now() <= signedAt + expires * 1000)) return { ok: false, presigned, reason: "Request has expired" };
    const unsigned = new URL(url);
    unsigned.searchParams.delete("X-Amz-Signature");
    const signer = new AwsV4Signer({
      method: request.method, url: unsigned.toString(), headers: Object.fromEntries(signedHeaders.map((h) => [h, header(h)])),
      accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, service: "s3", region: "us-east-1", datetime, signQuery: true, allHeaders: true,
    });
    return { ok: (await signer.signature()) === given, presigned };
  }
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/[^,]+, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization ?? "");
  if (!match || match[1] !== ACCESS_KEY_ID) return { ok: false, presigned, reason: "no valid Authorization" };
  const signedHeaders = match[2].split(";").filter((h) => h !== "host");
  const signer = new AwsV4Signer({
    method: request.method, url: url.toString(), headers: Object.fromEntries(signedHeaders.map((h) => [h, header(h)])),
    accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, service: "s3", region: "us-east-1", datetime: header("x-amz-date"), allHeaders: true,
  });
  return { ok: (await signer.signature()) === match[3], presigned };
}

export async function startS3StandIn(bucket = "lrbench"): Promise<S3StandIn> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "lrbench-s3-"));
  const checksums = new Map<string, string>();
  const requests: S3Request[] = [];
  const fileOf = (key: string) => path.join(folder, createHash("sha256").update(key).digest("hex"));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<S3Request> {
    const url = new URL(request.url ?? "/", `http://${request.headers.host}`);
    const prefix = `/${bucket}/`;
    const key = url.pathname.startsWith(prefix) ? decodeURIComponent(url.pathname.slice(prefix.length)) : "";
    const record: S3Request = { method: request.method ?? "", key, bytes: 0, presigned: false, status: 0 };
    const auth = await signatureValid(request, url);
    record.presigned = auth.presigned;
    if (!key) return { ...record, status: fail(response, 404, "NoSuchBucket", "no such bucket") };
    if (!auth.ok) {
      request.resume();
      return { ...record, status: fail(response, 403, "SignatureDoesNotMatch", auth.reason ?? "signature does not match") };
    }
    const file = fileOf(key);
    if (request.method === "PUT") {
      const partial = `${file}.partial`;
      const hash = createHash("sha256");
      const out = createWriteStream(partial);
      for await (const chunk of request) {
        record.bytes += (chunk as Buffer).length;
        hash.update(chunk as Buffer);
        if (!out.write(chunk)) await once(out, "drain");
      }
      await new Promise((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve(null))));
      const actual = hash.digest("base64");
      const declared = request.headers["x-amz-checksum-sha256"];
      if (declared !== undefined && declared !== actual) {
        await rm(partial, { force: true });
        return { ...record, status: fail(response, 400, "BadDigest", "The SHA256 you specified did not match the calculated checksum.") };
      }
      await rename(partial, file);
      checksums.set(key, actual);
      response.writeHead(200, { "x-amz-checksum-sha256": actual }).end();
      return { ...record, status: 200 };
    }
    request.resume();
    const size = await stat(file).then((s) => s.size, () => null);
    if (request.method === "DELETE") {
      await rm(file, { force: true });
      checksums.delete(key);
      response.writeHead(204).end();
      return { ...record, status: 204 };
    }
    if (size === null) return { ...record, status: fail(response, 404, "NoSuchKey", "The specified key does not exist.") };
    const headers: Record<string, string> = { "content-length": String(size), "content-type": "application/octet-stream" };
    if (request.headers["x-amz-checksum-mode"] === "ENABLED" && checksums.has(key)) headers["x-amz-checksum-sha256"] = checksums.get(key)!;
    const disposition = url.searchParams.get("response-content-disposition");
    if (disposition) headers["content-disposition"] = disposition;
    response.writeHead(200, headers);
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
    return { ...record, status: 200 };
  }

  const server = createServer((request, response) => {
    handle(request, response).then(
      (record) => requests.push(record),
      (error) => {
        if (!response.headersSent) fail(response, 500, "InternalError", String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    bucket,
    env: { LRBENCH_S3_BUCKET: bucket, LRBENCH_S3_ENDPOINT: endpoint, LRBENCH_S3_REGION: "us-east-1", LRBENCH_S3_ACCESS_KEY_ID: ACCESS_KEY_ID, LRBENCH_S3_SECRET_ACCESS_KEY: SECRET },
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(folder, { recursive: true, force: true });
    },
  };
}
