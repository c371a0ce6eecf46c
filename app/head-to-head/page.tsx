import type { Metadata } from "next";
import { getDb } from "@/db";
import { schedulesWithResults } from "@/db/queries/head-to-head";
import { listTasks } from "@/db/queries/tasks";
import { FEATURED, taskRecipe } from "@/lib/baselines";
import { currentActor } from "../_lib/auth/actor";
import { HeadToHeadPanel } from "../_components/HeadToHeadPanel";
import { TaskTierFields } from "../_components/TaskTierFields";

export const metadata: Metadata = { title: "Head-to-head" };

type Search = Promise<{ a?: string; b?: string; task?: string; tier?: string }>;
const select = "mt-1 block w-full max-w-xs rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export default async function HeadToHeadPage({ searchParams }: { searchParams: Search }) {
  const query = await searchParams;
  const { db } = await getDb();
  const tasks = await listTasks(db);
  const taskId = tasks.some((t) => t.id === query.task) ? query.task! : "ps10-noise";
  const tier = ["smoke", "short", "full"].includes(query.tier ?? "") ? query.tier! : "smoke";
  const [schedules, actor] = await Promise.all([schedulesWithResults(db, taskId, tier), currentActor(db)]);
  // A schedule picked on another task or tier falls back to the defaults here: it has nothing to show on this one.
  const a =
    schedules.find((s) => s.id === query.a) ??
    schedules.find((s) => s.isBaseline && s.name === taskRecipe(taskId).name) ??
    schedules[0];
  const b =
    schedules.find((s) => s.id === query.b && s.id !== a?.id) ??
    schedules.find((s) => s.isBaseline && s.name === FEATURED.autoDecay && s.id !== a?.id) ??
    schedules.find((s) => s.id !== a?.id);
  const dropped = [query.a, query.b].filter((id) => id && !schedules.some((s) => s.id === id));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Head-to-head</h1>
      <form method="get" className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        {(["a", "b"] as const).map((side) => (
          <label key={side} className="min-w-0">
            Schedule {side.toUpperCase()}
            <select name={side} defaultValue={(side === "a" ? a : b)?.id} className={select}>
              {schedules.map((s) => (
                <option key={s.id} value={s.id}>{s.name}</option>
              ))}
            </select>
          </label>
        ))}
        <TaskTierFields tasks={tasks} taskField="task" task={taskId} tier={tier} selectClassName={select} />
        <button type="submit" className="rounded border border-slate-300 bg-slate-50 px-3 py-1 hover:bg-slate-100">Compare</button>
        <p className="w-full text-xs text-slate-500">
          The pickers list the {schedules.length} public schedule{schedules.length === 1 ? "" : "s"} with finished public runs on {taskId} · {tier}; pick another task or tier and press Compare to see its schedules.
          {dropped.length > 0 && " A schedule you asked for has no results here, so a default took its place."}
        </p>
      </form>
      {a && b ? (
        <HeadToHeadPanel actor={actor} a={a} b={b} taskId={taskId} tier={tier} />
      ) : (
        <p className="text-slate-600" data-testid="head-to-head-empty">
          {schedules.length === 0 ? "No schedule has" : `Only ${schedules[0].name} has`} finished public runs on {taskId} · {tier} yet; a head-to-head needs two.
        </p>
      )}
    </div>
  );
}
