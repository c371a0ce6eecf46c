import { performanceProfiles, type ProfilePoint } from "./stats";

/** One schedule on one task and tier, aggregated in SQL (db/queries/profiles.ts). */
export interface ProfileInput {
  taskId: string;
  tier: string;
  scheduleId: string;
  scheduleName: string;
  runs: number;
  reached: number;
  /** Mean epochs to target over the runs that reached it; null when none did. */
  meanEpochsToTarget: number | null;
}

export interface ScheduleProfileRow {
  scheduleId: string;
  scheduleName: string;
  /** Normalised area under the profile over tau in [1, tauMax]: 1 is fastest everywhere. */
  score: number;
  curve: ProfilePoint[];
  /** Time over the best time, per task and tier; null where it never reached the target (or never ran). */
  ratios: Record<string, number | null>;
  /** Tasks and tiers it has finished runs on. */
  problemsRun: number;
  /** Their "task/tier" keys: a null ratio elsewhere means no runs, here that none reached the target. */
  ranOn: string[];
}

export interface ProfilesResult {
  tauMax: number;
  /** "task/tier" keys that count: at least one schedule reached the target there. */
  problems: string[];
  /** Task and tier pairs with results where no schedule reached the target. */
  ignoredProblems: string[];
  schedules: ScheduleProfileRow[];
}

export const problemKey = (taskId: string, tier: string) => `${taskId}/${tier}`;

/**
 * AlgoPerf-style performance profiles of schedules across task and tier pairs (tiers are never
 * mixed, so each pair is its own problem). A schedule without any result on a problem counts as
 * never reaching its target there, as AlgoPerf counts a submission that did not run a workload:
 * a schedule measured on one task only cannot claim to be fast across tasks.
 */
export function computeProfiles(rows: ProfileInput[], tauMax = 4): ProfilesResult {
  const times: Record<string, Record<string, number | null>> = {};
  const names = new Map<string, string>();
  const ranOn = new Map<string, string[]>();
  for (const row of rows) {
    names.set(row.scheduleId, row.scheduleName);
    ranOn.set(row.scheduleId, [...(ranOn.get(row.scheduleId) ?? []), problemKey(row.taskId, row.tier)]);
    (times[row.scheduleId] ??= {})[problemKey(row.taskId, row.tier)] = row.reached > 0 ? row.meanEpochsToTarget : null;
  }
  const profiles = performanceProfiles(times, { tauMax, points: 121 });
  const schedules = Object.entries(profiles.schedules).map(([scheduleId, p]) => ({
    scheduleId,
    scheduleName: names.get(scheduleId)!,
    score: p.score,
    curve: p.curve,
    // JSON has no Infinity; null says "not reached" in the API and on the page alike.
    ratios: Object.fromEntries(Object.entries(p.ratios).map(([k, r]) => [k, Number.isFinite(r) ? r : null])),
    problemsRun: ranOn.get(scheduleId)!.length,
    ranOn: ranOn.get(scheduleId)!,
  }));
  schedules.sort((a, b) => b.score - a.score || a.scheduleName.localeCompare(b.scheduleName));
  return { tauMax, problems: profiles.tasks, ignoredProblems: profiles.ignoredTasks, schedules };
}

/** Finished public runs, and how many each condition a profile needs leaves out (they may overlap). */
export interface ProfileCoverage {
  finished: number;
  withoutSchedule: number;
  withoutAccuracy: number;
  perStep: number;
  otherTier: number;
  unverified: number;
}

/** Why there is no profile to draw, naming what is hidden and why, rather than "no runs" when there are runs. */
export function whyNoProfiles(c: ProfileCoverage, filters: { tier?: string; verifiedOnly?: boolean }): string {
  if (c.finished === 0) return "No finished public runs yet. Profiles appear once schedules have results on a task.";
  const runs = (n: number) => `${n} ${n === 1 ? "run" : "runs"}`;
  const reasons = [
    c.withoutSchedule && `${runs(c.withoutSchedule)} name no schedule (uploaded without --schedule; profiles compare schedules)`,
    c.withoutAccuracy && `${runs(c.withoutAccuracy)} logged no test accuracy`,
    c.perStep && `${runs(c.perStep)} logged per step, not per epoch (time to target is counted in epochs)`,
    c.otherTier && `${runs(c.otherTier)} ran another tier than ${filters.tier} (the tier filter)`,
    c.unverified && `${runs(c.unverified)} were uploaded, not replayed by a worker (the "verified only" filter)`,
  ].filter(Boolean);
  if (reasons.length === 0) return `No profile yet from ${runs(c.finished)} finished in public.`;
  return `None of the ${runs(c.finished)} finished in public makes a profile: ${reasons.join("; ")}.`;
}
