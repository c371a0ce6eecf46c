import type { Metadata } from "next";
import { ScheduleForm } from "./ScheduleForm";

export const metadata: Metadata = { title: "New schedule" };

export default function NewSchedulePage() {
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
      <ScheduleForm />
    </div>
  );
}
