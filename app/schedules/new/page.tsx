import type { Metadata } from "next";
import { kindInfo, type ScheduleDefinition, type ScheduleKind } from "@/lib/schedules";
import Link from "next/link";
import { getDb } from "@/db";
import { currentActor } from "../../_lib/auth/actor";
import { readScheduleAs } from "../../_lib/operations/schedules";
import { startFrom } from "./start-from";
import { ScheduleForm, type ScheduleFormStart } from "./ScheduleForm";

export const metadata: Metadata = { title: "New schedule" };

type Search = Promise<{ from?: string; fork?: string; definition?: string }>;

/** `?definition=` (JSON, e.g. from a range test's page) prefills the form; anything else is ignored, and the form validates what it gets. */
function suggested(text: string | undefined): ScheduleFormStart | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value) && kindInfo((value as { kind?: string }).kind as ScheduleKind)) {
      return { name: "", description: null, visibility: "public", definition: value as ScheduleDefinition };
    }
  } catch {
    // Not JSON: start from the kind's example.
  }
  return undefined;
}

/** `?from=ID` starts from a schedule's definition (a template); `?fork=ID` also from its name and description. */
export default async function NewSchedulePage({ searchParams }: { searchParams: Search }) {
  const { from, fork, definition } = await searchParams;
  const sourceId = fork ?? from;
  const { db } = await getDb();
  const source = sourceId ? await readScheduleAs(db, await currentActor(db), sourceId) : null;
  const start = source ? startFrom(source, fork ? "fork" : "template") : suggested(definition);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{fork && source ? `Fork ${source.name}` : "New schedule"}</h1>
        {source ? (
          <p className="mt-1 max-w-3xl text-slate-600" data-testid="start-note">
            Starting from <Link href={`/schedules/${source.id}`} className="text-indigo-700 hover:underline">{source.name}</Link>: change what you like; saving
            makes a new schedule and leaves the original as it is.
          </p>
        ) : (
          <p className="mt-1 max-w-3xl text-slate-600">
            Pick a kind and set its fields; the curve updates as you type. The same definition is used by the
            command line, the workers and the exported code.
          </p>
        )}
        {sourceId && !source && (
          <p className="mt-2 rounded border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900" role="alert">
            There is no schedule {sourceId.slice(0, 40)} you can read to start from; starting from an example instead.
          </p>
        )}
        <noscript>
          <p className="mt-2 rounded border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900">
            This form needs JavaScript for its live preview. Without it, validate and sample a definition with{" "}
            <code>npx lrbench schedule validate FILE</code>.
          </p>
        </noscript>
      </header>
      <ScheduleForm start={start} />
    </div>
  );
}
