import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { EVERYONE, type Audience } from "../../lib/auth/policy";
import { jobs, runs, schedules, sweeps } from "../schema";

/**
 * lib/auth/policy.ts's visibility rule (canRead, canList) as SQL conditions, so every query that lists,
 * reads or aggregates schedules, runs or jobs filters in the database. "read" is access by id (a
 * link, or a filter naming a schedule); "list" is everything else. A run or job is bound by its
 * schedule's visibility as well as its own.
 */
export type Access = "read" | "list";

type Column = AnyColumn | SQL;

function shared(audience: Audience, access: Access, visibility: Column, ownerId: Column): SQL {
  if (audience.kind === "admin") return sql`true`;
  const open = access === "read" ? sql`${visibility} <> 'private'` : sql`${visibility} = 'public'`;
  return audience.kind === "owner" ? sql`(${open} or ${ownerId} = ${audience.userId})` : open;
}

// Uncorrelated, so PostgreSQL reads the schedules once into a hash instead of once per run, and
// aliased so it can sit inside a query that joins schedules itself.
const scheduleAllows = (audience: Audience, access: Access, scheduleId: Column) =>
  sql`${scheduleId} in (select s_vis.id from schedules s_vis where ${shared(audience, access, sql`s_vis.visibility`, sql`s_vis.owner_id`)})`;

export function schedulesVisibleTo(audience: Audience, access: Access): SQL {
  return shared(audience, access, schedules.visibility, schedules.ownerId);
}

interface RunColumns {
  visibility: Column;
  ownerId: Column;
  scheduleId: Column;
}

/** The runs table as written in raw SQL under an alias (`from runs r`). */
export const runsAs = (alias: string): RunColumns => ({
  visibility: sql.raw(`${alias}.visibility`),
  ownerId: sql.raw(`${alias}.owner_id`),
  scheduleId: sql.raw(`${alias}.schedule_id`),
});

export function runsVisibleTo(audience: Audience, access: Access, run: RunColumns = runs): SQL {
  if (audience.kind === "admin") return sql`true`;
  const allowedWithSchedule = (a: Access) => sql`(${run.scheduleId} is null or ${scheduleAllows(audience, a, run.scheduleId)})`;
  const visible = sql`(${shared(audience, access, run.visibility, run.ownerId)} and ${allowedWithSchedule(access)})`;
  if (access === "read" || audience.kind === "everyone") return visible;
  // One's own runs are listed for oneself even on someone else's unlisted schedule one has the link of.
  return sql`(${visible} or (${run.ownerId} = ${audience.userId} and ${allowedWithSchedule("read")}))`;
}

/** What public aggregates (leaderboard, profiles, analyses, head-to-head) count: runs listed for everyone. */
export const runsListedForEveryone = (alias = "r") => runsVisibleTo(EVERYONE, "list", runsAs(alias));

/**
 * A job shows its schedule's definition, so it is visible as its schedule is; one without a schedule
 * (a verification, or a replay of a deleted schedule) only to whoever submitted it and admins.
 */
export function jobsVisibleTo(audience: Audience, access: Access): SQL {
  if (audience.kind === "admin") return sql`true`;
  const ofSchedule = sql`(${jobs.scheduleId} is not null and ${scheduleAllows(audience, access, jobs.scheduleId)})`;
  return audience.kind === "owner" ? sql`(${ofSchedule} or ${jobs.submittedBy} = ${audience.userId})` : ofSchedule;
}

/** A sweep shows its base definition, so like a run it is bound by its base schedule's visibility as well as its own. */
export function sweepsVisibleTo(audience: Audience, access: Access): SQL {
  if (audience.kind === "admin") return sql`true`;
  return sql`(${shared(audience, access, sweeps.visibility, sweeps.ownerId)} and (${sweeps.baseScheduleId} is null or ${scheduleAllows(audience, access, sweeps.baseScheduleId)}))`;
}

/**
 * Which run of a schedule and seed counts when there are several: this database's replay, then an
 * imported reference replay, then an upload (each the newest). A seed is one result, never two.
 */
export const SOURCE_PREFERENCE = sql`case r.source when 'replayed' then 0 when 'reference' then 1 else 2 end`;
