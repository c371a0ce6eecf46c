import { RunLogParseError } from "./errors";
import { findColumn, readTable, rowTableLog } from "./table";
import type { ParsedRunLog } from "./types";

/**
 * Keras' CSVLogger: `epoch` then the logs' keys (loss, accuracy, val_*, learning_rate or lr), one row per
 * epoch. Epochs stay as Keras counts them, from 0.
 */
export function parseKerasCsv(text: string): ParsedRunLog {
  const table = readTable(text, "keras-csv");
  const epoch = findColumn(table, ["epoch"]);
  if (epoch < 0) throw new RunLogParseError("keras-csv", "the header has no 'epoch' column", { line: table.headerLine });
  return rowTableLog(table, { xColumn: epoch, xAxis: "epoch" });
}
