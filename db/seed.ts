import { eq, sql } from "drizzle-orm";
import { BASELINE_SCHEDULES } from "../lib/baselines";
import { parseDefinition, formatErrors } from "../lib/schedules";
import { TASKS } from "../lib/tasks/catalog";
import type { Database } from "./client";
import { importReferenceBundles } from "./reference";
import { schedules, tasks } from "./schema";

// Any constant works; it only has to be the same in every process that seeds this database.
const SEED_LOCK_KEY = 7_290_417;

/**
 * Brings the standard tasks in line with lib/tasks, adds any missing baseline schedule and imports the
 * reference bundles' runs it lacks (db/reference). Safe to run at every start and from several processes at once.
 */
export async function seedDb(db: Database, referenceDir?: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);

    for (const task of TASKS) {
      const row = { id: task.id, name: task.name, summary: task.summary, definition: task, tiers: task.tiers };
      await tx.insert(tasks).values(row).onConflictDoUpdate({ target: tasks.id, set: row });
    }

    const existing = await tx
      .select({ name: schedules.name })
      .from(schedules)
      .where(eq(schedules.isBaseline, true));
    const existingNames = new Set(existing.map((row) => row.name));

    for (const baseline of BASELINE_SCHEDULES) {
      if (existingNames.has(baseline.name)) continue;
      const parsed = parseDefinition(baseline.definition);
      if (!parsed.ok) {
        throw new Error(`Baseline "${baseline.name}" is invalid:\n${formatErrors(parsed.errors)}`);
      }
      await tx.insert(schedules).values({
        name: baseline.name,
        kind: parsed.definition.kind,
        description: baseline.description,
        definition: parsed.definition,
        isBaseline: true,
        taskId: baseline.taskId ?? null,
        visibility: "public",
      });
    }

    // After the baselines: reference runs attach to the schedule with their definition.
    await importReferenceBundles(tx as unknown as Database, referenceDir);
  });
}
