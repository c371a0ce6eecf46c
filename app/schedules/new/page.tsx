import type { Metadata } from "next";
import { kindInfo, type ScheduleKind } from "@/lib/schedules";
import { ScheduleForm } from "./ScheduleForm";

export const metadata: Metadata = { title: "New schedule" };

type Initial = { kind: ScheduleKind; unit?: "epoch" | "iteration" } & Record<string, unknown>;

/** `?definition=` (JSON, e.g. from a range test's page) prefills the form; anything else is ignored, and the form validates what it gets. */
function initialDefinition(text: string | undefined): Initial | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value) && kindInfo((value as { kind?: string }).kind as ScheduleKind)) return value as Initial;
  } catch {
    // Not JSON: start from the kind's example.
  }
  return undefined;
}

export default async function NewSchedulePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const initial = initialDefinition((await searchParams).definition);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">New schedule</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Pick a kind and set its fields; the curve updates as you type. The same definition is used by the
          command line, the workers and the exported code.
        </p>
        <noscript>
          <p className="mt-2 rounded border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900">
            This form needs JavaScript for its live preview. Without it, validate and sample a definition with{" "}
            <code>npx lrbench schedule validate FILE</code>.
          </p>
        </noscript>
      </header>
      <ScheduleForm initial={initial} />
    </div>
  );
}
