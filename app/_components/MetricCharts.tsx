import type { Decay } from "@/lib/analysis";
import { formatRate } from "@/lib/format/rate";
import { Chart } from "./Chart";
import { SERIES_COLORS as COLORS } from "./Legend";
import type { ChartMarker, ChartSeries } from "./LineChart";
import { formatEpoch } from "@/lib/format/epoch";

export interface MetricPanel {
  title: string;
  names: string[];
  logY?: boolean;
  stepped?: boolean;
}

interface MetricChartsProps {
  series: Record<string, [number, number][]>;
  panels: MetricPanel[];
  decays: Decay[];
  xLabel: string;
  /** Debiased EMA weight in [0, 1); 0 shows the raw curves only. */
  smoothing: number;
}

/** Charts stacked on one shared x range, each with the decay markers, so a decay lines up across them. */
export function MetricCharts({ series, panels, decays, xLabel, smoothing }: MetricChartsProps) {
  const xs = Object.values(series).flatMap((points) => points.map((p) => p[0]));
  const xDomain: [number, number] | undefined = xs.length ? [Math.min(...xs), Math.max(...xs)] : undefined;
  const markers: ChartMarker[] = decays.map((d) => ({ x: d.x, label: `decay at ${formatEpoch(d.x)}: ${formatRate(d.from)} to ${formatRate(d.to)}${d.reason ? ` (${d.reason})` : ""}` }));
  return (
    <div className="space-y-4">
      {panels.map((panel) => {
        const lines: ChartSeries[] = panel.names
          .filter((name) => series[name]?.length)
          .map((name, i): ChartSeries => ({ label: name, points: series[name], color: COLORS[i % COLORS.length], stepped: panel.stepped }));
        if (lines.length === 0) return null;
        return (
          <section key={panel.title} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`panel-${panel.title}`}>
            <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
              <h3 className="font-medium">{panel.title}</h3>
              {lines.map((l) => (
                <span key={l.label} className="flex items-center gap-1 text-xs text-slate-600">
                  <span className="inline-block h-2 w-4 rounded" style={{ background: l.color }} /> {l.label}
                </span>
              ))}
            </div>
            <Chart series={lines} markers={markers} xDomain={xDomain} xLabel={xLabel} yLabel={panel.title} logY={panel.logY} smoothing={panel.stepped ? 0 : smoothing} height={220} />
          </section>
        );
      })}
    </div>
  );
}
