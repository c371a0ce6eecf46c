import { scaleLinear, scaleLog } from "d3-scale";
import { area, curveLinear, curveStepAfter, line } from "d3-shape";
import { downsampleMinMax, type Point } from "@/lib/charts/downsample";

export interface ChartSeries {
  label: string;
  points: Point[];
  color: string;
  /** Hold each value until the next x: a learning rate is constant within its step. */
  stepped?: boolean;
  /** Drawn faint, behind: the raw curve under its smoothed version. */
  faint?: boolean;
  dashed?: boolean;
}

/** A shaded band, such as mean +- one standard deviation over seeds. */
export interface ChartBand {
  label: string;
  color: string;
  points: { x: number; lo: number; hi: number }[];
}

export interface ChartMarker {
  x: number;
  label: string;
  /** The schedule's colour where markers of several schedules share a chart; amber otherwise. */
  color?: string;
}

interface LineChartProps {
  series: ChartSeries[];
  bands?: ChartBand[];
  markers?: ChartMarker[];
  /** Fixes the x range, so charts stacked on one page share their x-axis. */
  xDomain?: [number, number];
  /** Fixes the y range, for quantities with natural bounds (a share from 0 to 1). */
  yDomain?: [number, number];
  xLabel?: string;
  yLabel?: string;
  logY?: boolean;
  /** A sparkline: no axes, for gallery cards. */
  compact?: boolean;
  width?: number;
  height?: number;
  title?: string;
}

// An SVG drawn on the server: reading pages show their curves with client JavaScript off.
const MAX_POINTS = 800;

export function LineChart({
  series,
  bands = [],
  markers = [],
  xDomain,
  yDomain,
  xLabel,
  yLabel,
  logY = false,
  compact = false,
  width = compact ? 320 : 720,
  height = compact ? 120 : 320,
  title,
}: LineChartProps) {
  const drawn = series
    .map((s) => ({ ...s, points: downsampleMinMax(s.points.filter((p) => Number.isFinite(p[1]) && (!logY || p[1] > 0)), MAX_POINTS) }))
    .filter((s) => s.points.length > 0);
  const margin = compact ? { top: 6, right: 6, bottom: 6, left: 6 } : { top: 16, right: 20, bottom: 44, left: 72 };

  if (drawn.length === 0) {
    return (
      <svg role="img" aria-label={title ?? "empty chart"} viewBox={`0 0 ${width} ${height}`} className="w-full">
        <text x={width / 2} y={height / 2} textAnchor="middle" className="fill-slate-400 text-sm">
          nothing to draw
        </text>
      </svg>
    );
  }

  const xs = drawn.flatMap((s) => s.points.map((p) => p[0]));
  const ys = drawn.flatMap((s) => s.points.map((p) => p[1]));
  const bandYs = bands.flatMap((b) => b.points.flatMap((p) => [p.lo, p.hi])).filter((v) => Number.isFinite(v) && (!logY || v > 0));
  const [xMin, xMax] = xDomain ?? [Math.min(...xs), Math.max(...xs)];
  let [yMin, yMax] = yDomain ?? [Math.min(...ys, ...bandYs), Math.max(...ys, ...bandYs)];
  if (!logY && !yDomain) yMin = Math.min(0, yMin);
  if (yMin === yMax) yMax = yMin === 0 ? 1 : yMin * (logY ? 10 : 1.1);

  const x = scaleLinear().domain([xMin, xMax === xMin ? xMin + 1 : xMax]).range([margin.left, width - margin.right]);
  const y = (logY ? scaleLog() : scaleLinear())
    .domain([yMin, yMax])
    .range([height - margin.bottom, margin.top])
    .nice();
  const pathOf = (s: ChartSeries) =>
    line<Point>()
      .x((p) => x(p[0]))
      .y((p) => y(p[1]))
      .curve(s.stepped ? curveStepAfter : curveLinear)(s.points) ?? "";

  const xTicks = x.ticks(6);
  // On a log axis only powers of ten get a line and a label; the rest would crowd the axis.
  const yTicks = logY ? y.ticks().filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9) : y.ticks(5);
  const linearFormat = y.tickFormat(5, "~g");
  const yFormat = (t: number) => (logY ? (t >= 1e-3 ? String(t) : t.toExponential(0)) : linearFormat(t));

  const chart = (
    <svg
      role="img"
      aria-label={title ?? drawn.map((s) => s.label).join(", ")}
      viewBox={`0 0 ${width} ${height}`}
      className={compact ? "w-full h-auto" : "chart-svg h-auto w-full min-w-[520px]"}
      data-testid="lr-chart"
    >
      {title && <title>{title}</title>}
      {!compact && (
        <g className="text-[11px]">
          {yTicks.map((tick) => (
            <g key={`y${tick}`} transform={`translate(0,${y(tick)})`}>
              <line x1={margin.left} x2={width - margin.right} className="stroke-slate-200" />
              <text x={margin.left - 8} dy="0.32em" textAnchor="end" className="fill-slate-500">
                {yFormat(tick)}
              </text>
            </g>
          ))}
          {xTicks.map((tick) => (
            <text key={`x${tick}`} x={x(tick)} y={height - margin.bottom + 16} textAnchor="middle" className="fill-slate-500">
              {tick}
            </text>
          ))}
          <line
            x1={margin.left}
            x2={width - margin.right}
            y1={height - margin.bottom}
            y2={height - margin.bottom}
            className="stroke-slate-400"
          />
          {xLabel && (
            <text x={(margin.left + width - margin.right) / 2} y={height - 6} textAnchor="middle" className="fill-slate-600">
              {xLabel}
            </text>
          )}
          {yLabel && (
            <text transform={`translate(14,${(margin.top + height - margin.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="fill-slate-600">
              {yLabel}
            </text>
          )}
        </g>
      )}
      {markers.map((marker, i) => (
        <g key={`m${i}`}>
          <line
            x1={x(marker.x)}
            x2={x(marker.x)}
            y1={margin.top}
            y2={height - margin.bottom}
            strokeDasharray="4 3"
            stroke={marker.color}
            className={marker.color ? undefined : "stroke-amber-500"}
          >
            <title>{marker.label}</title>
          </line>
        </g>
      ))}
      {bands.map((band) => (
        <path
          key={`band-${band.label}`}
          d={
            area<{ x: number; lo: number; hi: number }>()
              .x((p) => x(p.x))
              .y0((p) => y(p.lo))
              .y1((p) => y(p.hi))(band.points.filter((p) => Number.isFinite(p.lo) && Number.isFinite(p.hi) && (!logY || p.lo > 0))) ?? ""
          }
          fill={band.color}
          fillOpacity={0.15}
          stroke="none"
          data-band={band.label}
        />
      ))}
      {drawn.map((s) => (
        <path
          key={s.label}
          d={pathOf(s)}
          fill="none"
          stroke={s.color}
          strokeWidth={compact ? 1.75 : s.faint ? 1 : 2}
          strokeOpacity={s.faint ? 0.3 : 1}
          strokeDasharray={s.dashed ? "5 4" : undefined}
          data-series={s.label}
        >
          <title>{s.label}</title>
        </path>
      ))}
    </svg>
  );
  // Below 520 px the chart scrolls inside its box rather than shrinking its text.
  return compact ? chart : <div className="overflow-x-auto">{chart}</div>;
}
