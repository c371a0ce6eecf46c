import { drawnPreview } from "@/lib/preview/drawn";
import type { ScheduleDefinition } from "@/lib/schedules";
import { LineChart } from "./LineChart";
import { formatRate } from "@/lib/format/rate";

interface ScheduleCurveProps {
  definition: ScheduleDefinition;
  steps: number;
  /** The training budget budget-relative lengths resolve against, in the schedule's unit; default `steps`. */
  budget?: number;
  /** Iterations per epoch: an iteration-unit schedule is then drawn against epochs. */
  itersPerEpoch?: number;
  compact?: boolean;
  logY?: boolean;
  title?: string;
}

export function ScheduleCurve({ definition, steps, budget, itersPerEpoch, compact, logY, title }: ScheduleCurveProps) {
  const curve = drawnPreview(definition, steps, budget);
  const perEpoch = definition.unit === "iteration" && itersPerEpoch ? itersPerEpoch : 1;
  const xLabel = definition.unit === "iteration" ? (perEpoch > 1 ? "epoch" : "iteration") : "epoch";
  const points = curve.lr.map(([t, lr]): [number, number] => [t / perEpoch, lr]);
  const markers = curve.events.map((event) => ({
    x: event.step / perEpoch,
    label: `${event.type} at step ${event.step}${event.lr !== undefined ? ` to ${formatRate(event.lr)}` : ""}${event.reason ? `: ${event.reason}` : ""}`,
  }));
  return (
    <figure>
      <LineChart
        series={[{ label: "learning rate", points, color: "#4f46e5", stepped: true }]}
        markers={markers}
        xLabel={xLabel}
        yLabel="learning rate"
        compact={compact}
        logY={logY}
        title={title}
      />
      {curve.error && <figcaption className="mt-1 text-xs text-red-700">{curve.error}</figcaption>}
      {!compact && curve.synthetic && (
        <figcaption className="mt-1 text-xs text-slate-500">
          Adaptive schedule: drawn against a synthetic training loss; a real run decides its own decays.
        </figcaption>
      )}
    </figure>
  );
}
