import { inArray } from "drizzle-orm";
import type { Decay } from "../../lib/analysis/decays";
import type { Database } from "../client";
import { runs } from "../schema";

export interface RunDecays {
  runId: string;
  seed: number | null;
  /** Where (in epochs, fractional for iteration-unit schedules) the rate was decayed, and from what to what. */
  decays: Pick<Decay, "x" | "from" | "to">[];
  epochs: number | null;
  /** The epoch an adaptive schedule stopped training at, if it did. */
  terminatedAt: number | null;
}

/** When each run decayed and how many epochs it used, read from the summaries stored on finish. */
export async function decaysOfRuns(db: Database, runIds: string[]): Promise<RunDecays[]> {
  if (runIds.length === 0) return [];
  const rows = await db.select({ id: runs.id, seed: runs.seed, summary: runs.summary }).from(runs).where(inArray(runs.id, runIds));
  return rows.map((row) => {
    const summary = (row.summary ?? {}) as { decays?: Decay[]; epochs?: number; terminated?: { x: number } | null };
    return {
      runId: row.id,
      seed: row.seed,
      decays: (summary.decays ?? []).map(({ x, from, to }) => ({ x, from, to })),
      epochs: typeof summary.epochs === "number" ? summary.epochs : null,
      terminatedAt: summary.terminated?.x ?? null,
    };
  });
}
