import type { Metadata } from "next";
import { getDb } from "@/db";
import { listPublicSchedules } from "@/db/queries/schedules";
import { listTasks } from "@/db/queries/tasks";
import { FEATURED, taskRecipe } from "@/lib/baselines";
import { HeadToHeadPanel } from "../_components/HeadToHeadPanel";
import { TaskTierFields } from "../_components/TaskTierFields";

export const metadata: Metadata = { title: "Head-to-head" };

type Search = Promise<{ a?: string; b?: string; task?: string; tier?: string }>;
const select = "mt-1 block max-w-xs rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export default async function HeadToHeadPage({ searchParams }: { searchParams: Search }) {
  const query = await searchParams;
  const { db } = await getDb();
  const [schedules, tasks] = await Promise.all([listPublicSchedules(db), listTasks(db)]);
  const taskId = tasks.some((t) => t.id === query.task) ? query.task! : "ps10-noise";
  const tier = ["smoke", "short", "full"].includes(query.tier ?? "") ? query.tier! : "smoke";
  const baseline = (name: string) => schedules.find((s) => s.isBaseline && s.name === name);
  const a = schedules.find((s) => s.id === query.a) ?? baseline(taskRecipe(taskId).name);
  const b = schedules.find((s) => s.id === query.b) ?? baseline(FEATURED.autoDecay);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Head-to-head</h1>
      <form method="get" className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        {(["a", "b"] as const).map((side) => (
          <label key={side}>
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
      </form>
      {a && b ? <HeadToHeadPanel db={db} a={a} b={b} taskId={taskId} tier={tier} /> : <p className="text-slate-600">Pick two schedules.</p>}
    </div>
  );
}
