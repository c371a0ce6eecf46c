import { RunLogParseError } from "./errors";
import { canonicalMetricName } from "./names";
import { SeriesCollector } from "./series";
import { findColumn, readCell, readTable } from "./table";
import type { ParsedRunLog } from "./types";
import { clockScale, relativeSeconds } from "./wall-time";

interface Reading {
  epoch: number;
  step: number;
  value: number;
  line: number;
}

interface Column {
  name: string;
  /** The name without Lightning's _step/_epoch suffix, made canonical (or wall_time for a clock). */
  canonical: string;
  epochLevel: boolean;
  isClock: boolean;
  readings: Reading[];
}

/**
 * PyTorch Lightning's CSVLogger metrics.csv: epoch and step columns, and sparse rows (training metrics on
 * some, validation metrics on others; an empty cell means not logged there).
 *
 * A column is epoch-level when its name ends in _epoch, or when it has at most one value per epoch
 * (validation metrics, LearningRateMonitor with logging_interval="epoch"); it is step-level when its
 * name ends in _step or it has several values in some epoch. When any column is epoch-level the x axis
 * is the epoch: a step-level column whose canonical name an epoch-level column already provides
 * (train_loss_step next to train_loss_epoch) is left out, and any other step-level column is reduced to
 * its mean over each epoch, as Lightning's own on_epoch reduction does (a clock to its last reading).
 * Otherwise the x axis is the step and every column is used as logged.
 */
export function parseLightningCsv(text: string): ParsedRunLog {
  const table = readTable(text, "lightning-csv");
  const epochColumn = findColumn(table, ["epoch"]);
  const stepColumn = findColumn(table, ["step"]);
  if (epochColumn < 0 || stepColumn < 0) {
    throw new RunLogParseError("lightning-csv", "the header needs both an 'epoch' and a 'step' column", { line: table.headerLine });
  }
  const columns: Column[] = [];
  table.header.forEach((name, index) => {
    if (name === "" || index === epochColumn || index === stepColumn) return;
    const readings: Reading[] = [];
    for (const row of table.rows) {
      const value = readCell(table, row, index);
      if (value === undefined) continue;
      const epoch = readCell(table, row, epochColumn);
      const step = readCell(table, row, stepColumn);
      if (epoch === undefined || step === undefined) {
        throw new RunLogParseError("lightning-csv", `the ${epoch === undefined ? "epoch" : "step"} is empty on a row with values`, {
          line: row.line,
          column: epoch === undefined ? table.header[epochColumn] : table.header[stepColumn],
        });
      }
      readings.push({ epoch, step, value, line: row.line });
    }
    const scale = clockScale(name);
    if (scale !== undefined) {
      const seconds = relativeSeconds(readings.map((r) => r.value * scale));
      readings.forEach((r, i) => (r.value = seconds[i]));
    }
    columns.push({
      name,
      canonical: scale !== undefined ? "wall_time" : canonicalMetricName(name.replace(/_(?:step|epoch)$/i, "")),
      epochLevel: classifyEpochLevel(name, readings),
      isClock: scale !== undefined,
      readings,
    });
  });

  const collector = new SeriesCollector("lightning-csv");
  const epochAxis = columns.some((c) => c.epochLevel && c.readings.length > 0);
  const fromEpochLevel = new Set(columns.filter((c) => c.epochLevel && c.readings.length > 0).map((c) => c.canonical));
  for (const column of columns) {
    const at = (r: Reading) => ({ line: r.line, column: column.name });
    if (!epochAxis) {
      column.readings.forEach((r) => collector.add(column.name, r.step, r.value, at(r), { name: column.canonical }));
    } else if (column.epochLevel) {
      column.readings.forEach((r) => collector.add(column.name, r.epoch, r.value, at(r), { name: column.canonical }));
    } else if (!fromEpochLevel.has(column.canonical)) {
      for (const group of byEpoch(column.readings)) {
        const last = group[group.length - 1];
        const value = column.isClock ? last.value : group.reduce((sum, r) => sum + r.value, 0) / group.length;
        collector.add(column.name, last.epoch, value, at(last), { name: column.canonical });
      }
    }
  }
  return collector.finish(epochAxis ? "epoch" : "step");
}

function classifyEpochLevel(name: string, readings: Reading[]): boolean {
  if (/_step$/i.test(name)) return false;
  if (/_epoch$/i.test(name)) return true;
  const perEpoch = new Map<number, number>();
  for (const r of readings) {
    const count = (perEpoch.get(r.epoch) ?? 0) + 1;
    if (count > 1) return false;
    perEpoch.set(r.epoch, count);
  }
  return true;
}

function byEpoch(readings: Reading[]): Reading[][] {
  const groups = new Map<number, Reading[]>();
  for (const r of readings) {
    if (!groups.has(r.epoch)) groups.set(r.epoch, []);
    groups.get(r.epoch)!.push(r);
  }
  return [...groups.values()];
}
