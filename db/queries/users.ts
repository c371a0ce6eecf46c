import { eq, sql, type SQL } from "drizzle-orm";
import type { Audience, Role } from "../../lib/auth/policy";
import type { Database } from "../client";
import { users, type User } from "../schema";

export async function getUserById(db: Database, id: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function getUserByEmail(db: Database, email: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row ?? null;
}

export interface NewUserInput {
  email: string;
  name?: string | null;
  image?: string | null;
  emailVerified?: Date | null;
  role?: Role;
}

/** The embedded default's own account (it owns the local worker); no person signs in as it. */
export const SYSTEM_USER_EMAIL = "system@lrbench.localhost";

// The system account is made before anyone signs in, so "the first user" means the first person.
const peopleExist = sql`exists (select 1 from ${users} where ${users.email} <> ${SYSTEM_USER_EMAIL})`;

/**
 * Creates a user. With `firstIsAdmin` (the embedded default) the very first user becomes admin, decided
 * in the same statement so two first sign-ins cannot both become admin or both miss out.
 */
export async function createUser(db: Database, input: NewUserInput, options: { firstIsAdmin?: boolean } = {}): Promise<User> {
  const role = input.role
    ? sql`${input.role}::user_role`
    : options.firstIsAdmin
      ? sql`(case when ${peopleExist} then 'researcher' else 'admin' end)::user_role`
      : sql`'researcher'::user_role`;
  const [row] = await db
    .insert(users)
    .values({
      email: input.email.toLowerCase(),
      name: input.name ?? null,
      image: input.image ?? null,
      emailVerified: input.emailVerified ?? null,
      role: role as unknown as Role,
    })
    .returning();
  return row;
}

/**
 * Makes a user admin when no person is: the embedded default's single local user, on databases made
 * before the system account stopped counting as the first user. Returns the user as stored afterwards.
 */
export async function promoteWhenNoAdmin(db: Database, id: string): Promise<User> {
  await db.execute(sql`
    update ${users} set role = 'admin'
    where ${users.id} = ${id}
      and not exists (select 1 from ${users} u where u.role = 'admin' and u.email <> ${SYSTEM_USER_EMAIL})`);
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function setUserRole(db: Database, id: string, role: Role): Promise<void> {
  await db.update(users).set({ role }).where(eq(users.id, id));
}

export async function findFirstAdmin(db: Database): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.role, "admin")).orderBy(users.createdAt).limit(1);
  return row ?? null;
}

/**
 * How a user is shown to others: their name, else a stable handle from their id. A name holding an
 * '@' is taken for an e-mail address (some sign-in providers send one as the name) and not shown.
 */
export const userDisplayName: SQL<string> = sql<string>`coalesce(case when ${users.name} like '%@%' then null else nullif(trim(${users.name}), '') end, 'user-' || left(${users.id}::text, 8))`;

/** A user's e-mail address, for the user themself and admins; null for anyone else. */
export function userEmailFor(audience: Audience): SQL<string | null> {
  if (audience.kind === "admin") return sql<string | null>`${users.email}`;
  if (audience.kind === "owner") return sql<string | null>`case when ${users.id} = ${audience.userId} then ${users.email} end`;
  return sql<string | null>`null`;
}
