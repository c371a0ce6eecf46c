import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db";
import { currentActor } from "../../../_lib/auth/actor";
import { editableBy, readScheduleAs } from "../../../_lib/operations/schedules";
import { ScheduleForm } from "../../new/ScheduleForm";
import { startFrom } from "../../new/start-from";

export const metadata: Metadata = { title: "Edit schedule" };

type Params = Promise<{ id: string }>;

/** Only its owner (or an admin) edits a schedule, and only while nothing was measured with it; else it is forked. */
export default async function EditSchedulePage({ params }: { params: Params }) {
  const { db } = await getDb();
  const actor = await currentActor(db);
  const schedule = await readScheduleAs(db, actor, (await params).id);
  if (!schedule) notFound();
  const { canEdit, hasResults } = await editableBy(db, actor, schedule);
  if (!canEdit) redirect(hasResults ? `/schedules/new?fork=${schedule.id}` : `/schedules/${schedule.id}`);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">Edit {schedule.name}</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Nothing has been measured with this schedule yet, so it can still change. Once it has runs or replays, changes are made by
          forking it. <Link href={`/schedules/${schedule.id}`} className="text-indigo-700 hover:underline">Back to the schedule</Link>
        </p>
      </header>
      <ScheduleForm start={startFrom(schedule, "edit")} />
    </div>
  );
}
