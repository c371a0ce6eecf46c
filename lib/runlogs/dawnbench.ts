import { RunLogParseError } from "./errors";
import { canonicalMetricName } from "./names";
import type { SeriesOptions } from "./series";
import { findColumn, readTable, rowTableLog } from "./table";
import type { ParsedRunLog } from "./types";

const TOPK_ACCURACY = /^top(\d+)accuracy$/i;

/**
 * DAWNBench submissions: a TSV of epoch, hours (training time so far) and top-k accuracies in percent,
 * measured on the validation set.
 */
export function parseDawnbench(text: string): ParsedRunLog {
  const table = readTable(text, "dawnbench");
  const epoch = findColumn(table, ["epoch"]);
  if (epoch < 0) throw new RunLogParseError("dawnbench", "the header has no 'epoch' column", { line: table.headerLine });
  return rowTableLog(table, {
    xColumn: epoch,
    xAxis: "epoch",
    clock: (name) => (name.toLowerCase() === "hours" ? 3600 : undefined),
    seriesOptions: (name): SeriesOptions =>
      TOPK_ACCURACY.test(name) ? { name: canonicalMetricName(`test_${name}`), alwaysPercent: true } : {},
  });
}

export function looksLikeDawnbench(header: readonly string[]): boolean {
  const lower = header.map((h) => h.trim().toLowerCase());
  return lower.includes("epoch") && lower.includes("hours") && header.some((h) => TOPK_ACCURACY.test(h.trim()));
}
