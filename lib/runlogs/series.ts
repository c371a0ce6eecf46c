import { RunLogParseError, type LogLocation } from "./errors";
import { canonicalMetricName, isAccuracyName, sanitiseMetricName } from "./names";
import { toPercentFraction } from "./percent";
import type { MetricInfo, ParsedRunLog, RunLogFormat, XAxis } from "./types";

interface RawPoint {
  x: number;
  y: number;
  at: LogLocation;
}

interface RawSeries {
  source: string;
  name: string;
  alwaysPercent: boolean;
  metric?: MetricInfo;
  points: RawPoint[];
}

export interface SeriesOptions {
  /** The name to publish it under; by default the canonical name of `source`. */
  name?: string;
  /** Accuracies that are percent by definition of the format (DAWNBench). */
  alwaysPercent?: boolean;
  /**
   * What the format says the metric is. It settles whether the percent rule applies (an MLPerf
   * eval_accuracy holding a word error rate is not an accuracy, whatever its key says) and is
   * published in ParsedRunLog.metrics.
   */
  metric?: MetricInfo;
}

/**
 * Collects points as a parser meets them, in file order, keyed by the name as logged, and turns them
 * into a ParsedRunLog: names made canonical, points sorted, accuracies made fractions.
 */
export class SeriesCollector {
  private readonly bySource = new Map<string, RawSeries>();

  constructor(private readonly format: RunLogFormat) {}

  add(source: string, x: number, y: number, at: LogLocation, options: SeriesOptions = {}): void {
    if (!Number.isFinite(x)) throw new RunLogParseError(this.format, `x value ${x} is not a finite number`, at);
    let series = this.bySource.get(source);
    if (!series) {
      series = {
        source,
        name: options.name ?? canonicalMetricName(source),
        alwaysPercent: options.alwaysPercent ?? false,
        ...(options.metric ? { metric: options.metric } : {}),
        points: [],
      };
      this.bySource.set(source, series);
    }
    series.points.push({ x, y, at });
  }

  get size(): number {
    return this.bySource.size;
  }

  /** Points of one series as logged so far (file order), for parsers that post-process. */
  pointsOf(source: string): readonly RawPoint[] {
    return this.bySource.get(source)?.points ?? [];
  }

  finish(xAxis: XAxis): ParsedRunLog {
    const taken = new Set<string>();
    const series: Record<string, [number, number][]> = {};
    const metrics: Record<string, MetricInfo> = {};
    for (const raw of this.bySource.values()) {
      if (raw.points.length === 0) continue;
      const name = this.uniqueName(raw, taken);
      taken.add(name);
      series[name] = this.normalise(raw, name);
      if (raw.metric) metrics[name] = raw.metric;
    }
    if (taken.size === 0) throw new RunLogParseError(this.format, "no metric values found in the file");
    return { format: this.format, xAxis, series, ...(Object.keys(metrics).length > 0 ? { metrics } : {}) };
  }

  // Two columns can claim one canonical name (loss and train_loss); the first one logged keeps it and
  // the other stays under its own name, so nothing is silently merged or lost.
  private uniqueName(raw: RawSeries, taken: Set<string>): string {
    for (const candidate of [raw.name, sanitiseMetricName(raw.source)]) {
      if (!taken.has(candidate)) return candidate;
    }
    for (let n = 2; ; n++) {
      const candidate = `${sanitiseMetricName(raw.source)}_${n}`;
      if (!taken.has(candidate)) return candidate;
    }
  }

  private normalise(raw: RawSeries, name: string): [number, number][] {
    // Stable sort, then the last point written for an x wins: a resumed run re-logs the epochs it redoes.
    const sorted = raw.points
      .map((point, order) => ({ point, order }))
      .sort((a, b) => a.point.x - b.point.x || a.order - b.order)
      .map(({ point }) => point);
    const points: RawPoint[] = [];
    for (const point of sorted) {
      if (points.length > 0 && points[points.length - 1].x === point.x) points[points.length - 1] = point;
      else points.push(point);
    }
    let values = points.map((p) => p.y);
    const accuracy = raw.metric ? raw.metric.isAccuracy : name !== "wall_time" && (isAccuracyName(name) || isAccuracyName(raw.source));
    if (accuracy) {
      const verdict = toPercentFraction(values, { alwaysPercent: raw.alwaysPercent });
      if (!verdict.ok) {
        const bad = points[verdict.index];
        const at = { ...bad.at, column: bad.at.column ?? raw.source };
        if (verdict.reason === "mixed") {
          const first = points[verdict.percentIndex];
          throw new RunLogParseError(
            this.format,
            `mixes percent and fraction values (${first.y} at ${describe(first.at)}, then ${bad.y})`,
            at,
          );
        }
        throw new RunLogParseError(this.format, `accuracy ${bad.y} is neither a fraction nor a percentage`, at);
      }
      values = verdict.values;
    }
    return points.map((p, i) => [p.x, values[i]]);
  }
}

function describe(at: LogLocation): string {
  if (at.line !== undefined) return `line ${at.line}`;
  if (at.record !== undefined) return `record ${at.record}`;
  return "an earlier point";
}
