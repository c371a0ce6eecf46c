import { RunLogParseError } from "./errors";
import { isJsonObject, JsonSyntaxError, parseJson, type JsonValue } from "./json";
import { qualityOf, QUALITY_KEY, type Quality, type QualityMetric } from "./mllog-quality";
import { canonicalMetricName, CANONICAL_METRICS } from "./names";
import { SeriesCollector } from "./series";
import { splitLines } from "./text";
import type { MetricInfo, ParsedRunLog, XAxis } from "./types";
import { monotonicClock, type ClockReading } from "./wall-time";

export const MLLOG_MARKER = ":::MLLOG";

// block_start carries first_epoch_num and epoch_count (how many epochs the block runs): the first is its position.
const POSITION_KEYS: [XAxis, string[]][] = [
  ["epoch", ["epoch_num", "first_epoch_num", "epoch_count"]],
  ["step", ["step_num"]],
  ["samples", ["samples_count"]],
];
// Interval markers (eval_start, epoch_stop, run_stop, ...) time the run; their values are not metrics.
const MARKER = /_(?:start|stop)$/;

type Position = Partial<Record<XAxis, number>>;

interface Event {
  line: number;
  key: string;
  value: JsonValue | undefined;
  /** metadata.metric: Stable Diffusion tells FID and CLIP apart by it. */
  tag: string | undefined;
  at: Position;
}

/** One value an event contributes: a plain number, one entry of a dict value, or a tagged value. */
interface Reading {
  source: string;
  value: number;
  metric?: QualityMetric;
}

/**
 * MLPerf logging: lines holding `:::MLLOG {json}` among any other output (ignored).
 *
 * - eval_accuracy is the benchmark's quality metric (see mllog-quality.ts), named by
 *   `submission_benchmark`; dict values and values tagged by metadata.metric become one series each.
 * - x is the first of metadata.epoch_num (or first_epoch_num, epoch_count), step_num and samples_count
 *   that tells the evaluations apart, else the time since the first record: some logs put every eval at
 *   epoch_num 1.
 * - A known metric logged without a position (the base LR at init) belongs to the x in progress, or
 *   the first one logged after it; other keys without a position (config) are skipped.
 * - wall_time is time_ms since the first record, from every event (markers included) whose x does not
 *   go back: end-of-run events logged at an earlier epoch must not move the clock backwards.
 */
export function parseMllog(text: string): ParsedRunLog {
  const events = readEvents(text);
  const benchmark = events.find((e) => (e.key === "submission_benchmark" || e.key === "benchmark") && typeof e.value === "string")?.value as
    | string
    | undefined;
  const quality = qualityOf(benchmark);
  const axis = chooseAxis(events);

  const collector = new SeriesCollector("mllog");
  const known = new Set<string>(CANONICAL_METRICS);
  const clock: ClockReading[] = [];
  let current: number | undefined;
  let furthest = -Infinity;
  const pending: Event[] = [];
  const plotted = new Set<number>();
  const add = (e: Event, x: number) => {
    plotted.add(x);
    for (const r of readings(e, quality)) {
      const { name, ...metric } = r.metric ?? {};
      collector.add(r.source, x, r.value, { line: e.line, column: e.key }, r.metric ? { name, metric: metric as MetricInfo } : {});
    }
  };
  for (const e of events) {
    const x = e.at[axis];
    if (x !== undefined) {
      current = x;
      pending.splice(0).forEach((p) => add(p, x));
      if (x >= furthest && e.at.time !== undefined) clock.push({ x, seconds: e.at.time, line: e.line });
      furthest = Math.max(furthest, x);
    }
    if (MARKER.test(e.key) || readings(e, quality).length === 0) continue;
    if (x !== undefined) add(e, x);
    else if (e.key === QUALITY_KEY || known.has(canonicalMetricName(e.key))) {
      if (current !== undefined) add(e, current);
      else pending.push(e);
    }
  }
  pending.forEach((p) => add(p, 0));
  // On a time axis every event has an x of its own; the clock is only wanted where something was measured.
  for (const { x, seconds, line } of monotonicClock(axis === "time" ? clock.filter((c) => plotted.has(c.x)) : clock)) {
    collector.add("time_ms", x, seconds, { line, column: "time_ms" }, { name: "wall_time" });
  }
  return collector.finish(axis);
}

function readEvents(text: string): Event[] {
  const events: Event[] = [];
  let firstTime: number | undefined;
  for (const { line, text: content } of splitLines(text)) {
    const marker = content.indexOf(MLLOG_MARKER);
    if (marker < 0) continue;
    let json: JsonValue;
    try {
      json = parseJson(content.slice(marker + MLLOG_MARKER.length), line);
    } catch (error) {
      if (error instanceof JsonSyntaxError) throw new RunLogParseError("mllog", `invalid JSON after ${MLLOG_MARKER}: ${error.message}`, { line });
      throw error;
    }
    if (!isJsonObject(json) || typeof json.key !== "string") {
      throw new RunLogParseError("mllog", `expected a JSON object with a "key" after ${MLLOG_MARKER}`, { line });
    }
    const metadata = isJsonObject(json.metadata ?? null) ? (json.metadata as { [key: string]: JsonValue }) : {};
    const timeMs = typeof json.time_ms === "number" && Number.isFinite(json.time_ms) ? json.time_ms : undefined;
    firstTime ??= timeMs;
    const at: Position = {};
    for (const [axis, keys] of POSITION_KEYS) {
      const key = keys.find((k) => typeof metadata[k] === "number" && Number.isFinite(metadata[k]));
      if (key !== undefined) at[axis] = metadata[key] as number;
    }
    if (timeMs !== undefined && firstTime !== undefined) at.time = (timeMs - firstTime) / 1000;
    events.push({ line, key: json.key, value: json.value, tag: typeof metadata.metric === "string" ? metadata.metric : undefined, at });
  }
  if (events.length === 0) throw new RunLogParseError("mllog", `no ${MLLOG_MARKER} lines found`);
  return events;
}

/**
 * The first axis that tells the quality evaluations apart: each has a position on it, and no two
 * (of one tag) share one. Without evaluations, the first axis any event has.
 */
function chooseAxis(events: Event[]): XAxis {
  const evals = events.filter((e) => e.key === QUALITY_KEY && e.value !== null && e.value !== undefined);
  for (const axis of ["epoch", "step", "samples"] as const) {
    if (evals.length === 0) {
      if (events.some((e) => e.at[axis] !== undefined)) return axis;
      continue;
    }
    const seen = new Set<string>();
    const apart = evals.every((e) => {
      const x = e.at[axis];
      const id = `${e.tag ?? ""}\u0000${x}`;
      if (x === undefined || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    if (apart) return axis;
  }
  if (evals.length > 0 && evals.every((e) => e.at.time !== undefined)) return "time";
  return "epoch";
}

function readings(e: Event, quality: Quality | undefined): Reading[] {
  const isQuality = e.key === QUALITY_KEY && quality !== undefined;
  const part = (sub: string): QualityMetric | undefined => {
    if (!isQuality) return undefined;
    return quality.parts?.[sub.toLowerCase()] ?? (quality.value ? { ...quality.value, name: `${quality.value.name}_${sub.toLowerCase()}` } : undefined);
  };
  if (typeof e.value === "number") {
    if (e.tag !== undefined) return [{ source: `${e.key}/${e.tag}`, value: e.value, metric: part(e.tag) }];
    return [{ source: e.key, value: e.value, metric: isQuality ? quality.value : undefined }];
  }
  if (e.value !== null && e.value !== undefined && isJsonObject(e.value)) {
    return Object.entries(e.value)
      .filter((entry): entry is [string, number] => typeof entry[1] === "number")
      .map(([sub, value]) => ({ source: `${e.key}/${sub}`, value, metric: part(sub) }));
  }
  return [];
}

export function looksLikeMllog(text: string): boolean {
  return text.includes(`${MLLOG_MARKER} {`) || text.includes(`${MLLOG_MARKER}{`);
}
