import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../client";
import { runs } from "../schema";

/** The engines that ran (or are running) the replays of these schedules on a task and tier. */
export async function replayEngines(db: Database, scheduleIds: string[], taskId: string, tier: string): Promise<string[]> {
  if (scheduleIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ engine: runs.engine })
    .from(runs)
    .where(and(inArray(runs.scheduleId, scheduleIds), eq(runs.taskId, taskId), eq(runs.tier, tier), eq(runs.source, "replayed")));
  return rows.map((row) => row.engine).filter((engine): engine is string => engine !== null);
}
