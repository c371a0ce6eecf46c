import type { Metadata } from "next";
import { baselineLabel } from "@/lib/baselines";
import Link from "next/link";
import { galleryData } from "@/app/_lib/cached-reads";
import { describePreviewBudget, planPreview } from "@/lib/preview/budget";
import { kindInfo, type ScheduleDefinition } from "@/lib/schedules";
import { ScheduleCurve } from "../_components/ScheduleCurve";

export const metadata: Metadata = { title: "Schedule gallery" };

type Search = Promise<{ kind?: string | string[]; q?: string | string[] }>;
const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export default async function SchedulesPage({ searchParams }: { searchParams: Search }) {
  const search = await searchParams;
  const kind = [search.kind].flat()[0] || undefined;
  const q = ([search.q].flat()[0] ?? "").slice(0, 100);
  const { schedules, kinds } = await galleryData({ kind, search: q });
  const filtered = kind !== undefined || q.trim() !== "";
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">Schedule gallery</h1>
          <p className="mt-1 text-slate-600">Every public schedule and its learning-rate curve.</p>
        </div>
        <Link href="/schedules/new" className="rounded bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
          New schedule
        </Link>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm" role="search">
        <label>
          Kind
          <select name="kind" defaultValue={kind ?? ""} className={select} data-testid="kind-filter">
            <option value="">any</option>
            {kinds.map((k) => (
              <option key={k} value={k}>{kindInfo(k as ScheduleDefinition["kind"])?.label ?? k}</option>
            ))}
          </select>
        </label>
        <label>
          Search
          <input name="q" type="search" defaultValue={q} placeholder="name or description" className={`${select} w-56`} />
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-slate-50 px-3 py-1 hover:bg-slate-100">Filter</button>
        {filtered && (
          <Link href="/schedules" className="self-center text-indigo-700 hover:underline">Show all</Link>
        )}
      </form>
      {filtered && (
        <p className="text-sm text-slate-600" data-testid="gallery-count">
          {schedules.length} schedule{schedules.length === 1 ? "" : "s"}
          {kind ? ` of kind ${kindInfo(kind as ScheduleDefinition["kind"])?.label ?? kind}` : ""}
          {q.trim() ? ` matching '${q.trim()}'` : ""}.
        </p>
      )}
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="schedule-gallery">
        {schedules.map((schedule) => (
          <li key={schedule.id} className="rounded-lg border border-slate-200 bg-white p-4 hover:border-indigo-300">
            <Link href={`/schedules/${schedule.id}`} className="block space-y-2">
              <div className="flex items-start justify-between gap-2">
                <h2 className="font-medium text-slate-900">{schedule.name}</h2>
                {schedule.isBaseline && (
                  <span className="shrink-0 rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-700">{baselineLabel(schedule)}</span>
                )}
              </div>
              <GalleryCurve name={schedule.name} definition={schedule.definition} />
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A budget-relative schedule is drawn for the default budget, and says which. */
function GalleryCurve({ name, definition }: { name: string; definition: ScheduleDefinition }) {
  const plan = planPreview(definition, null);
  return (
    <>
      <p className="text-xs text-slate-500">
        {kindInfo(definition.kind)?.label ?? definition.kind}
        {plan.budget ? ` · % of budget, drawn for ${describePreviewBudget(definition, plan.budget)}` : ""}
      </p>
      <ScheduleCurve definition={definition} steps={plan.steps} budget={plan.resolveFor} compact title={`${name}: learning rate`} />
    </>
  );
}
