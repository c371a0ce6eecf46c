import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { currentActor } from "@/app/_lib/auth/actor";
import { finishedRunPreviews } from "@/app/_lib/cached-reads";
import { getDb } from "@/db";
import { listArtifacts } from "@/db/queries/artifacts";
import { listRunEvents, readRun, readSeries } from "@/db/queries/runs";
import { readScheduleAs } from "@/app/_lib/operations/schedules";
import { describeDivergedOutcome, describeDivergence, type RunFacts } from "@/lib/analysis";
import { MODEL_ARTIFACT, VERIFIABLE_TASKS } from "@/lib/api/artifacts";
import { audienceOf, can, canDeleteRun } from "@/lib/auth/policy";
import { previewAll } from "@/lib/charts/preview";
import { currentTaskVersion } from "@/lib/tasks/catalog";
import { formatRate } from "@/lib/format/rate";
import { MetricCharts, type MetricPanel } from "../../_components/MetricCharts";
import { findTask } from "@/lib/tasks/catalog";
import { tierBudget } from "@/lib/tasks/budget";
import { ResolvedSchedule } from "./ResolvedSchedule";
import { looksLikeRangeTest, RangeTestPanel, rangeTestPoints } from "./RangeTestPanel";
import { VerifyPanel } from "./VerifyPanel";
import { RunOwnerActions } from "./RunOwnerActions";
import { InterpolationPanel } from "./InterpolationPanel";
import { latestInterpolation } from "../../_lib/operations/interpolation";
import { sourceLabel } from "@/lib/runs/source";
import { DataTable } from "@/app/_components/DataTable";

type Params = Promise<{ id: string }>;
type Search = Promise<{ log?: string; smooth?: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { db } = await getDb();
  const run = await readRun(db, audienceOf(await currentActor(db)), (await params).id);
  return { title: run ? (run.name ?? `Run on ${run.taskId}`) : "Run not found" };
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? "n/a" : `${(v * 100).toFixed(2)}%`);

function budgetText(taskId: string, tier: string): string {
  const task = findTask(taskId);
  const budget = task && tierBudget(task, tier);
  return `${taskId} ${tier}${budget ? ` (${budget.epochs} epochs)` : ""}`;
}

function panelsFor(names: string[], logY: boolean): MetricPanel[] {
  const transfer = names.filter((n) => n.startsWith("transfer/"));
  // Plotted against alpha on their own panel, not against the run's epochs.
  names = names.filter((n) => !n.startsWith("interpolation/"));
  const accuracy = names.filter((n) => /acc/.test(n) && !transfer.includes(n));
  const loss = names.filter((n) => /loss/.test(n));
  const shown = new Set(["lr", "wall_time", ...accuracy, ...loss, ...transfer]);
  const other = names.filter((n) => !shown.has(n));
  return [
    { title: "learning rate", names: ["lr"], logY, stepped: true },
    { title: "loss", names: loss, logY },
    { title: "accuracy", names: accuracy },
    ...(transfer.length > 0 ? [{ title: "target accuracy of each stage's snapshot (transfer)", names: transfer }] : []),
    ...other.map((name) => ({ title: name, names: [name] })),
  ];
}

export default async function RunPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { db } = await getDb();
  const actor = await currentActor(db);
  const run = await readRun(db, audienceOf(actor), (await params).id);
  if (!run) notFound();
  const { log, smooth } = await searchParams;
  const logY = log === "1";
  const smoothing = Math.min(0.99, Math.max(0, Number(smooth ?? 0) || 0));
  // A range test's chart needs every step's rate and loss; a running run's points are still arriving.
  const needsRaw = run.status === "running" || run.xAxis === "step";
  const [raw, previews, events, schedule, artifacts, interpolation] = await Promise.all([
    needsRaw ? readSeries(db, run.id) : null,
    needsRaw ? null : finishedRunPreviews(run.id),
    listRunEvents(db, run.id),
    run.scheduleId ? readScheduleAs(db, actor, run.scheduleId) : null,
    listArtifacts(db, run.id),
    latestInterpolation(db, run.id),
  ]);
  const snapshots = artifacts.filter((a) => a.kind === "snapshot").map((a) => a.name);
  const verifiable = run.source === "uploaded" && (VERIFIABLE_TASKS as readonly string[]).includes(run.taskId) && can(actor, "run:update", run);
  // Charts get at most 2,000 points per series however long the run; NaN stays visible as a gap.
  const series = Object.fromEntries(
    Object.entries(previews ?? previewAll(raw!)).map(([name, points]) => [name, points.map(([x, y]): [number, number] => [x, y ?? Number.NaN])]),
  );
  const facts = run.summary as RunFacts | null;
  const rangePoints = raw && run.xAxis === "step" ? rangeTestPoints(raw.lr, raw.train_loss) : [];
  const decays = facts?.decays ?? [];
  const xLabel = run.xAxis;
  const link = (changes: Record<string, string | undefined>) => {
    const query = new URLSearchParams(Object.entries({ log, smooth, ...changes }).filter(([, v]) => v) as [string, string][]);
    return `/runs/${run.id}${query.size ? `?${query}` : ""}`;
  };

  return (
    <article className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm text-slate-500">
          <Link href={`/tasks#${run.taskId}`} className="hover:underline">{run.taskId}</Link> · {run.tier} · {sourceLabel(run.source)} · {run.status}
          {run.format ? ` · ${run.format}` : ""}
        </p>
        <h1 className="text-2xl font-bold">{run.name ?? `Run on ${run.taskId}`}</h1>
        {run.status === "diverged" && (
          <p className="text-sm font-medium text-red-700" data-testid="diverged">
            Diverged: {facts?.diverged ? describeDivergedOutcome(facts.diverged) : "a training loss or rate stopped being finite"}. A result, not a failure: the curves stop at the last finite values.
          </p>
        )}
        {run.taskVersion < currentTaskVersion(run.taskId) && (
          <p className="text-sm text-amber-700" data-testid="previous-task-version">
            From a previous version of this task (version {run.taskVersion}; now {currentTaskVersion(run.taskId)}): readable here, never ranked with current runs.
          </p>
        )}
        <p className="text-sm text-slate-600">
          Schedule:{" "}
          {schedule ? (
            <Link href={`/schedules/${schedule.id}`} className="text-indigo-700 hover:underline">{schedule.name}</Link>
          ) : run.scheduleDefinition ? (
            <code>{run.scheduleDefinition.kind}</code>
          ) : (
            "not given"
          )}
          {run.seed !== null ? ` · seed ${run.seed}` : ""}
          {run.engine ? ` · ${run.engine}` : ""}
          {run.device ? ` · ${run.device}` : ""}
          {` · precision ${run.precision ?? "not recorded"}`} · {run.pointCount.toLocaleString("en")} points
        </p>
        {can(actor, "run:update", run) && (
          <RunOwnerActions
            runId={run.id}
            name={run.name}
            deletable={canDeleteRun(actor, run)}
          />
        )}
      </header>

      <ResolvedSchedule submitted={run.scheduleDefinition ?? schedule?.definition ?? null} resolved={run.resolvedDefinition} budget={budgetText(run.taskId, run.tier)} />
      {run.claimCheck && (
        <p
          data-testid="claim-check"
          className={`rounded-lg border p-3 text-sm ${run.claimCheck.status === "mismatch" ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-200 bg-white text-slate-600"}`}
        >
          {run.claimCheck.status === "mismatch"
            ? <><strong>Schedule mismatch, kept off the leaderboards:</strong> {run.claimCheck.reason}</>
            : run.claimCheck.status === "matches"
              ? <>Claim checked: {run.claimCheck.reason}.</>
              : <>Schedule claim not checked: {run.claimCheck.reason}.</>}
        </p>
      )}

      {facts && (
        <section className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="run-facts">
          <Fact label="Final test accuracy" value={pct(facts.accuracy.final)} />
          {run.verifiedAcc !== null && (
            <Fact label="Verified test accuracy (the model, rerun by a worker)" value={`${pct(run.verifiedAcc)} (claimed ${pct(facts.accuracy.final)})`} warn={facts.accuracy.final !== null && Math.abs(run.verifiedAcc - facts.accuracy.final) > 0.01} />
          )}
          <Fact label="Best test accuracy" value={`${pct(facts.accuracy.best)}${facts.accuracy.bestX !== null ? ` at ${xLabel} ${facts.accuracy.bestX}` : ""}`} />
          <Fact
            label={`Time to target${facts.target !== null ? ` (${pct(facts.target)})` : ""}`}
            value={
              facts.timeToTarget
                ? `${xLabel} ${facts.timeToTarget.x}${facts.timeToTarget.wallSeconds !== null ? `, ${(facts.timeToTarget.wallSeconds / 60).toFixed(1)} min` : ""}`
                : "not reached"
            }
          />
          <Fact
            label="Divergence"
            value={facts.diverged ? describeDivergedOutcome(facts.diverged) : facts.divergence ? describeDivergence(facts.divergence, run.xAxis) : "none"}
            warn={!!facts.diverged || !!facts.divergence}
          />
        </section>
      )}

      {facts && facts.jumps.length > 0 && (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">What each decay did</h2>
          <DataTable
            look="compact"
            data-testid="jumps"
            head={
              <>
                <th className="pr-4 font-medium">Decay at {xLabel}</th>
                <th className="pr-4 font-medium">Rate</th>
                <th className="pr-4 font-medium">Test accuracy before</th>
                <th className="pr-4 font-medium">After</th>
                <th className="pr-4 font-medium">Jump</th>
              </>
            }
          >
            {facts.jumps.map((jump, i) => (
              <tr key={jump.x} className="border-t border-slate-100">
                <td className="pr-4">{jump.x}</td>
                <td className="pr-4">{decays[i] ? `${formatRate(decays[i].from)} → ${formatRate(decays[i].to)}` : ""}</td>
                <td className="pr-4">{pct(jump.before)}</td>
                <td className="pr-4">{pct(jump.after)}</td>
                <td className="pr-4 font-medium">{jump.gain === null ? "n/a" : `${jump.gain >= 0 ? "+" : ""}${(jump.gain * 100).toFixed(2)} pts`}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      {(run.scheduleDefinition?.kind === "rangeTest" || looksLikeRangeTest(rangePoints)) && <RangeTestPanel points={rangePoints} />}

      <nav className="flex flex-wrap items-center gap-3 text-sm" aria-label="Chart options">
        <Link href={link({ log: logY ? undefined : "1" })} className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100">
          {logY ? "Linear scale" : "Log scale"}
        </Link>
        <span className="text-slate-500">Smoothing:</span>
        {["0", "0.6", "0.9"].map((w) => (
          <Link
            key={w}
            href={link({ smooth: w === "0" ? undefined : w })}
            className={`rounded border px-2 py-1 ${String(smoothing) === w ? "border-indigo-400 bg-indigo-50" : "border-slate-300 bg-white hover:bg-slate-100"}`}
          >
            {w === "0" ? "off" : w}
          </Link>
        ))}
        <Link href={`/compare?runs=${run.id}`} className="ml-auto text-indigo-700 hover:underline">
          Compare with other runs
        </Link>
      </nav>

      <MetricCharts series={series} panels={panelsFor(Object.keys(series), logY)} decays={decays} xLabel={xLabel} smoothing={smoothing} />

      {(snapshots.length > 0 || interpolation) && (
        <InterpolationPanel runId={run.id} snapshots={snapshots} latest={interpolation} canRequest={can(actor, "run:update", run) && can(actor, "job:submit")} />
      )}

      {verifiable && <VerifyPanel runId={run.id} hasModel={artifacts.some((a) => a.name === MODEL_ARTIFACT)} />}

      {artifacts.length > 0 && (
        <section className="text-sm text-slate-600" data-testid="artifacts">
          <h2 className="font-semibold text-slate-900">Files</h2>
          <ul className="mt-1 list-disc pl-5">
            {artifacts.map((a) => (
              <li key={a.id}>
                <a href={`/api/v1/runs/${run.id}/artifacts/${encodeURIComponent(a.name)}`} className="text-indigo-700 hover:underline">{a.name}</a>
                {" "}({a.kind}{a.epoch !== null ? `, end of ${xLabel} ${a.epoch}` : ""}, {(a.bytes / 1024).toFixed(0)} KiB, sha256 {a.sha256.slice(0, 12)}…)
              </li>
            ))}
          </ul>
        </section>
      )}

      {events.length > 0 && (
        <section className="text-sm text-slate-600">
          <h2 className="font-semibold text-slate-900">Events</h2>
          <ul className="mt-1 list-disc pl-5">
            {events.map((event) => (
              <li key={event.id}>
                {event.type} at {xLabel} {event.x}
                {typeof event.data.reason === "string" ? `: ${event.data.reason}` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function Fact({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className={`rounded-lg border p-3 ${warn ? "border-red-200 bg-red-50" : "border-slate-200 bg-white"}`}>
      <div className="text-xs text-slate-500">{label}</div>
      <div className="mt-1 font-semibold">{value}</div>
    </div>
  );
}
