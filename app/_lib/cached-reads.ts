import { getDb } from "@/db";
import { analysisRuns, jumpAggregates, type AnalysisFilters } from "@/db/queries/analyses";
import { decaysOfRuns } from "@/db/queries/decays";
import { divergedCounts } from "@/db/queries/diverged";
import { leaderboardEngines, seedResults } from "@/db/queries/leaderboard";
import { profileAggregates, profileCoverage } from "@/db/queries/profiles";
import { replayEngines } from "@/db/queries/featured";
import { countPublicSchedules, listPublicKinds, listPublicSchedules } from "@/db/queries/schedules";
import { listSweeps } from "@/db/queries/sweeps";
import { readSeries } from "@/db/queries/runs";
import { listTasks } from "@/db/queries/tasks";
import { previewAll } from "@/lib/charts/preview";
import type { LeaderboardQuery } from "@/lib/api/leaderboard";
import { EVERYONE } from "@/lib/auth/policy";
import { FEATURED } from "@/lib/baselines";
import { ARTICLE_SWEEP } from "@/lib/sweeps/article";
import type { LeaderboardSource } from "@/lib/leaderboard";
import { computeProfiles } from "@/lib/profiles";
import { loadComparison } from "./operations/compare";
import { leaderboardFor, leaderboardOverview, scheduleResults } from "./operations/leaderboard";
import { cachedRead, cacheTags } from "./page-cache";

/**
 * What the public pages show every visitor, read through the page cache (app/_lib/page-cache.ts).
 * These reads list public runs only, whoever is signed in, so one cached copy serves everyone.
 */

export const leaderboardPageData = cachedRead(
  "leaderboard-page",
  async (query: LeaderboardQuery, source: LeaderboardSource) => {
    const { db } = await getDb();
    const rows = await leaderboardFor(db, query, source);
    const [tasks, diverged, engines] = await Promise.all([
      taskList(),
      divergedCounts(db, { taskId: query.task, tier: query.tier, engine: query.engine }),
      leaderboardEngines(db, query.task, query.tier),
    ]);
    return { rows, tasks, diverged, engines };
  },
  (query) => [cacheTags.board(query.task, query.tier), cacheTags.schedules],
);

/** Seeded at deploy and never written at run time: only a new deployment changes them. */
export const taskList = cachedRead("tasks", async () => listTasks((await getDb()).db), () => ["tasks"]);

export const analysisRunsData = cachedRead(
  "analysis-runs",
  async (filters: AnalysisFilters, wanted: Parameters<typeof analysisRuns>[2]) => analysisRuns((await getDb()).db, filters, wanted),
  (filters) => [cacheTags.board(filters.taskId, filters.tier), cacheTags.schedules],
);

export const jumpAggregatesData = cachedRead(
  "jump-aggregates",
  async (filters: AnalysisFilters) => jumpAggregates((await getDb()).db, filters),
  (filters) => [cacheTags.board(filters.taskId, filters.tier), cacheTags.schedules],
);

/** The gallery: public schedules only. */
export const galleryData = cachedRead(
  "gallery",
  async (filters: { kind?: string; search?: string }) => {
    const { db } = await getDb();
    const [schedules, kinds] = await Promise.all([listPublicSchedules(db, filters), listPublicKinds(db)]);
    return { schedules, kinds };
  },
  () => [cacheTags.schedules],
);

/**
 * A finished run's chart previews (at most 2,000 points a series, non-finite values as null): its points
 * never change again, and deleting it expires its tag. Called only once the viewer may read the run.
 */
export const finishedRunPreviews = cachedRead(
  "run-previews",
  async (runId: string) => previewAll(await readSeries((await getDb()).db, runId)),
  (runId) => [cacheTags.run(runId)],
);

/** A schedule's rows on every board it ran on: their ranks move with any board's runs, hence `results`. */
export const scheduleResultsData = cachedRead(
  "schedule-results",
  async (scheduleId: string) => scheduleResults((await getDb()).db, scheduleId),
  (scheduleId) => [cacheTags.schedule(scheduleId), cacheTags.results, cacheTags.schedules],
);

/**
 * A head-to-head's public results: each side's seeds, the accuracy and rate curves of the first 20 runs
 * (the charted ones), and every run's decays (the charts' markers and the decay table). On the home page
 * with every view.
 */
export const headToHeadData = cachedRead(
  "head-to-head",
  async (aId: string, bId: string, taskId: string, tier: string) => {
    const { db } = await getDb();
    const [resultsA, resultsB] = await Promise.all([seedResults(db, aId, taskId, tier), seedResults(db, bId, taskId, tier)]);
    const runIds = [...resultsA, ...resultsB].map((r) => r.runId).slice(0, 20);
    const [accuracy, rates, decaysA, decaysB] = await Promise.all([
      runIds.length ? loadComparison(db, EVERYONE, runIds, "test_acc", "epoch") : null,
      runIds.length ? loadComparison(db, EVERYONE, runIds, "lr", "epoch") : null,
      decaysOfRuns(db, resultsA.map((r) => r.runId)),
      decaysOfRuns(db, resultsB.map((r) => r.runId)),
    ]);
    return { resultsA, resultsB, accuracy, rates, chartedRunIds: runIds, decaysA, decaysB };
  },
  (_a, _b, taskId, tier) => [cacheTags.board(taskId, tier), cacheTags.schedules],
);

/** The home page: the featured comparison's schedules and engines, the tasks, the article's sweep. */
export const homePageData = cachedRead(
  "home",
  async () => {
    const { db } = await getDb();
    const [tasks, scheduleCount, schedules, sweeps] = await Promise.all([
      taskList(),
      countPublicSchedules(db),
      listPublicSchedules(db),
      listSweeps(db, EVERYONE, { taskId: ARTICLE_SWEEP.taskId }),
    ]);
    // The comparison the platform exists for, from the baseline replays on PS10 smoke: both schedules decay.
    const baseline = (name: string) => schedules.find((s) => s.isBaseline && s.name === name);
    const stepDecay = baseline(FEATURED.stepDecay);
    const autoDecay = baseline(FEATURED.autoDecay);
    const controls = FEATURED.controls.map(baseline).filter((s) => s !== undefined);
    const engines = await replayEngines(db, [stepDecay, autoDecay, ...controls].flatMap((s) => (s ? [s.id] : [])), FEATURED.taskId, FEATURED.tier);
    const articleSweep = sweeps.find((s) => s.name === ARTICLE_SWEEP.name);
    return { tasks, scheduleCount, stepDecay, autoDecay, controls, engines, articleSweep };
  },
  () => [cacheTags.board(FEATURED.taskId, FEATURED.tier), cacheTags.schedules],
);

export const leaderboardOverviewData = cachedRead(
  "leaderboard-overview",
  async () => leaderboardOverview((await getDb()).db),
  () => [cacheTags.results, cacheTags.schedules],
);

export const profilesPageData = cachedRead(
  "profiles-page",
  async (filters: { tier?: string; verifiedOnly: boolean }) => {
    const { db } = await getDb();
    const result = computeProfiles(await profileAggregates(db, filters));
    // What is missing is asked only when there is nothing to show.
    const coverage = result.schedules.length === 0 ? await profileCoverage(db, filters) : null;
    return { result, coverage };
  },
  () => [cacheTags.results, cacheTags.schedules],
);
