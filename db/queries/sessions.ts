import { and, eq, gt } from "drizzle-orm";
import type { Database } from "../client";
import { sessions, users, type User } from "../schema";

/** The user behind a live session token (the next-auth database session cookie), or null. */
export async function getSessionUser(db: Database, sessionToken: string): Promise<User | null> {
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, sessionToken), gt(sessions.expires, new Date())))
    .limit(1);
  return row?.user ?? null;
}

export async function createSession(db: Database, input: { sessionToken: string; userId: string; expires: Date }) {
  const [row] = await db.insert(sessions).values(input).returning();
  return row;
}

export async function deleteSession(db: Database, sessionToken: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.sessionToken, sessionToken));
}
