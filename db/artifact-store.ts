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

/** Path-style addressing, which MinIO, Ceph, R2 and AWS all accept. */
export function s3Store(settings: S3Settings): BlobStore {
  const client = new AwsClient({ accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey, region: settings.region, service: "s3" });
  const url = (key: string) => `${settings.endpoint}/${settings.bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;
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
