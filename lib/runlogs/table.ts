import { readCsv, sniffDelimiter, type CsvRow } from "./csv-table";
import { RunLogParseError } from "./errors";
import { parseNumberCell, quoteCell } from "./number";
import { SeriesCollector, type SeriesOptions } from "./series";
import type { ParsedRunLog, RunLogFormat, XAxis } from "./types";
import { clockScale, relativeSeconds } from "./wall-time";

export interface Table {
  format: RunLogFormat;
  header: string[];
  headerLine: number;
  rows: CsvRow[];
  decimalComma: boolean;
}

/** Header and rows of a delimited text table, every row as wide as the header. */
export function readTable(text: string, format: RunLogFormat): Table {
  const delimiter = sniffDelimiter(text);
  const [head, ...rows] = readCsv(text, delimiter, format);
  if (!head) throw new RunLogParseError(format, "the file is empty");
  const header = head.cells.map((name) => name.trim());
  const seen = new Set<string>();
  header.forEach((name) => {
    if (name === "") return;
    if (seen.has(name)) throw new RunLogParseError(format, "the header names this column twice", { line: head.line, column: name });
    seen.add(name);
  });
  for (const row of rows) {
    if (row.cells.length !== header.length) {
      throw new RunLogParseError(
        format,
        `expected ${header.length} cells as in the header, found ${row.cells.length}`,
        { line: row.line },
      );
    }
  }
  return { format, header, headerLine: head.line, rows, decimalComma: delimiter === ";" };
}

/** A numeric cell, undefined when empty; anything else is the uploader's error, named by line and column. */
export function readCell(table: Table, row: CsvRow, column: number): number | undefined {
  const value = parseNumberCell(row.cells[column], table.decimalComma);
  if (value === "absent") return undefined;
  if (value === "invalid") {
    throw new RunLogParseError(table.format, `${quoteCell(row.cells[column].trim())} is not a number`, {
      line: row.line,
      column: table.header[column],
    });
  }
  return value;
}

export function findColumn(table: Table, names: readonly string[]): number {
  for (const name of names) {
    const index = table.header.findIndex((h) => h.toLowerCase() === name);
    if (index >= 0) return index;
  }
  return -1;
}

export const EPOCH_COLUMNS = ["epoch", "epochs"] as const;
export const STEP_COLUMNS = ["step", "global_step", "iteration", "iter", "steps"] as const;

export interface RowTableOptions {
  xColumn: number;
  xAxis: XAxis;
  /** Columns that are neither metrics nor the x column (other counters). */
  skip?: ReadonlySet<number>;
  seriesOptions?: (header: string) => SeriesOptions;
  /** Seconds per unit for a clock column; defaults to the common clock names. */
  clock?: (header: string) => number | undefined;
}

// A column with no number in it at all (notes, phase names, ISO dates) is not a metric and is skipped;
// one number makes it a metric, and then every other non-empty cell must be a number too.
function textColumns(table: Table): Set<number> {
  const text = new Set<number>();
  table.header.forEach((_, column) => {
    const cells = table.rows.map((row) => parseNumberCell(row.cells[column], table.decimalComma));
    if (cells.includes("invalid") && cells.every((cell) => typeof cell !== "number")) text.add(column);
  });
  return text;
}

/** One row per x: every other named column is a series; clock columns become wall_time. */
export function rowTableLog(table: Table, options: RowTableOptions): ParsedRunLog {
  const collector = new SeriesCollector(table.format);
  const text = textColumns(table);
  const clock = options.clock ?? clockScale;
  const xName = table.header[options.xColumn];
  const clocks = new Map<number, { x: number; seconds: number; line: number }[]>();
  for (const row of table.rows) {
    const x = readCell(table, row, options.xColumn);
    if (x === undefined) throw new RunLogParseError(table.format, "the x value is empty", { line: row.line, column: xName });
    table.header.forEach((name, column) => {
      if (name === "" || column === options.xColumn || options.skip?.has(column) || text.has(column)) return;
      const value = readCell(table, row, column);
      if (value === undefined) return;
      const scale = clock(name);
      if (scale !== undefined) {
        if (!clocks.has(column)) clocks.set(column, []);
        clocks.get(column)!.push({ x, seconds: value * scale, line: row.line });
      } else {
        collector.add(name, x, value, { line: row.line, column: name }, options.seriesOptions?.(name));
      }
    });
  }
  for (const [column, readings] of clocks) {
    const seconds = relativeSeconds(readings.map((r) => r.seconds));
    readings.forEach((r, i) =>
      collector.add(table.header[column], r.x, seconds[i], { line: r.line, column: table.header[column] }, { name: "wall_time" }),
    );
  }
  return collector.finish(options.xAxis);
}
