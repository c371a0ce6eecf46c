import { forbidden, unauthorized } from "../errors";
import type { TokenScope } from "./tokens";

/**
 * Who may do what, in one place: pages, server actions and route handlers all ask `can()`.
 * A token acts for its user but only within its scopes; a session acts with the user's full role.
 */
export type Role = "visitor" | "researcher" | "admin";

export interface Principal {
  userId: string;
  role: Role;
}

export type Actor =
  | { kind: "anonymous" }
  | ({ kind: "session" } & Principal)
  | ({ kind: "token"; tokenId: string; scopes: TokenScope[]; workerId: string | null } & Principal);

export const ANONYMOUS: Actor = { kind: "anonymous" };

export type Action =
  | "schedule:create"
  | "schedule:update"
  | "schedule:delete"
  | "run:upload"
  | "run:update"
  | "run:delete"
  | "job:submit"
  | "job:cancel"
  | "worker:act"
  | "token:manage"
  | "worker:register"
  | "admin:moderate";

/** What a resource needs known for ownership checks. */
export interface Owned {
  ownerId: string | null;
}

// The scope a token needs for each action; actions absent here cannot be done with a token at all
// (managing tokens with a token would let a leaked token mint more).
const SCOPE_FOR: Partial<Record<Action, TokenScope>> = {
  "schedule:create": "schedules:write",
  "schedule:update": "schedules:write",
  "schedule:delete": "schedules:write",
  "run:upload": "runs:write",
  "run:update": "runs:write",
  "run:delete": "runs:write",
  "job:submit": "jobs:submit",
  "job:cancel": "jobs:submit",
  "worker:act": "worker",
};

const RESEARCHER_ACTIONS: ReadonlySet<Action> = new Set([
  "schedule:create",
  "schedule:update",
  "schedule:delete",
  "run:upload",
  "run:update",
  "run:delete",
  "job:submit",
  "job:cancel",
  "token:manage",
]);
const OWNED_ACTIONS: ReadonlySet<Action> = new Set(["schedule:update", "schedule:delete", "run:update", "run:delete", "job:cancel"]);

export function can(actor: Actor, action: Action, resource?: Owned): boolean {
  if (actor.kind === "anonymous") return false;
  if (actor.kind === "token") {
    const scope = SCOPE_FOR[action];
    if (!scope || !actor.scopes.includes(scope)) return false;
    // A worker token may only act as a worker, never as its owner's researcher account.
    if (action === "worker:act") return actor.workerId !== null;
  } else if (action === "worker:act") {
    return false;
  }
  if (actor.role === "admin") return true;
  if (actor.role !== "researcher" || !RESEARCHER_ACTIONS.has(action)) return false;
  if (OWNED_ACTIONS.has(action)) return resource !== undefined && resource.ownerId === actor.userId;
  return true;
}

/**
 * Deleting a run: its owner deletes an upload. A replay's (or an imported reference) run is the
 * measurement of its schedule, kept on its page and the leaderboard, so only an admin deletes it.
 */
export function canDeleteRun(actor: Actor, run: Owned & { source: string }): boolean {
  if (!can(actor, "run:delete", run)) return false;
  return run.source === "uploaded" || (actor.kind !== "anonymous" && actor.role === "admin");
}

/** Throws the error to answer with when `can()` says no: 401 for a visitor, 403 for anyone else. */
export function assertCan(actor: Actor, action: Action, resource?: Owned): void {
  if (can(actor, action, resource)) return;
  if (actor.kind === "anonymous") throw unauthorized();
  if (actor.kind === "token" && SCOPE_FOR[action] && !actor.scopes.includes(SCOPE_FOR[action]!)) {
    throw forbidden(`This token lacks the '${SCOPE_FOR[action]}' scope.`);
  }
  if (actor.kind === "token" && !SCOPE_FOR[action]) throw forbidden("This cannot be done with an API token; sign in.");
  throw forbidden();
}

export type Visibility = "public" | "unlisted" | "private";

/** A schedule, run or job as far as reading it goes. */
export interface Shared extends Owned {
  visibility: Visibility;
}

/**
 * Whose things a viewer sees beyond the public ones: nobody's (visitors, and worker tokens, which act
 * only as workers), their own (researchers, and their tokens whatever the scopes: reading what one
 * owns needs none), or everyone's (admins).
 */
export type Audience = { kind: "everyone" } | { kind: "owner"; userId: string } | { kind: "admin" };

export const EVERYONE: Audience = { kind: "everyone" };

export function audienceOf(actor: Actor): Audience {
  if (actor.kind === "anonymous" || (actor.kind === "token" && actor.workerId !== null)) return EVERYONE;
  if (actor.role === "admin") return { kind: "admin" };
  return actor.role === "researcher" ? { kind: "owner", userId: actor.userId } : EVERYONE;
}

const seesOwned = (audience: Audience, ownerId: string | null) =>
  audience.kind === "admin" || (audience.kind === "owner" && ownerId === audience.userId);

/**
 * The one visibility rule. Public: read and listed for everyone. Unlisted: read by anyone who has its
 * link, listed only for its owner and admins. Private: its owner and admins only. db/queries/visibility.ts
 * states the same rule in SQL for lists and aggregates; a run or job is also bound by its schedule's.
 */
export function canRead(audience: Audience, resource: Shared): boolean {
  return resource.visibility !== "private" || seesOwned(audience, resource.ownerId);
}

export function canList(audience: Audience, resource: Shared): boolean {
  return resource.visibility === "public" || seesOwned(audience, resource.ownerId);
}
