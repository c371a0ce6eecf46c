import { downsampleMinMax } from "@/lib/charts/downsample";
import { smoothSegments } from "@/lib/charts/smooth";
import { ChartEnhancer } from "./ChartEnhancer";
import type { InteractiveBand, InteractiveSeries } from "./chart-types";
import { LineChart, type ChartBand, type ChartMarker, type ChartSeries } from "./LineChart";

export interface ChartProps {
  series: (ChartSeries & Pick<InteractiveSeries, "legend" | "runId" | "metric">)[];
  bands?: (ChartBand & { legend?: string })[];
  markers?: ChartMarker[];
  xDomain?: [number, number];
  xLabel?: string;
  yLabel?: string;
  logY?: boolean;
  height?: number;
  title?: string;
  /** EMA weight drawn first (the URL's, on pages that have one); the browser's slider changes it. */
  smoothing?: number;
  fineAxis?: "epoch" | "step";
}

// Enough for a sharp line across a wide screen; zooming fetches finer points where the page allows.
const CLIENT_POINTS = 1200;

const jsonSafe = (points: [number, number][]): [number, number | null][] => {
  const finite = points.filter((p) => Number.isFinite(p[1]));
  const kept: [number, number | null][] = downsampleMinMax(finite, CLIENT_POINTS);
  const broken = points.filter((p) => !Number.isFinite(p[1])).map(([x]): [number, null] => [x, null]);
  return broken.length ? [...kept, ...broken].sort((a, b) => a[0] - b[0]) : kept;
};

/**
 * A chart that is an SVG from the server (readable without JavaScript) and becomes interactive in
 * the browser. Smoothing is drawn in both: the raw curve faint and its EMA, restarted at each marker.
 */
export function Chart({ series, bands = [], markers = [], smoothing = 0, fineAxis, ...rest }: ChartProps) {
  const svgSeries: ChartSeries[] =
    smoothing > 0
      ? series.flatMap((s) =>
          s.stepped
            ? [s]
            : [
                { ...s, label: `${s.label} (raw)`, faint: true },
                { ...s, points: smoothSegments(s.points, smoothing, markers.map((m) => m.x)) },
              ],
        )
      : series;
  const clientSeries: InteractiveSeries[] = series.map((s) => ({
    label: s.label,
    color: s.color,
    points: jsonSafe(s.points),
    stepped: s.stepped,
    faint: s.faint,
    dashed: s.dashed,
    legend: s.legend,
    runId: s.runId,
    metric: s.metric,
  }));
  const clientBands: InteractiveBand[] = bands.map((b) => ({ ...b, points: b.points.length > CLIENT_POINTS ? b.points.filter((_, i) => i % Math.ceil(b.points.length / CLIENT_POINTS) === 0) : b.points }));
  return (
    <ChartEnhancer
      series={clientSeries}
      bands={clientBands}
      markers={markers}
      xLabel={rest.xLabel}
      yLabel={rest.yLabel}
      logY={rest.logY ?? false}
      height={rest.height ?? 320}
      smoothing={smoothing}
      fineAxis={fineAxis}
    >
      <LineChart series={svgSeries} bands={bands} markers={markers} {...rest} />
    </ChartEnhancer>
  );
}
