import { RunLogParseError } from "./errors";
import { isJsonObject, JsonSyntaxError, parseJson, type JsonValue } from "./json";
import { canonicalMetricName, CANONICAL_METRICS } from "./names";
import { SeriesCollector } from "./series";
import { splitLines } from "./text";
import type { ParsedRunLog, XAxis } from "./types";

export const MLLOG_MARKER = ":::MLLOG";

const EPOCH_KEYS = ["epoch_num", "epoch_count", "first_epoch_num"];
const STEP_KEYS = ["step_num"];

interface Event {
  line: number;
  key: string;
  value: JsonValue | undefined;
  timeMs: number | undefined;
  x: { epoch?: number; step?: number };
}

/**
 * MLPerf logging: lines holding `:::MLLOG {json}` among any other output (ignored). x is
 * metadata.epoch_num (or epoch_count, first_epoch_num); a log with none of those uses metadata.step_num
 * on a step axis. A known metric logged without a position (opt_base_learning_rate at init) belongs to
 * the epoch in progress, or the first one logged after it. wall_time is time_ms since the first record.
 */
export function parseMllog(text: string): ParsedRunLog {
  const events: Event[] = [];
  for (const { line, text: content } of splitLines(text)) {
    const at = content.indexOf(MLLOG_MARKER);
    if (at < 0) continue;
    let json: JsonValue;
    try {
      json = parseJson(content.slice(at + MLLOG_MARKER.length), line);
    } catch (error) {
      if (error instanceof JsonSyntaxError) throw new RunLogParseError("mllog", `invalid JSON after ${MLLOG_MARKER}: ${error.message}`, { line });
      throw error;
    }
    if (!isJsonObject(json) || typeof json.key !== "string") {
      throw new RunLogParseError("mllog", `expected a JSON object with a "key" after ${MLLOG_MARKER}`, { line });
    }
    const metadata = isJsonObject(json.metadata ?? null) ? (json.metadata as { [key: string]: JsonValue }) : {};
    const position = (keys: string[]) => {
      for (const key of keys) {
        const v = metadata[key];
        if (typeof v === "number" && Number.isFinite(v)) return v;
      }
      return undefined;
    };
    events.push({
      line,
      key: json.key,
      value: json.value,
      timeMs: typeof json.time_ms === "number" && Number.isFinite(json.time_ms) ? json.time_ms : undefined,
      x: { epoch: position(EPOCH_KEYS), step: position(STEP_KEYS) },
    });
  }
  if (events.length === 0) throw new RunLogParseError("mllog", `no ${MLLOG_MARKER} lines found`);

  const axis: XAxis = events.some((e) => e.x.epoch !== undefined) || !events.some((e) => e.x.step !== undefined) ? "epoch" : "step";
  const positionOf = (e: Event) => (axis === "epoch" ? e.x.epoch : e.x.step);
  const firstTime = events.find((e) => e.timeMs !== undefined)?.timeMs;
  const collector = new SeriesCollector("mllog");
  const known = new Set<string>(CANONICAL_METRICS);
  let current: number | undefined;
  const pending: Event[] = [];
  const add = (e: Event, x: number) => {
    collector.add(e.key, x, e.value as number, { line: e.line, column: e.key });
    if (e.timeMs !== undefined && firstTime !== undefined) {
      collector.add("time_ms", x, (e.timeMs - firstTime) / 1000, { line: e.line, column: "time_ms" }, { name: "wall_time" });
    }
  };
  for (const e of events) {
    const x = positionOf(e);
    if (x !== undefined) {
      current = x;
      pending.splice(0).forEach((p) => add(p, x));
    }
    if (typeof e.value !== "number") continue;
    if (x !== undefined) add(e, x);
    else if (known.has(canonicalMetricName(e.key))) {
      if (current !== undefined) add(e, current);
      else pending.push(e);
    }
  }
  pending.forEach((p) => add(p, 0));
  return collector.finish(axis);
}

export function looksLikeMllog(text: string): boolean {
  return text.includes(`${MLLOG_MARKER} {`) || text.includes(`${MLLOG_MARKER}{`);
}
