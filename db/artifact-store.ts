/**
 * Where artifact bytes live: in PostgreSQL (the default: a serverless deployment needs no disk), or in an
 * S3-compatible bucket when LRBENCH_S3_BUCKET is set. Rows in `artifacts` always record which.
 */
import { AwsClient } from "aws4fetch";
import type { Artifact } from "./schema";

export interface StoredBlob {
  storage: Artifact["storage"];
  data: Uint8Array | null;
  s3Key: string | null;
}

export interface BlobStore {
  put(key: string, data: Uint8Array, contentType: string): Promise<StoredBlob>;
  get(artifact: Pick<Artifact, "storage" | "data" | "s3Key" | "name">): Promise<Uint8Array>;
  /** Removes bytes kept outside the database; bytes in a row go with the row. */
  remove(s3Key: string): Promise<void>;
}

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export function s3Settings(env: Record<string, string | undefined> = process.env): S3Settings | null {
  const bucket = env.LRBENCH_S3_BUCKET;
  if (!bucket) return null;
  const region = env.LRBENCH_S3_REGION ?? env.AWS_REGION ?? "us-east-1";
  const accessKeyId = env.LRBENCH_S3_ACCESS_KEY_ID ?? env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.LRBENCH_S3_SECRET_ACCESS_KEY ?? env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error("LRBENCH_S3_BUCKET is set, but no credentials: set LRBENCH_S3_ACCESS_KEY_ID and LRBENCH_S3_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)");
  }
  return { endpoint: (env.LRBENCH_S3_ENDPOINT ?? `https://s3.${region}.amazonaws.com`).replace(/\/$/, ""), bucket, region, accessKeyId, secretAccessKey };
}

const inDatabase: BlobStore = {
  async put(_key, data) {
    return { storage: "db", data, s3Key: null };
  },
  async get(artifact) {
    if (!artifact.data) throw new Error(`artifact ${artifact.name} has no bytes in the database`);
    return artifact.data;
  },
  async remove() {},
};

const s3Client = (settings: S3Settings) =>
  new AwsClient({ accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey, region: settings.region, service: "s3" });
/** Path-style addressing, which MinIO, Ceph, R2 and AWS all accept. */
const objectUrl = (settings: S3Settings, key: string) => `${settings.endpoint}/${settings.bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;

export function s3Store(settings: S3Settings): BlobStore {
  const client = s3Client(settings);
  const url = (key: string) => objectUrl(settings, key);
  return {
    async put(key, data, contentType) {
      const response = await client.fetch(url(key), { method: "PUT", body: new Uint8Array(data), headers: { "content-type": contentType } });
      if (!response.ok) throw new Error(`S3 PUT ${key} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      return { storage: "s3", data: null, s3Key: key };
    },
    async get(artifact) {
      if (artifact.storage === "db") return inDatabase.get(artifact);
      const response = await client.fetch(url(artifact.s3Key!));
      if (!response.ok) throw new Error(`S3 GET ${artifact.s3Key} answered ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    async remove(key) {
      const response = await client.fetch(url(key), { method: "DELETE" });
      // S3 answers 204 for a key that is already gone, so a repeated delete is not an error.
      if (!response.ok) throw new Error(`S3 DELETE ${key} answered ${response.status}`);
    },
  };
}

export function blobStore(env: Record<string, string | undefined> = process.env): BlobStore {
  const settings = s3Settings(env);
  return settings ? s3Store(settings) : inDatabase;
}

/** A presigned request: the uploader sends exactly these headers, or the bucket refuses it. */
export interface PresignedRequest {
  method: "PUT" | "GET";
  url: string;
  headers: Record<string, string>;
  expiresAt: string;
}

/**
 * Uploads and downloads that go straight between a client and the bucket, so a file never passes
 * through a function (Vercel refuses request bodies over 4.5 MB). The uploader declares the file's
 * SHA-256 and size first; the presigned PUT signs `x-amz-checksum-sha256`, so the bucket itself refuses
 * any other bytes, and the finishing call checks the object's size and checksum with one HEAD.
 */
export interface DirectTransfers {
  presignPut(key: string, file: { sha256: string; contentType: string }): Promise<PresignedRequest>;
  presignGet(key: string, filename: string): Promise<PresignedRequest>;
  /** Size and SHA-256 (hex) of a stored object, or null when there is none. */
  head(key: string): Promise<{ bytes: number; sha256: string | null } | null>;
  read(key: string): Promise<Uint8Array>;
  remove(key: string): Promise<void>;
}

/** Fifteen minutes: time for a large upload to start; a PUT that has started may run past it. */
const PRESIGN_SECONDS = 15 * 60;

export function s3DirectTransfers(settings: S3Settings): DirectTransfers {
  const client = s3Client(settings);
  const presign = async (method: "PUT" | "GET", key: string, headers: Record<string, string>, query: Record<string, string> = {}): Promise<PresignedRequest> => {
    const url = new URL(objectUrl(settings, key));
    url.searchParams.set("X-Amz-Expires", String(PRESIGN_SECONDS));
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const signed = await client.sign(url.toString(), { method, headers, aws: { signQuery: true } });
    return { method, url: signed.url, headers, expiresAt: new Date(Date.now() + PRESIGN_SECONDS * 1000).toISOString() };
  };
  return {
    presignPut: (key, file) =>
      presign("PUT", key, { "content-type": file.contentType, "x-amz-checksum-sha256": Buffer.from(file.sha256, "hex").toString("base64") }),
    presignGet: (key, filename) => presign("GET", key, {}, { "response-content-disposition": `attachment; filename="${filename}"` }),
    async head(key) {
      const response = await client.fetch(objectUrl(settings, key), { method: "HEAD", headers: { "x-amz-checksum-mode": "ENABLED" } });
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`S3 HEAD ${key} answered ${response.status}`);
      const checksum = response.headers.get("x-amz-checksum-sha256");
      return { bytes: Number(response.headers.get("content-length")), sha256: checksum ? Buffer.from(checksum, "base64").toString("hex") : null };
    },
    async read(key) {
      const response = await client.fetch(objectUrl(settings, key));
      if (!response.ok) throw new Error(`S3 GET ${key} answered ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    async remove(key) {
      const response = await client.fetch(objectUrl(settings, key), { method: "DELETE" });
      if (!response.ok && response.status !== 404) throw new Error(`S3 DELETE ${key} answered ${response.status}`);
    },
  };
}

/** Direct transfers where a bucket is configured; null on the embedded default, where bytes go through the server. */
export function directTransfers(env: Record<string, string | undefined> = process.env): DirectTransfers | null {
  const settings = s3Settings(env);
  return settings ? s3DirectTransfers(settings) : null;
}
