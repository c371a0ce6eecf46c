import { RunLogParseError } from "./errors";
import { readJsonRecords } from "./jsonl";
import { SeriesCollector } from "./series";
import { findColumn, readTable, rowTableLog } from "./table";
import type { ParsedRunLog } from "./types";
import { relativeSeconds } from "./wall-time";

/**
 * A Weights & Biases history export: a CSV or JSON lines with `_step` (the x, a step axis), `_runtime`
 * (seconds since the run began) and `_timestamp` (Unix seconds, used when there is no `_runtime`).
 * Other `_` fields are W&B's own bookkeeping, and media (objects with a `_type`) are not metrics.
 */
export function parseWandb(text: string): ParsedRunLog {
  return text.trimStart().startsWith("{") ? parseWandbJsonl(text) : parseWandbCsv(text);
}

function parseWandbCsv(text: string): ParsedRunLog {
  const table = readTable(text, "wandb");
  const step = findColumn(table, ["_step"]);
  if (step < 0) throw new RunLogParseError("wandb", "the header has no '_step' column", { line: table.headerLine });
  const clockName = findColumn(table, ["_runtime"]) >= 0 ? "_runtime" : "_timestamp";
  const skip = new Set(table.header.flatMap((name, i) => (name.startsWith("_") && name !== clockName ? [i] : [])));
  return rowTableLog(table, { xColumn: step, xAxis: "step", skip, clock: (name) => (name === clockName ? 1 : undefined) });
}

function parseWandbJsonl(text: string): ParsedRunLog {
  const records = readJsonRecords(text, "wandb");
  const clockName = records.some((r) => typeof r.fields.get("_runtime") === "number") ? "_runtime" : "_timestamp";
  const collector = new SeriesCollector("wandb");
  const clock: { x: number; seconds: number; line: number }[] = [];
  for (const { line, fields } of records) {
    const x = fields.get("_step");
    if (typeof x !== "number" || !Number.isFinite(x)) throw new RunLogParseError("wandb", "the record needs a finite number '_step'", { line, column: "_step" });
    for (const [key, value] of fields) {
      if (typeof value !== "number") continue;
      if (key === clockName) clock.push({ x, seconds: value, line });
      else if (!key.startsWith("_")) collector.add(key, x, value, { line, column: key });
    }
  }
  const seconds = relativeSeconds(clock.map((c) => c.seconds));
  clock.forEach((c, i) => collector.add(clockName, c.x, seconds[i], { line: c.line, column: clockName }, { name: "wall_time" }));
  return collector.finish("step");
}

export function looksLikeWandb(text: string): boolean {
  const first = text.trimStart().split(/\r?\n/, 1)[0];
  if (first.startsWith("{")) return /"_step"\s*:/.test(first);
  return /(?:^|[,\t;"])_step(?:[,\t;"]|$)/.test(first) && /(?:^|[,\t;"])_(?:runtime|timestamp)(?:[,\t;"]|$)/.test(first);
}
