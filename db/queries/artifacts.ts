import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { artifacts, type Artifact } from "../schema";

export type ArtifactInfo = Omit<Artifact, "data">;

export interface PutArtifactInput {
  runId: string;
  name: string;
  kind: Artifact["kind"];
  epoch: number | null;
  contentType: string;
  bytes: number;
  sha256: string;
  storage: Artifact["storage"];
  data: Uint8Array | null;
  s3Key: string | null;
}

const infoColumns = {
  id: artifacts.id,
  runId: artifacts.runId,
  name: artifacts.name,
  kind: artifacts.kind,
  epoch: artifacts.epoch,
  contentType: artifacts.contentType,
  bytes: artifacts.bytes,
  sha256: artifacts.sha256,
  storage: artifacts.storage,
  s3Key: artifacts.s3Key,
  createdAt: artifacts.createdAt,
};

/** Stores or replaces a run's file of this name: a retried upload of the same stage overwrites it. */
export async function putArtifact(db: Database, input: PutArtifactInput): Promise<ArtifactInfo> {
  const [row] = await db
    .insert(artifacts)
    .values(input)
    .onConflictDoUpdate({
      target: [artifacts.runId, artifacts.name],
      set: { kind: input.kind, epoch: input.epoch, contentType: input.contentType, bytes: input.bytes, sha256: input.sha256, storage: input.storage, data: input.data, s3Key: input.s3Key },
    })
    .returning(infoColumns);
  return row;
}

export async function listArtifacts(db: Database, runId: string): Promise<ArtifactInfo[]> {
  return db.select(infoColumns).from(artifacts).where(eq(artifacts.runId, runId)).orderBy(asc(artifacts.epoch), asc(artifacts.name));
}

export async function readArtifact(db: Database, runId: string, name: string): Promise<Artifact | null> {
  const [row] = await db.select().from(artifacts).where(and(eq(artifacts.runId, runId), eq(artifacts.name, name))).limit(1);
  return row ?? null;
}

export async function readArtifactInfo(db: Database, runId: string, name: string): Promise<ArtifactInfo | null> {
  const [row] = await db.select(infoColumns).from(artifacts).where(and(eq(artifacts.runId, runId), eq(artifacts.name, name))).limit(1);
  return row ?? null;
}
