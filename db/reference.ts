import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { previewSeries } from "../lib/charts/preview";
import { BUNDLE_FORMAT, parseReferenceBundle, type ReferenceBundle, type ReferenceRun } from "../lib/reference/bundle";
import { canonicalJson } from "../lib/schedules/canonical";
import { formatErrors, parseDefinition } from "../lib/schedules";
import { TASKS } from "../lib/tasks/catalog";
import type { Database } from "./client";
import { finishRun, insertPoints, listRunEvents, readSeries, saveSeriesPreviews } from "./queries/runs";
import { runs, schedules } from "./schema";

/** Where the repository keeps its bundles. */
export const REFERENCE_DIR = path.join(process.cwd(), "db", "reference");

/** Compare charts read 1,000 points per series, as finishWithFacts stores them. */
const PREVIEW_POINTS = 1000;

function checkRun(run: ReferenceRun, where: string) {
  const task = TASKS.find((t) => t.id === run.task);
  if (!task) throw new Error(`${where}: task "${run.task}" is not one of ${TASKS.map((t) => t.id).join(", ")}`);
  if (!task.tiers.some((t) => t.tier === run.tier)) throw new Error(`${where}: tier "${run.tier}" is not a tier of ${run.task}`);
  const parsed = parseDefinition(run.schedule.definition);
  if (!parsed.ok) throw new Error(`${where}: schedule.definition is invalid:\n${formatErrors(parsed.errors)}`);
  return parsed.definition;
}

/**
 * The public schedule a reference run belongs to: the one with its exact definition (a baseline
 * first), whatever it is called now, so a renamed seed still gets its runs. A definition no
 * schedule here has any more gets a public schedule of its own, named as in the bundle: attaching
 * the run to a schedule that now means something else would misreport it.
 */
async function scheduleFor(db: Database, run: ReferenceRun, definition: ReturnType<typeof checkRun>): Promise<string> {
  const wanted = canonicalJson(definition);
  const candidates = await db
    .select({ id: schedules.id, definition: schedules.definition, isBaseline: schedules.isBaseline })
    .from(schedules)
    .where(and(eq(schedules.visibility, "public"), eq(schedules.kind, definition.kind)));
  const same = candidates.filter((s) => canonicalJson(s.definition) === wanted).sort((a, b) => Number(b.isBaseline) - Number(a.isBaseline));
  if (same[0]) return same[0].id;
  const [created] = await db
    .insert(schedules)
    .values({
      name: run.schedule.name,
      kind: definition.kind,
      description: "Made for reference replays imported from a results bundle: no schedule here has this definition any more.",
      definition,
      visibility: "public",
      taskId: run.task,
    })
    .returning({ id: schedules.id });
  return created.id;
}

/** Stores a bundle's runs as source 'reference'; runs already here (by id) are left as they are. Returns how many were stored. */
export async function importReferenceBundle(db: Database, bundle: ReferenceBundle, file = "bundle"): Promise<number> {
  const definitions = bundle.runs.map((run, i) => checkRun(run, `${file}: runs[${i}]`));
  if (bundle.runs.length === 0) return 0;
  const present = new Set(
    (await db.select({ id: runs.id }).from(runs).where(inArray(runs.id, bundle.runs.map((r) => r.id)))).map((r) => r.id),
  );
  let stored = 0;
  for (const [i, run] of bundle.runs.entries()) {
    if (present.has(run.id)) continue;
    const scheduleId = await scheduleFor(db, run, definitions[i]);
    await db.insert(runs).values({
      id: run.id,
      ownerId: null,
      taskId: run.task,
      tier: run.tier,
      taskVersion: run.taskVersion,
      scheduleId,
      scheduleDefinition: definitions[i],
      seed: run.seed,
      engine: run.engine,
      backend: run.backend,
      device: run.device,
      hardware: { ...run.hardware, bundle: { file, commit: bundle.metadata.commit, date: bundle.metadata.date } },
      source: "reference",
      xAxis: run.xAxis,
      visibility: "public",
    });
    const finite = (y: number | null) => (y === null ? Number.NaN : y);
    await insertPoints(db, run.id, Object.entries(run.series).flatMap(([name, points]) => points.map(([x, y]) => ({ name, x, value: finite(y) }))));
    await saveSeriesPreviews(
      db,
      run.id,
      Object.fromEntries(
        Object.entries(run.series).map(([name, points]) => [
          name,
          { pointCount: points.length, points: previewSeries(points.map(([x, y]): [number, number] => [x, finite(y)]), PREVIEW_POINTS) },
        ]),
      ),
    );
    await finishRun(db, run.id, { status: "finished", summary: run.summary, events: run.events });
    stored += 1;
  }
  return stored;
}

/** Every bundle in the folder, in name order; a bad bundle stops the seed with the file and field named. */
export async function importReferenceBundles(db: Database, dir = REFERENCE_DIR): Promise<number> {
  if (!existsSync(dir)) return 0;
  let stored = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
    const file = path.join(dir, name);
    stored += await importReferenceBundle(db, parseReferenceBundle(readFileSync(file, "utf8"), file), name);
  }
  return stored;
}

export interface ExportOptions {
  taskId: string;
  tier: string;
  /** Schedule names; every finished public replay of these on the task and tier is exported. */
  scheduleNames: string[];
  commit: string | null;
  date: string;
  hardware?: string | null;
  precision?: string | null;
  note?: string;
}

/**
 * A bundle of this database's own finished public replays (source 'replayed') of the named
 * schedules on a task and tier, every point of every series: what a GPU session exports so that a
 * fresh database can import them as reference replays.
 */
export async function exportReferenceBundle(db: Database, options: ExportOptions): Promise<ReferenceBundle> {
  const picked = await db
    .select({ run: runs, scheduleName: schedules.name, scheduleDefinition: schedules.definition })
    .from(runs)
    .innerJoin(schedules, eq(schedules.id, runs.scheduleId))
    .where(
      and(
        eq(runs.taskId, options.taskId),
        eq(runs.tier, options.tier),
        eq(runs.status, "finished"),
        eq(runs.source, "replayed"),
        eq(runs.visibility, "public"),
        inArray(schedules.name, options.scheduleNames),
      ),
    )
    .orderBy(schedules.name, runs.seed, runs.createdAt);
  const bundleRuns: ReferenceRun[] = [];
  for (const { run, scheduleName, scheduleDefinition } of picked) {
    const [series, events] = await Promise.all([readSeries(db, run.id), listRunEvents(db, run.id)]);
    bundleRuns.push({
      id: run.id,
      task: run.taskId,
      tier: run.tier,
      taskVersion: run.taskVersion,
      // What the replay ran: the job's definition as stored with the run, else its schedule's.
      schedule: { name: scheduleName, definition: (run.scheduleDefinition ?? scheduleDefinition) as unknown as Record<string, unknown> },
      seed: run.seed,
      engine: run.engine,
      backend: run.backend,
      device: run.device,
      hardware: run.hardware,
      xAxis: run.xAxis,
      series: Object.fromEntries(Object.entries(series).map(([name, points]) => [name, points.map(([x, y]): [number, number | null] => [x, Number.isFinite(y) ? y : null])])),
      events: events.map((e) => ({ x: e.x, type: e.type, data: e.data })),
      summary: run.summary ?? {},
    });
  }
  const distinct = (values: (string | null | undefined)[]) => [...new Set(values.filter((v): v is string => typeof v === "string" && v.length > 0))].join(", ") || null;
  return {
    format: BUNDLE_FORMAT,
    metadata: {
      gpuLent: picked.some(({ run }) => /cuda|gpu/i.test(`${run.device ?? ""} ${run.backend ?? ""}`)),
      engine: distinct(picked.map(({ run }) => [run.engine, run.backend].filter(Boolean).join(" "))),
      hardware: options.hardware ?? distinct(picked.map(({ run }) => run.device)),
      precision: options.precision ?? distinct(picked.map(({ run }) => String((run.hardware as { precision?: unknown } | null)?.precision ?? ""))),
      commit: options.commit,
      date: options.date,
      note: options.note ?? `${bundleRuns.length} finished replays of ${options.scheduleNames.join(", ")} on ${options.taskId} ${options.tier}.`,
    },
    runs: bundleRuns,
  };
}
