import { getDb } from "@/db";
import { seedResults } from "@/db/queries/leaderboard";
import { MAX_COMPARED_RUNS } from "@/app/_lib/operations/compare";
import { isUuid } from "@/lib/ids";

/**
 * Where the leaderboard's row checkboxes go (a plain GET form, so it works without JavaScript): a row is
 * a schedule, so "compare" opens the compare page on the checked schedules' seed runs on this task and
 * tier, and "head-to-head" the head-to-head of exactly two. Anything else goes back to the board, saying why.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const task = url.searchParams.get("task") ?? "";
  const tier = url.searchParams.get("tier") ?? "";
  const picked = [...new Set(url.searchParams.getAll("row").filter(isUuid))];
  const go = (path: string) => Response.redirect(new URL(path, url), 303);
  const back = (notice: string) => go(`/leaderboard?${new URLSearchParams({ task, tier, notice })}`);
  if (url.searchParams.get("to") === "head-to-head") {
    if (picked.length !== 2) return back("pick-two");
    return go(`/head-to-head?${new URLSearchParams({ a: picked[0], b: picked[1], task, tier })}`);
  }
  if (picked.length === 0) return back("pick-some");
  const { db } = await getDb();
  const runIds = (await Promise.all(picked.map((id) => seedResults(db, id, task, tier)))).flat().map((r) => r.runId);
  if (runIds.length === 0) return back("pick-some");
  return go(`/compare?runs=${runIds.slice(0, MAX_COMPARED_RUNS).join(",")}`);
}
