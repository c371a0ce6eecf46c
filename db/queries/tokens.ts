import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { generateToken, hashToken, type TokenScope } from "../../lib/auth/tokens";
import type { Database } from "../client";
import { apiTokens, users, type ApiToken, type User } from "../schema";

export interface CreateTokenInput {
  userId: string;
  name: string;
  scopes: TokenScope[];
  expiresInDays?: number | null;
  workerId?: string | null;
}

/** Creates a token and returns its secret, the only time the secret exists outside the caller. */
export async function createApiToken(db: Database, input: CreateTokenInput): Promise<{ token: ApiToken; secret: string }> {
  const { secret, prefix, secretHash } = generateToken();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const [token] = await db
    .insert(apiTokens)
    .values({ userId: input.userId, name: input.name, scopes: input.scopes, prefix, secretHash, expiresAt, workerId: input.workerId ?? null })
    .returning();
  return { token, secret };
}

export async function listTokensOfUser(db: Database, userId: string): Promise<ApiToken[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

export async function getToken(db: Database, id: string): Promise<ApiToken | null> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1);
  return row ?? null;
}

/** Revokes by id or by prefix; returns the revoked token, or null when none was active. */
export async function revokeToken(db: Database, by: { id: string } | { prefix: string }): Promise<ApiToken | null> {
  const match = "id" in by ? eq(apiTokens.id, by.id) : eq(apiTokens.prefix, by.prefix);
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(match, isNull(apiTokens.revokedAt)))
    .returning();
  return row ?? null;
}

export type TokenLookup =
  | { status: "valid"; token: ApiToken; user: User }
  | { status: "unknown" | "revoked" | "expired" };

/** Finds the token a secret belongs to and records that it was used (valid tokens only). */
export async function lookupTokenSecret(db: Database, secret: string): Promise<TokenLookup> {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.secretHash, hashToken(secret)))
    .limit(1);
  if (!row) return { status: "unknown" };
  if (row.token.revokedAt) return { status: "revoked" };
  if (row.token.expiresAt && row.token.expiresAt.getTime() <= Date.now()) return { status: "expired" };
  await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.token.id));
  return { status: "valid", token: row.token, user: row.user };
}
