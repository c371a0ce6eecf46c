import { and, eq } from "drizzle-orm";
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from "next-auth/adapters";
import type { Database } from "./client";
import { createUser, getUserByEmail, getUserById } from "./queries/users";
import { accounts, sessions, users, type User } from "./schema";
import { isUuid } from "../lib/ids";

function toAdapterUser(user: User): AdapterUser {
  return { id: user.id, email: user.email, emailVerified: user.emailVerified, name: user.name, image: user.image };
}

/**
 * next-auth (v4) keeps users, provider accounts and sessions in our own tables through this adapter.
 * The official Drizzle adapter targets Auth.js v5's @auth/core, which next-auth v4 does not use.
 */
export function drizzleAuthAdapter(db: Database, options: { firstUserIsAdmin: boolean }): Adapter {
  return {
    async createUser(user: Omit<AdapterUser, "id">) {
      const created = await createUser(
        db,
        { email: user.email, name: user.name, image: user.image, emailVerified: user.emailVerified },
        { firstIsAdmin: options.firstUserIsAdmin },
      );
      return toAdapterUser(created);
    },
    async getUser(id) {
      const user = isUuid(id) ? await getUserById(db, id) : null;
      return user ? toAdapterUser(user) : null;
    },
    async getUserByEmail(email) {
      const user = await getUserByEmail(db, email);
      return user ? toAdapterUser(user) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const [row] = await db
        .select({ user: users })
        .from(accounts)
        .innerJoin(users, eq(users.id, accounts.userId))
        .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)))
        .limit(1);
      return row ? toAdapterUser(row.user) : null;
    },
    async updateUser(user) {
      const [row] = await db
        .update(users)
        .set({
          ...(user.name !== undefined ? { name: user.name } : {}),
          ...(user.image !== undefined ? { image: user.image } : {}),
          ...(user.emailVerified !== undefined ? { emailVerified: user.emailVerified } : {}),
        })
        .where(eq(users.id, user.id))
        .returning();
      return toAdapterUser(row);
    },
    async deleteUser(id) {
      await db.delete(users).where(eq(users.id, id));
    },
    async linkAccount(account: AdapterAccount) {
      await db.insert(accounts).values({
        userId: account.userId,
        type: account.type,
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        refreshToken: account.refresh_token ?? null,
        accessToken: account.access_token ?? null,
        expiresAt: account.expires_at ?? null,
        tokenType: account.token_type ?? null,
        scope: account.scope ?? null,
        idToken: account.id_token ?? null,
        sessionState: (account.session_state as string | undefined) ?? null,
      });
    },
    async unlinkAccount({ provider, providerAccountId }: Pick<AdapterAccount, "provider" | "providerAccountId">) {
      await db.delete(accounts).where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
    },
    async createSession(session) {
      const [row] = await db.insert(sessions).values(session).returning();
      return row as AdapterSession;
    },
    async getSessionAndUser(sessionToken) {
      const [row] = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.sessionToken, sessionToken))
        .limit(1);
      return row ? { session: row.session as AdapterSession, user: toAdapterUser(row.user) } : null;
    },
    async updateSession(session) {
      const [row] = await db
        .update(sessions)
        .set({ ...(session.expires ? { expires: session.expires } : {}) })
        .where(eq(sessions.sessionToken, session.sessionToken))
        .returning();
      return (row as AdapterSession) ?? null;
    },
    async deleteSession(sessionToken) {
      await db.delete(sessions).where(eq(sessions.sessionToken, sessionToken));
    },
  };
}
