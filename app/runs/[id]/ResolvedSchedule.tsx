import { canonicalJson, type ResolvedDefinition, type ScheduleDefinition } from "@/lib/schedules";

/**
 * A budget-relative schedule as submitted ("50%") and as this run stepped through it (resolved for its
 * task and tier), side by side; nothing when the two are the same.
 */
export function ResolvedSchedule({ submitted, resolved, budget }: { submitted: ScheduleDefinition | null; resolved: ResolvedDefinition | null; budget: string }) {
  if (!submitted || !resolved || canonicalJson(submitted) === canonicalJson(resolved)) return null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="resolved-schedule">
      <h2 className="mb-2 font-semibold">Schedule lengths relative to the training budget</h2>
      <p className="mb-3 text-sm text-slate-600">
        The schedule was submitted with lengths in percent of the training budget; this run resolved them for {budget} before its first step.
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        {[
          ["Submitted", submitted],
          ["Resolved for this run", resolved],
        ].map(([label, definition]) => (
          <figure key={label as string}>
            <figcaption className="mb-1 text-sm font-medium text-slate-700">{label as string}</figcaption>
            <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(definition, null, 2)}</pre>
          </figure>
        ))}
      </div>
    </section>
  );
}
