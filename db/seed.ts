import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { BASELINE_SCHEDULES } from "../lib/baselines";
import { canonicalJson, parseDefinition, formatErrors } from "../lib/schedules";
import { TASKS } from "../lib/tasks/catalog";
import type { Database } from "./client";
import { importReferenceBundles } from "./reference";
import { jobs, runs, schedules, tasks } from "./schema";

// Any constant works; it only has to be the same in every process that seeds this database.
const SEED_LOCK_KEY = 7_290_417;

const SUPERSEDED = " (superseded)";

/**
 * Brings the standard tasks in line with lib/tasks and the baseline schedules in line with
 * lib/baselines, and imports the reference bundles' runs it lacks (db/reference). Safe to run at every
 * start and from several processes at once.
 */
export async function seedDb(db: Database, referenceDir?: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);

    for (const task of TASKS) {
      const row = { id: task.id, name: task.name, summary: task.summary, definition: task, tiers: task.tiers };
      await tx.insert(tasks).values(row).onConflictDoUpdate({ target: tasks.id, set: row });
    }

    const wanted = BASELINE_SCHEDULES.map((baseline) => {
      const parsed = parseDefinition(baseline.definition);
      if (!parsed.ok) throw new Error(`Baseline "${baseline.name}" is invalid:\n${formatErrors(parsed.errors)}`);
      return { ...baseline, definition: parsed.definition, key: `${baseline.name}\n${canonicalJson(parsed.definition)}` };
    });
    const existing = await tx.select().from(schedules).where(and(eq(schedules.isBaseline, true), isNull(schedules.ownerId)));
    const keyOf = (row: (typeof existing)[number]) => `${row.name}\n${canonicalJson(row.definition)}`;
    const kept = new Set<string>();

    for (const row of existing) {
      const match = wanted.find((w) => w.key === keyOf(row));
      if (match && !kept.has(match.key)) {
        kept.add(match.key);
        await tx.update(schedules).set({ description: match.description, taskId: match.taskId ?? null }).where(eq(schedules.id, row.id));
      } else {
        await retire(tx as unknown as Database, row);
      }
    }

    for (const baseline of wanted) {
      if (kept.has(baseline.key)) continue;
      await tx.insert(schedules).values({
        name: baseline.name,
        kind: baseline.definition.kind,
        description: baseline.description,
        definition: baseline.definition,
        isBaseline: true,
        taskId: baseline.taskId ?? null,
        visibility: "public",
      });
    }

    // After the baselines: reference runs attach to the schedule with their definition.
    await importReferenceBundles(tx as unknown as Database, referenceDir);
  });
}

/**
 * A baseline lib/baselines no longer lists (the per-tier StepDecay copies, the 200-epoch shapes):
 * gone when nothing refers to it; otherwise kept for its runs, which keep their own copy of the
 * definition and stay readable by link, but no longer a baseline and out of the gallery and pickers.
 */
async function retire(db: Database, row: typeof schedules.$inferSelect): Promise<void> {
  const [used] = await db.select({ n: sql<number>`count(*)::int` }).from(runs).where(eq(runs.scheduleId, row.id));
  const [queued] = await db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(eq(jobs.scheduleId, row.id));
  if (used.n === 0 && queued.n === 0) {
    await db.delete(schedules).where(inArray(schedules.id, [row.id]));
    return;
  }
  await db
    .update(schedules)
    .set({
      isBaseline: false,
      visibility: "unlisted",
      name: row.name.endsWith(SUPERSEDED) ? row.name : `${row.name}${SUPERSEDED}`,
      description: `A former baseline, replaced by the budget-relative baselines; kept for its runs. ${row.description ?? ""}`.trim(),
    })
    .where(eq(schedules.id, row.id));
}
