"use client";

import "uplot/dist/uPlot.min.css";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import uPlot from "uplot";
import { smoothSegments } from "@/lib/charts/smooth";
import { formatRate } from "@/lib/format/rate";
import type { InteractiveBand, InteractiveSeries } from "./chart-types";

export interface ChartEnhancerProps {
  series: InteractiveSeries[];
  bands: InteractiveBand[];
  markers: { x: number; label: string; color?: string }[];
  xLabel?: string;
  yLabel?: string;
  logY: boolean;
  height: number;
  /** Initial EMA weight; the slider shows only where some series is smoothable. */
  smoothing: number;
  /** Where zooming may fetch finer points: the x axis the runs' series API speaks. */
  fineAxis?: "epoch" | "step";
  /** The server-drawn SVG, shown until this component has mounted (and forever without JavaScript). */
  children: ReactNode;
}

type Points = [number, number | null][];

const ZOOM_FETCH_DELAY_MS = 250;
const FINE_POINTS = 1000;

/** A colour with an alpha channel, for raw curves under their smoothed line and for bands. */
function fade(color: string, alpha: number): string {
  const hex = color.replace("#", "");
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r},${g},${b},${alpha})`;
}

/** The y of the point nearest to x in a sorted series: what the hover readout shows for it. */
function valueNear(points: Points, x: number): number | null {
  if (points.length === 0) return null;
  let lo = 0;
  let hi = points.length - 1;
  if (x <= points[0][0]) return points[0][1];
  if (x >= points[hi][0]) return points[hi][1];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid][0] <= x) lo = mid;
    else hi = mid;
  }
  return x - points[lo][0] <= points[hi][0] - x ? points[lo][1] : points[hi][1];
}

const formatValue = (v: number | null) => (v === null ? "–" : formatRate(v, 4));

/**
 * The SVG from LineChart, replaced after hydration by a uPlot canvas that reads values on hover, zooms
 * by dragging (double-click resets), toggles series from its legend, switches to a log y axis and
 * smooths. Each uPlot series is one of ours twice over where smoothing applies: the raw curve faint,
 * its EMA on top (at weight 0 the EMA is the raw curve, so nothing needs rebuilding).
 */
export function ChartEnhancer({ series, bands, markers, xLabel, yLabel, logY: initialLog, height, smoothing: initialSmoothing, fineAxis, children }: ChartEnhancerProps) {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [mounted, setMounted] = useState(false);
  const [logY, setLogY] = useState(initialLog);
  const [smoothing, setSmoothing] = useState(initialSmoothing);
  // The page's own links (?log=1, ?smooth=0.6) navigate without remounting the chart: their new values
  // replace what the reader set here, as React advises, during render rather than in an effect.
  const [given, setGiven] = useState({ log: initialLog, smoothing: initialSmoothing });
  if (given.log !== initialLog || given.smoothing !== initialSmoothing) {
    setGiven({ log: initialLog, smoothing: initialSmoothing });
    setLogY(initialLog);
    setSmoothing(initialSmoothing);
  }
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [cursorX, setCursorX] = useState<number | null>(null);
  const [range, setRange] = useState<[number, number] | null>(null);
  // Finer points fetched for the zoomed range, per series label; previews stay for the rest.
  const [fine, setFine] = useState<Record<string, { from: number; to: number; points: Points }>>({});
  const rangeRef = useRef<[number, number] | null>(null);

  const smoothable = series.some((s) => !s.stepped);
  const breaks = useMemo(() => markers.map((m) => m.x), [markers]);
  const legendKeys = useMemo(() => [...new Map(series.map((s) => [s.legend ?? s.label, s.color])).entries()], [series]);

  /** Each series' points as drawn now: the preview, spliced with finer points inside the zoomed range. */
  const current = useMemo(
    () =>
      series.map((s): Points => {
        const finer = fine[s.label];
        if (!finer) return s.points;
        return [...s.points.filter((p) => p[0] < finer.from), ...finer.points, ...s.points.filter((p) => p[0] > finer.to)];
      }),
    [series, fine],
  );

  const data = useMemo((): uPlot.AlignedData => {
    const keep = (y: number | null) => (y === null || !Number.isFinite(y) || (logY && y <= 0) ? null : y);
    const tables: uPlot.AlignedData[] = [];
    series.forEach((s, i) => {
      const pts = current[i];
      const xs = pts.map((p) => p[0]);
      const raw = pts.map((p) => keep(p[1]));
      if (s.stepped) {
        tables.push([xs, raw]);
      } else {
        const finite = pts.filter((p): p is [number, number] => p[1] !== null && Number.isFinite(p[1]));
        const smoothed = new Map(smoothSegments(finite, smoothing, breaks).map(([x, y]) => [x, y]));
        tables.push([xs, raw, xs.map((x, j) => (raw[j] === null ? null : keep(smoothed.get(x) ?? null)))]);
      }
    });
    for (const band of bands) {
      const xs = band.points.map((p) => p.x);
      tables.push([xs, band.points.map((p) => keep(p.hi)), band.points.map((p) => keep(p.lo))]);
    }
    const nullModes = tables.map((t) => t.map(() => 1 as uPlot.JoinNullMode));
    return uPlot.join(tables, nullModes);
  }, [series, current, bands, smoothing, breaks, logY]);

  // Which uPlot series index belongs to which legend entry, and where each band's edges sit.
  const layout = useMemo(() => {
    const keyOf: string[] = [""];
    const seriesOpts: uPlot.Series[] = [{ label: xLabel ?? "x" }];
    for (const s of series) {
      const key = s.legend ?? s.label;
      const width = s.faint ? 1 : 2;
      const dash = s.dashed ? [5, 4] : undefined;
      if (s.stepped) {
        seriesOpts.push({ label: s.label, stroke: s.faint ? fade(s.color, 0.35) : s.color, width, dash, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false } });
        keyOf.push(key);
      } else {
        seriesOpts.push({ label: `${s.label} (raw)`, stroke: fade(s.color, s.faint ? 0.12 : 0.3), width: 1, points: { show: false } });
        seriesOpts.push({ label: s.label, stroke: s.faint ? fade(s.color, 0.45) : s.color, width, dash, points: { show: false } });
        keyOf.push(key, key);
      }
    }
    const bandOpts: uPlot.Band[] = [];
    for (const band of bands) {
      const hi = seriesOpts.length;
      seriesOpts.push({ label: `${band.label} (upper)`, stroke: "transparent", width: 0, points: { show: false } });
      seriesOpts.push({ label: `${band.label} (lower)`, stroke: "transparent", width: 0, points: { show: false } });
      keyOf.push(band.legend ?? band.label, band.legend ?? band.label);
      bandOpts.push({ series: [hi, hi + 1], fill: fade(band.color, 0.15) });
    }
    return { keyOf, seriesOpts, bandOpts };
  }, [series, bands, xLabel]);

  const dataRef = useRef(data);
  dataRef.current = data;

  useEffect(() => setMounted(true), []);

  // Built again only when the y scale's kind changes; data, smoothing and toggles are applied in place.
  useEffect(() => {
    const element = holder.current;
    if (!mounted || !element) return;
    let frame = 0;
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: true }, points: { show: false } },
      scales: { x: { time: false }, y: logY ? { distr: 3 } : {} },
      axes: [
        { label: xLabel, stroke: "#64748b", grid: { stroke: "#e2e8f0" }, font: "11px system-ui, sans-serif", labelFont: "12px system-ui, sans-serif" },
        {
          label: yLabel,
          stroke: "#64748b",
          grid: { stroke: "#e2e8f0" },
          font: "11px system-ui, sans-serif",
          labelFont: "12px system-ui, sans-serif",
          size: 56,
          values: (_u, splits) => splits.map((v) => (v === null ? "" : formatRate(v, 4))),
        },
      ],
      series: layout.seriesOpts,
      bands: layout.bandOpts,
      hooks: {
        setCursor: [
          (u) => {
            cancelAnimationFrame(frame);
            const left = u.cursor.left ?? -1;
            frame = requestAnimationFrame(() => setCursorX(left < 0 ? null : u.posToVal(left, "x")));
          },
        ],
        setScale: [
          (u, key) => {
            if (key !== "x") return;
            const { min, max } = u.scales.x;
            if (min === undefined || max === undefined) return;
            // setData and our own setScale report the same range again; a new array would refetch forever.
            const previous = rangeRef.current;
            if (previous && previous[0] === min && previous[1] === max) return;
            const next: [number, number] = [min, max];
            rangeRef.current = next;
            setRange(next);
          },
        ],
        draw: [
          (u) => {
            const { ctx, bbox } = u;
            ctx.save();
            ctx.lineWidth = Math.max(1, devicePixelRatio);
            ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
            for (const marker of markers) {
              const x = u.valToPos(marker.x, "x", true);
              if (x < bbox.left || x > bbox.left + bbox.width) continue;
              ctx.strokeStyle = marker.color ?? "#f59e0b";
              ctx.beginPath();
              ctx.moveTo(x, bbox.top);
              ctx.lineTo(x, bbox.top + bbox.height);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    };
    const chart = new uPlot(options, dataRef.current, element);
    plot.current = chart;
    const kept = rangeRef.current;
    if (kept) chart.setScale("x", { min: kept[0], max: kept[1] });
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // markers and labels come from the server and do not change while the page lives.
  }, [mounted, logY, layout, height, xLabel, yLabel, markers]);

  useEffect(() => {
    const chart = plot.current;
    if (!chart) return;
    const kept = rangeRef.current;
    chart.setData(data, kept === null);
    if (kept) chart.setScale("x", { min: kept[0], max: kept[1] });
  }, [data]);

  useEffect(() => {
    const chart = plot.current;
    if (!chart) return;
    layout.keyOf.forEach((key, i) => {
      if (i > 0 && chart.series[i].show !== !hidden.has(key)) chart.setSeries(i, { show: !hidden.has(key) });
    });
  }, [hidden, layout, logY]);

  // Zoomed in: after the drag settles, ask the series API for finer points of each run in the range.
  const extent = useMemo(() => {
    const xs = series.flatMap((s) => (s.points.length ? [s.points[0][0], s.points[s.points.length - 1][0]] : []));
    return xs.length ? [Math.min(...xs), Math.max(...xs)] : null;
  }, [series]);
  useEffect(() => {
    if (!fineAxis || !range || !extent) return;
    const fetchable = series.filter((s) => s.runId && s.metric);
    if (fetchable.length === 0) return;
    const zoomed = range[0] > extent[0] || range[1] < extent[1];
    if (!zoomed) {
      setFine((f) => (Object.keys(f).length ? {} : f));
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      const [from, to] = [Math.floor(range[0]), Math.ceil(range[1])];
      const results = await Promise.all(
        fetchable.map(async (s) => {
          const query = new URLSearchParams({ names: s.metric!, from: String(from), to: String(to), maxPoints: String(FINE_POINTS) });
          try {
            const response = await fetch(`/api/v1/runs/${s.runId}/series?${query}`, { signal: abort.signal });
            if (!response.ok) return null;
            const body = (await response.json()) as { series: Record<string, Points> };
            const points = body.series[s.metric!];
            return points?.length ? ([s.label, { from, to, points }] as const) : null;
          } catch {
            return null;
          }
        }),
      );
      if (!abort.signal.aborted) setFine(Object.fromEntries(results.filter((r) => r !== null)));
    }, ZOOM_FETCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [range, extent, fineAxis, series]);

  const toggle = useCallback((key: string) => {
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const readout =
    cursorX === null
      ? null
      : series
          .map((s, i) => ({ s, raw: valueNear(current[i], cursorX) }))
          .filter(({ s }) => !hidden.has(s.legend ?? s.label))
          .map(({ s, raw }) => {
            if (s.stepped || smoothing <= 0 || raw === null) return { label: s.label, color: s.color, value: formatValue(raw) };
            const finite = current[series.indexOf(s)].filter((p): p is [number, number] => p[1] !== null && Number.isFinite(p[1]));
            const smoothed = valueNear(smoothSegments(finite, smoothing, breaks), cursorX);
            return { label: s.label, color: s.color, value: `${formatValue(smoothed)} (raw ${formatValue(raw)})` };
          });
  const fullRange = !range || !extent || (range[0] <= extent[0] && range[1] >= extent[1]);

  return (
    <div
      data-testid="interactive-chart"
      data-enhanced={mounted ? "1" : "0"}
      data-log={logY ? "1" : "0"}
      data-zoomed={fullRange ? "0" : "1"}
      data-fine={Object.keys(fine).length}
      className="min-w-0"
    >
      {!mounted && children}
      {mounted && (
        <>
          <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-600">
            <label className="flex items-center gap-1">
              <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} /> log scale
            </label>
            {smoothable && (
              <label className="flex items-center gap-2">
                smoothing
                <input
                  type="range"
                  min={0}
                  max={0.99}
                  step={0.01}
                  value={smoothing}
                  onChange={(e) => setSmoothing(Number(e.target.value))}
                  aria-label="smoothing"
                  className="w-28"
                />
                <output className="w-8 tabular-nums">{smoothing.toFixed(2)}</output>
              </label>
            )}
            <span className="text-slate-400">drag to zoom · double-click to reset{fineAxis ? " · zooming loads finer points" : ""}</span>
          </div>
          <div ref={holder} className="w-full" data-testid="chart-canvas" />
          <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label="legend: click to show or hide">
            {legendKeys.map(([key, color]) => (
              <li key={key}>
                <button
                  type="button"
                  onClick={() => toggle(key)}
                  aria-pressed={!hidden.has(key)}
                  className={`flex items-center gap-1 rounded px-1 hover:bg-slate-100 ${hidden.has(key) ? "text-slate-400 line-through" : "text-slate-700"}`}
                >
                  <span className="inline-block h-2 w-4 rounded" style={{ background: hidden.has(key) ? "#cbd5e1" : color }} /> {key}
                </button>
              </li>
            ))}
          </ul>
          <div className="mt-1 min-h-5 text-xs text-slate-600" data-testid="chart-readout" aria-live="off">
            {readout && (
              <>
                <span className="font-medium">
                  {xLabel ?? "x"} {formatRate(cursorX!, 5)}:
                </span>{" "}
                {readout.map((r) => (
                  <span key={r.label} className="mr-3 inline-flex items-center gap-1 whitespace-nowrap">
                    <span className="inline-block h-2 w-2 rounded-full" style={{ background: r.color }} />
                    {r.label} <span className="tabular-nums" data-value>{r.value}</span>
                  </span>
                ))}
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}
