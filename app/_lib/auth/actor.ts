import { cookies, headers } from "next/headers";
import type { Database } from "@/db";
import { getSessionUser } from "@/db/queries/sessions";
import { lookupTokenSecret } from "@/db/queries/tokens";
import { ANONYMOUS, type Actor } from "@/lib/auth/policy";
import type { TokenScope } from "@/lib/auth/tokens";
import { unauthorized } from "@/lib/errors";
import { enforceWriteRateLimits } from "../write-limits";

// next-auth names its database-session cookie after the scheme it runs on.
export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

const TOKEN_PROBLEMS = {
  unknown: "The bearer token is not valid.",
  revoked: "The bearer token has been revoked.",
  expired: "The bearer token has expired.",
} as const;

/** A bearer token wins over a session; a bearer token that does not check out is a 401, never a visitor. */
export async function resolveActor(db: Database, authorization: string | null, sessionToken: string | null): Promise<Actor> {
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw unauthorized("The Authorization header must be 'Bearer <token>'.");
    const found = await lookupTokenSecret(db, match[1]);
    if (found.status !== "valid") throw unauthorized(TOKEN_PROBLEMS[found.status]);
    return {
      kind: "token",
      userId: found.user.id,
      role: found.user.role,
      tokenId: found.token.id,
      scopes: found.token.scopes as TokenScope[],
      workerId: found.token.workerId,
    };
  }
  if (sessionToken) {
    const user = await getSessionUser(db, sessionToken);
    if (user) return { kind: "session", userId: user.id, role: user.role };
  }
  return ANONYMOUS;
}

function sessionTokenFromCookieHeader(header: string | null): string | null {
  if (!header) return null;
  const jar = new Map(
    header.split(";").map((part) => {
      const index = part.indexOf("=");
      return [part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim())] as const;
    }),
  );
  for (const name of SESSION_COOKIE_NAMES) if (jar.get(name)) return jar.get(name)!;
  return null;
}

export function actorFromRequest(db: Database, request: Request): Promise<Actor> {
  return resolveActor(db, request.headers.get("authorization"), sessionTokenFromCookieHeader(request.headers.get("cookie")));
}

/** The signed-in user of a page or server action (sessions only: browsers send no bearer tokens). */
export async function currentActor(db: Database): Promise<Actor> {
  const jar = await cookies();
  const token = SESSION_COOKIE_NAMES.map((name) => jar.get(name)?.value).find(Boolean) ?? null;
  return resolveActor(db, null, token);
}

/** The signed-in user of a server action that writes, once the write fits their budgets (429 otherwise). */
export async function writingActor(db: Database): Promise<Actor> {
  const actor = await currentActor(db);
  await enforceWriteRateLimits(db, actor, await headers());
  return actor;
}
