import { RunLogParseError } from "./errors";
import { EPOCH_COLUMNS, findColumn, readTable, rowTableLog, STEP_COLUMNS } from "./table";
import type { ParsedRunLog } from "./types";

/**
 * Any comma-, tab- or semicolon-separated table with an epoch or step column. With both, steps are the
 * x axis (they are unique per row where epochs repeat) and the epoch column is not a metric.
 */
export function parseCsv(text: string): ParsedRunLog {
  const table = readTable(text, "csv");
  const step = findColumn(table, STEP_COLUMNS);
  const epoch = findColumn(table, EPOCH_COLUMNS);
  if (step < 0 && epoch < 0) {
    throw new RunLogParseError("csv", `the header has no epoch or step column (found ${table.header.join(", ")})`, {
      line: table.headerLine,
    });
  }
  const counters = new Set([...EPOCH_COLUMNS, ...STEP_COLUMNS].map((name) => findColumn(table, [name])).filter((i) => i >= 0));
  const xColumn = step >= 0 ? step : epoch;
  counters.delete(xColumn);
  return rowTableLog(table, { xColumn, xAxis: step >= 0 ? "step" : "epoch", skip: counters });
}
