import type { Metadata } from "next";
import { baselineLabel } from "@/lib/baselines";
import Link from "next/link";
import { getDb } from "@/db";
import { listPublicSchedules } from "@/db/queries/schedules";
import { previewSteps } from "@/lib/preview/horizon";
import { kindInfo } from "@/lib/schedules";
import { ScheduleCurve } from "../_components/ScheduleCurve";

export const metadata: Metadata = { title: "Schedule gallery" };

export default async function SchedulesPage() {
  const { db } = await getDb();
  const schedules = await listPublicSchedules(db);
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
              <p className="text-xs text-slate-500">{kindInfo(schedule.definition.kind)?.label ?? schedule.kind}</p>
              <ScheduleCurve definition={schedule.definition} steps={previewSteps(schedule.definition)} compact title={`${schedule.name}: learning rate`} />
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
