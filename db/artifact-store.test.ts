import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3StandIn, type S3StandIn } from "../tests/helpers/s3-stand-in";
import { blobStore, directTransfers, s3Settings, s3Store } from "./artifact-store";

let bucket: S3StandIn;
beforeAll(async () => {
  bucket = await startS3StandIn();
});
afterAll(() => bucket.close());

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("artifact blob stores", () => {
  it("keeps bytes in the database row unless a bucket is configured", async () => {
    const store = blobStore({});
    const stored = await store.put("runs/r/a.onnx", Uint8Array.of(1, 2), "application/onnx");
    expect(stored).toEqual({ storage: "db", data: Uint8Array.of(1, 2), s3Key: null });
    expect(await store.get({ ...stored, name: "a.onnx" })).toEqual(Uint8Array.of(1, 2));
    expect(directTransfers({})).toBeNull();
  });

  it("puts and gets objects in an S3-compatible bucket with SigV4-signed requests", async () => {
    const store = s3Store(s3Settings(bucket.env)!);
    const stored = await store.put("runs/r1/stage 1.onnx", Uint8Array.of(9, 8, 7), "application/onnx");
    expect(stored).toEqual({ storage: "s3", data: null, s3Key: "runs/r1/stage 1.onnx" });
    expect(bucket.requests.at(-1)).toMatchObject({ method: "PUT", key: "runs/r1/stage 1.onnx", status: 200, presigned: false });
    expect(await store.get({ ...stored, name: "stage 1.onnx" })).toEqual(Uint8Array.of(9, 8, 7));
    await expect(store.get({ storage: "s3", data: null, s3Key: "runs/missing", name: "missing" })).rejects.toThrow("S3 GET runs/missing answered 404");
    // A wrong secret is refused, as a real bucket refuses it: the stand-in checks signatures.
    const wrong = s3Store(s3Settings({ ...bucket.env, LRBENCH_S3_SECRET_ACCESS_KEY: "not-it" })!);
    await expect(wrong.put("runs/r1/x", Uint8Array.of(1), "application/octet-stream")).rejects.toThrow(/answered 403/);
  });

  it("refuses a bucket without credentials, naming the settings", () => {
    expect(() => s3Settings({ LRBENCH_S3_BUCKET: "b" })).toThrow(/LRBENCH_S3_ACCESS_KEY_ID and LRBENCH_S3_SECRET_ACCESS_KEY/);
    expect(s3Settings({})).toBeNull();
  });
});

describe("direct transfers between a client and the bucket", () => {
  const bytes = new TextEncoder().encode("the stage-3 snapshot");
  const transfers = () => directTransfers(bucket.env)!;

  it("presigns a PUT that the bucket takes only with the declared bytes, then HEAD reports size and SHA-256", async () => {
    const upload = await transfers().presignPut("runs/r2/stage.onnx", { sha256: sha256(bytes), contentType: "application/onnx" });
    expect(upload.url).toMatch(/X-Amz-Signature=[0-9a-f]{64}/);
    expect(upload.url).toContain("X-Amz-SignedHeaders=host%3Bx-amz-checksum-sha256");

    const other = new TextEncoder().encode("something else entirely");
    expect((await fetch(upload.url, { method: "PUT", headers: upload.headers, body: other })).status).toBe(400);
    expect(await transfers().head("runs/r2/stage.onnx")).toBeNull();
    // The checksum header is signed: changing it to match other bytes breaks the signature.
    expect((await fetch(upload.url, { method: "PUT", headers: { ...upload.headers, "x-amz-checksum-sha256": Buffer.from(sha256(other), "hex").toString("base64") }, body: other })).status).toBe(403);
    expect((await fetch(upload.url.replace("stage.onnx", "other.onnx"), { method: "PUT", headers: upload.headers, body: bytes })).status).toBe(403);

    expect((await fetch(upload.url, { method: "PUT", headers: upload.headers, body: bytes })).status).toBe(200);
    expect(await transfers().head("runs/r2/stage.onnx")).toEqual({ bytes: bytes.byteLength, sha256: sha256(bytes) });
  });

  it("presigns a GET for downloads, and removes objects", async () => {
    const download = await transfers().presignGet("runs/r2/stage.onnx", "stage.onnx");
    const response = await fetch(download.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="stage.onnx"');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    await transfers().remove("runs/r2/stage.onnx");
    expect(await transfers().head("runs/r2/stage.onnx")).toBeNull();
  });
});
