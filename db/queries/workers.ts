import { desc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { apiTokens, workers, type Worker } from "../schema";
import { createApiToken } from "./tokens";

/** Registers a worker and mints its `worker`-scoped token in one transaction. */
export async function registerWorker(
  db: Database,
  input: { name: string; ownerId: string },
): Promise<{ worker: Worker; secret: string }> {
  return db.transaction(async (tx) => {
    const [worker] = await tx.insert(workers).values({ name: input.name, ownerId: input.ownerId }).returning();
    const { secret } = await createApiToken(tx as unknown as Database, {
      userId: input.ownerId,
      name: `worker ${input.name}`,
      scopes: ["worker"],
      workerId: worker.id,
    });
    return { worker, secret };
  });
}

export async function listWorkers(db: Database) {
  return db
    .select({ worker: workers, tokenId: apiTokens.id, tokenPrefix: apiTokens.prefix, revokedAt: apiTokens.revokedAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(workers)
    .leftJoin(apiTokens, eq(apiTokens.workerId, workers.id))
    .orderBy(desc(workers.createdAt));
}

export async function getWorkerByName(db: Database, name: string): Promise<Worker | null> {
  const [row] = await db.select().from(workers).where(eq(workers.name, name)).limit(1);
  return row ?? null;
}
