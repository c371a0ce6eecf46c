import type { Database } from "@/db";
import { createApiToken, getToken, revokeToken } from "@/db/queries/tokens";
import { getWorkerByName, registerWorker } from "@/db/queries/workers";
import { assertCan, type Actor } from "@/lib/auth/policy";
import type { TokenScope } from "@/lib/auth/tokens";
import { AppError, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

export async function createTokenAs(
  db: Database,
  actor: Actor,
  input: { name: string; scopes: TokenScope[]; expiresInDays?: number | null },
) {
  assertCan(actor, "token:manage");
  if (actor.kind === "anonymous") throw new Error("unreachable: assertCan admits no visitor");
  // A researcher's token is a researcher's; only an admin's own tokens may carry the worker scope.
  if (input.scopes.includes("worker")) {
    throw new AppError("unprocessable", "scope 'worker' is given only to registered workers; an admin registers one.");
  }
  return createApiToken(db, { userId: actor.userId, ...input });
}

/** Owners revoke their own tokens; admins revoke anyone's (a leaked worker token, say). */
export async function revokeTokenAs(db: Database, actor: Actor, tokenId: string) {
  assertCan(actor, "token:manage");
  const token = isUuid(tokenId) ? await getToken(db, tokenId) : null;
  const mayRevoke = token && actor.kind !== "anonymous" && (token.userId === actor.userId || actor.role === "admin");
  if (!token || !mayRevoke) throw notFound("token");
  return revokeToken(db, { id: token.id });
}

export async function registerWorkerAs(db: Database, actor: Actor, input: { name: string }) {
  assertCan(actor, "worker:register");
  if (actor.kind === "anonymous") throw new Error("unreachable: assertCan admits no visitor");
  if (await getWorkerByName(db, input.name)) throw new AppError("conflict", `A worker named '${input.name}' already exists.`);
  return registerWorker(db, { name: input.name, ownerId: actor.userId });
}
