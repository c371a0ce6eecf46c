import { RunLogParseError } from "./errors";
import { isJsonObject, JsonSyntaxError, parseJson, type JsonValue } from "./json";
import { SeriesCollector } from "./series";
import { splitLines } from "./text";
import type { ParsedRunLog, RunLogFormat, XAxis } from "./types";
import { clockScale, relativeSeconds } from "./wall-time";

const STEP_KEYS = ["step", "global_step", "iteration", "iter"];
const EPOCH_KEYS = ["epoch"];

/**
 * One JSON object per line (blank lines ignored). Nested objects are flattened with '/', so
 * {"val": {"acc": 0.8}} is val/acc. The x axis is the step when any record has a step-like key
 * (step, global_step, iteration, iter), else the epoch; every record must then carry that key. Other
 * counters, strings, booleans and nulls are not metrics and are skipped.
 */
export function parseJsonl(text: string): ParsedRunLog {
  const records = readJsonRecords(text, "jsonl");
  const { key: xKey, axis } = chooseX(records);
  const counters = new Set([...STEP_KEYS, ...EPOCH_KEYS]);
  const collector = new SeriesCollector("jsonl");
  const clocks = new Map<string, { x: number; seconds: number; line: number }[]>();
  for (const { line, fields } of records) {
    const x = [...fields].find(([k]) => k.toLowerCase() === xKey)?.[1];
    if (x === undefined) throw new RunLogParseError("jsonl", `the record has no '${xKey}' field`, { line });
    if (typeof x !== "number" || !Number.isFinite(x)) {
      throw new RunLogParseError("jsonl", `'${xKey}' must be a finite number, got ${JSON.stringify(x) ?? String(x)}`, { line, column: xKey });
    }
    for (const [key, value] of fields) {
      if (typeof value !== "number" || counters.has(key.toLowerCase())) continue;
      const scale = clockScale(key);
      if (scale !== undefined) {
        if (!clocks.has(key)) clocks.set(key, []);
        clocks.get(key)!.push({ x, seconds: value * scale, line });
      } else collector.add(key, x, value, { line, column: key });
    }
  }
  for (const [key, readings] of clocks) {
    const seconds = relativeSeconds(readings.map((r) => r.seconds));
    readings.forEach((r, i) => collector.add(key, r.x, seconds[i], { line: r.line, column: key }, { name: "wall_time" }));
  }
  return collector.finish(axis);
}

export interface JsonRecord {
  line: number;
  fields: Map<string, JsonValue>;
}

/** The non-blank lines of a JSON-lines file as flattened records; a bad line is named. */
export function readJsonRecords(text: string, format: RunLogFormat): JsonRecord[] {
  const records: JsonRecord[] = [];
  for (const { line, text: content } of splitLines(text)) {
    if (content.trim() === "") continue;
    let value: JsonValue;
    try {
      value = parseJson(content, line);
    } catch (error) {
      if (error instanceof JsonSyntaxError) throw new RunLogParseError(format, `invalid JSON: ${error.message}`, { line });
      throw error;
    }
    if (!isJsonObject(value)) throw new RunLogParseError(format, "expected a JSON object on each line", { line });
    const fields = new Map<string, JsonValue>();
    flatten(value, "", fields);
    records.push({ line, fields });
  }
  if (records.length === 0) throw new RunLogParseError(format, "the file holds no records");
  return records;
}

// Objects with a "_type" are W&B media (histograms, images, tables), not metrics.
function flatten(value: { [key: string]: JsonValue }, prefix: string, into: Map<string, JsonValue>): void {
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix === "" ? key : `${prefix}/${key}`;
    if (isJsonObject(inner)) {
      if (!Object.hasOwn(inner, "_type")) flatten(inner, name, into);
    } else into.set(name, inner);
  }
}

function chooseX(records: JsonRecord[]): { key: string; axis: XAxis } {
  for (const [keys, axis] of [
    [STEP_KEYS, "step"],
    [EPOCH_KEYS, "epoch"],
  ] as const) {
    for (const { fields } of records) {
      for (const name of fields.keys()) {
        if (keys.includes(name.toLowerCase())) return { key: name.toLowerCase(), axis };
      }
    }
  }
  throw new RunLogParseError("jsonl", "no record has an epoch or step field", { line: records[0].line });
}
