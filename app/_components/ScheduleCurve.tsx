import { drawnPreview } from "@/lib/preview/drawn";
import type { ScheduleDefinition } from "@/lib/schedules";
import { LineChart, type ChartSeries } from "./LineChart";
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
  /** An epoch-unit schedule drawn faint behind this one over the same epochs (a task's StepDecay recipe). */
  overlay?: { label: string; definition: ScheduleDefinition };
}

// Gallery cards are small: three significant digits read better there than the formatter's default six.
const rate = (value: number) => formatRate(value, 3);

export function ScheduleCurve({ definition, steps, budget, itersPerEpoch, compact, logY, title, overlay }: ScheduleCurveProps) {
  const curve = drawnPreview(definition, steps, budget);
  const perEpoch = definition.unit === "iteration" && itersPerEpoch ? itersPerEpoch : 1;
  const xLabel = definition.unit === "iteration" ? (perEpoch > 1 ? "epoch" : "iteration") : "epoch";
  const points = curve.lr.map(([t, lr]): [number, number] => [t / perEpoch, lr]);
  const markers = curve.events.map((event) => ({
    x: event.step / perEpoch,
    label: `${event.type} at step ${event.step}${event.lr !== undefined ? ` to ${formatRate(event.lr)}` : ""}${event.reason ? `: ${event.reason}` : ""}`,
  }));
  const series: ChartSeries[] = [{ label: "learning rate", points, color: "#4f46e5", stepped: true }];
  if (overlay && xLabel === "epoch") {
    const epochs = Math.max(1, Math.round((budget ?? steps) / perEpoch));
    const behind = drawnPreview(overlay.definition, epochs, epochs);
    if (behind.lr.length > 0) series.unshift({ label: overlay.label, points: behind.lr, color: "#94a3b8", stepped: true, dashed: true });
  }
  const rates = points.map(([, lr]) => lr).filter(Number.isFinite);
  const lastX = points.at(-1)?.[0];
  return (
    <figure>
      {compact && rates.length > 0 ? (
        // The sparkline has no axes; its range is written beside it, in text that stays readable at any card width.
        <div className="flex gap-1 text-[11px] leading-none text-slate-500" data-testid="curve-axes">
          <div className="flex flex-col justify-between py-0.5 text-right tabular-nums" aria-label="learning rate range">
            <span>{rate(Math.max(...rates))}</span>
            <span>{rate(Math.min(...rates))}</span>
          </div>
          <div className="min-w-0 flex-1">
            <LineChart series={series} markers={markers} xLabel={xLabel} yLabel="learning rate" compact logY={logY} title={title} />
            <div className="mt-0.5 flex justify-between tabular-nums">
              <span>0</span>
              <span>{lastX !== undefined ? `${rate(lastX)} ${xLabel}s` : ""}</span>
            </div>
          </div>
        </div>
      ) : (
        <LineChart series={series} markers={markers} xLabel={xLabel} yLabel="learning rate" compact={compact} logY={logY} title={title} />
      )}
      {overlay && series.length > 1 && !compact && (
        <figcaption className="mt-1 flex items-center gap-2 text-xs text-slate-500" data-testid="recipe-overlay">
          <span className="inline-block w-5 border-t-2 border-dashed border-slate-400" /> {overlay.label}, for comparison
        </figcaption>
      )}
      {curve.error && <figcaption className="mt-1 text-xs text-red-700">{curve.error}</figcaption>}
      {!compact && curve.synthetic && (
        <figcaption className="mt-1 text-xs text-slate-500">
          Adaptive schedule: drawn against a synthetic training loss; a real run decides its own decays.
        </figcaption>
      )}
    </figure>
  );
}
