import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { listSchedulesFor } from "@/db/queries/schedules";
import { listTasks } from "@/db/queries/tasks";
import { audienceOf, can } from "@/lib/auth/policy";
import { MAX_SWEEP_RUNS, MAX_SWEEP_VALUES } from "@/lib/api/sweeps";
import { currentActor } from "../../_lib/auth/actor";
import { SweepForm } from "./SweepForm";

export const metadata: Metadata = { title: "New sweep" };

const first = (v: string | string[] | undefined) => [v].flat()[0];

/** `?schedule=ID` (the schedule page's link) picks the schedule to sweep. */
export default async function NewSweepPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db } = await getDb();
  const actor = await currentActor(db);
  const query = await searchParams;
  const allowed = can(actor, "job:submit") && can(actor, "schedule:create");
  const [schedules, tasks] = allowed ? await Promise.all([listSchedulesFor(db, audienceOf(actor)), listTasks(db)]) : [[], []];
  const wanted = first(query.schedule);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">New sweep</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          One schedule replayed at several values of one of its fields, such as the rate of a constant schedule at 1,
          0.5, 0.2, 0.1 and 0.01. Each value becomes a schedule of its own (named after the base and the value, with
          the sweep&apos;s visibility) with a replay per seed; the sweep&apos;s page overlays their curves and plots the final
          figures against the value. At most {MAX_SWEEP_VALUES} values and {MAX_SWEEP_RUNS} replays (values x seeds).
        </p>
      </header>
      {allowed ? (
        <SweepForm
          schedules={schedules.map((s) => ({ id: s.id, name: s.name }))}
          tasks={tasks.map((t) => ({ id: t.id, name: t.name }))}
          defaults={{
            scheduleId: schedules.some((s) => s.id === wanted) ? wanted! : (schedules[0]?.id ?? ""),
            field: first(query.field) ?? "lr",
            values: first(query.values) ?? "1, 0.5, 0.2, 0.1, 0.01",
            taskId: first(query.task) ?? "fashion-mnist",
            tier: first(query.tier) ?? "smoke",
            seeds: first(query.seeds) ?? "0",
            visibility: "public",
          }}
        />
      ) : (
        <p className="text-sm text-slate-600">
          <Link href="/signin?callbackUrl=/sweeps/new" className="text-indigo-700 hover:underline">Sign in</Link> to queue a sweep.
        </p>
      )}
    </div>
  );
}
