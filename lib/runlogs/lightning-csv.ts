import { RunLogParseError } from "./errors";
import { canonicalMetricName } from "./names";
import { SeriesCollector } from "./series";
import { findColumn, readCell, readTable, type Table } from "./table";
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
  const epochs = inferEpochs(table, epochColumn, stepColumn);
  const columns: Column[] = [];
  table.header.forEach((name, index) => {
    if (name === "" || index === epochColumn || index === stepColumn) return;
    const readings: Reading[] = [];
    table.rows.forEach((row, i) => {
      const value = readCell(table, row, index);
      if (value === undefined) return;
      const step = readCell(table, row, stepColumn);
      if (step === undefined) {
        throw new RunLogParseError("lightning-csv", "the step is empty on a row with values", { line: row.line, column: table.header[stepColumn] });
      }
      readings.push({ epoch: epochs[i] ?? NaN, step, value, line: row.line });
    });
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
  // Without a single epoch in the file there is nothing to place the rows by but their steps.
  const epochAxis = epochs.some((e) => e !== undefined) && columns.some((c) => c.epochLevel && c.readings.length > 0);
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

/**
 * The epoch of each row. LearningRateMonitor writes its rows with the step but an empty epoch cell;
 * such a row belongs to the epoch another row at the same step names, else to the epoch in progress
 * at that step (the last one logged at an earlier step), else to the first one logged after it.
 */
function inferEpochs(table: Table, epochColumn: number, stepColumn: number): (number | undefined)[] {
  const known: { step: number; epoch: number }[] = [];
  const raw = table.rows.map((row) => {
    const epoch = readCell(table, row, epochColumn);
    const step = readCell(table, row, stepColumn);
    if (epoch !== undefined && step !== undefined) known.push({ step, epoch });
    return { epoch, step };
  });
  if (known.length === 0) return raw.map((r) => r.epoch);
  // Stable: among rows at one step, the first logged names its epoch.
  known.sort((a, b) => a.step - b.step);
  return raw.map(({ epoch, step }) => {
    if (epoch !== undefined || step === undefined) return epoch;
    // The first known row at or after this step.
    let lo = 0;
    let hi = known.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (known[mid].step < step) lo = mid + 1;
      else hi = mid;
    }
    if (lo < known.length && known[lo].step === step) return known[lo].epoch;
    return lo > 0 ? known[lo - 1].epoch : known[0].epoch;
  });
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
