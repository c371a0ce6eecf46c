import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { idempotencyKeys } from "../schema";
import { AppError } from "../../lib/errors";

export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * Runs `work` once per (user, key). The key row is inserted in the same transaction as the work, so
 * a concurrent duplicate waits on it and then finds the stored answer, and a failed attempt leaves
 * no key behind and can simply be retried.
 */
export async function onceForKey(
  db: Database,
  userId: string,
  key: string,
  requestHash: string,
  work: (tx: Database) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ userId, key, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    const where = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
    if (claimed.length === 0) {
      const [stored] = await tx.select().from(idempotencyKeys).where(where).limit(1);
      if (stored.requestHash !== requestHash) {
        throw new AppError("unprocessable", `Idempotency-Key '${key}' was already used for a different request.`);
      }
      return { status: stored.status ?? 200, body: stored.body, replayed: true };
    }
    const response = await work(tx as unknown as Database);
    await tx.update(idempotencyKeys).set({ status: response.status, body: response.body }).where(where);
    return { ...response, replayed: false };
  });
}

/** A client retries within minutes; after `olderThanSeconds` a key is only a row to store. */
export async function expireIdempotencyKeys(db: Database, olderThanSeconds: number): Promise<number> {
  const removed = await db
    .delete(idempotencyKeys)
    .where(sql`${idempotencyKeys.createdAt} < now() - make_interval(secs => ${olderThanSeconds})`)
    .returning({ key: idempotencyKeys.key });
  return removed.length;
}
