import { createHash, randomBytes } from "node:crypto";

export const TOKEN_SCOPES = ["runs:write", "schedules:write", "jobs:submit", "worker"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Recognisable in logs and by secret scanners. */
export const TOKEN_PREFIX = "lrb_";
// Long enough to be unique among a site's tokens and to revoke by, far too short to guess the rest.
const VISIBLE_CHARS = TOKEN_PREFIX.length + 8;

export interface NewTokenSecret {
  secret: string;
  prefix: string;
  secretHash: string;
}

/** A fresh token: 32 random bytes. Only its hash and prefix are ever stored. */
export function generateToken(): NewTokenSecret {
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { secret, prefix: secret.slice(0, VISIBLE_CHARS), secretHash: hashToken(secret) };
}

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function looksLikeToken(secret: string): boolean {
  return secret.startsWith(TOKEN_PREFIX) && /^lrb_[A-Za-z0-9_-]{43}$/.test(secret);
}

/** Parses `a,b` into scopes, naming the first unknown one. */
export function parseScopes(text: string): { ok: true; scopes: TokenScope[] } | { ok: false; message: string } {
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) return { ok: false, message: `scopes must name at least one of ${TOKEN_SCOPES.join(", ")}` };
  for (const name of names) {
    if (!(TOKEN_SCOPES as readonly string[]).includes(name)) {
      return { ok: false, message: `scope '${name}' is not one of ${TOKEN_SCOPES.join(", ")}` };
    }
  }
  return { ok: true, scopes: [...new Set(names)] as TokenScope[] };
}
