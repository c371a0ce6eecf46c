import { RunLogParseError } from "./errors";
import { parseNumberCell } from "./number";
import { SeriesCollector } from "./series";
import { decodeText, splitLines } from "./text";
import type { ParsedRunLog, XAxis } from "./types";
import { monotonicClock, type ClockReading } from "./wall-time";

interface Point {
  file: string;
  line: number;
  timestampMs: number;
  value: number;
  step: number;
}

/**
 * Where the run folder starts in a list of paths: the folder holding `metrics/` (or, for a run that
 * logged no metric, `meta.yaml`), or undefined when there is none. Several runs are refused.
 */
export function mlflowRoot(paths: Iterable<string>): string | undefined {
  const roots = new Set<string>();
  let metaRoot: string | undefined;
  for (const path of paths) {
    const metrics = /^(?:(.*?)\/)?metrics\/[^/]/.exec(path);
    if (metrics) roots.add(metrics[1] === undefined ? "" : `${metrics[1]}/`);
    const meta = /^(?:(.*)\/)?meta\.yaml$/.exec(path);
    if (meta) {
      const root = meta[1] === undefined ? "" : `${meta[1]}/`;
      if (metaRoot === undefined || root.length < metaRoot.length) metaRoot = root;
    }
  }
  if (roots.size > 1) {
    throw new RunLogParseError("mlflow", `the archive holds ${roots.size} runs (${[...roots].slice(0, 3).join(", ")}...); upload one run folder at a time`);
  }
  return roots.size === 1 ? [...roots][0] : metaRoot;
}

/**
 * An MLflow run folder (from the tracking store, or zipped): `meta.yaml`, `params/`, `tags/` and
 * `metrics/<name>` files of "timestamp value step" lines (timestamp in ms; old files have no step).
 * Nested names (metrics/val/acc) keep their path as the name, made canonical. x is the step, or the
 * time since the first value when a metric logs several values at one step (MLflow's default step
 * is 0). wall_time is the latest timestamp at each x, since the first one.
 */
export function parseMlflowRun(files: ReadonlyMap<string, Uint8Array>): ParsedRunLog {
  const root = mlflowRoot(files.keys());
  if (root === undefined) {
    throw new RunLogParseError("mlflow", "no MLflow run found: expected a folder with meta.yaml and metrics/<name> files");
  }
  const byMetric = new Map<string, Point[]>();
  for (const [path, content] of files) {
    if (!path.startsWith(`${root}metrics/`)) continue;
    const name = path.slice(root.length + "metrics/".length);
    const points: Point[] = [];
    for (const { line, text } of splitLines(decodeText(content))) {
      if (text.trim() === "") continue;
      const cells = text.trim().split(/\s+/);
      const numbers = cells.map((c) => parseNumberCell(c));
      const [timestampMs, value, step = 0] = numbers;
      if ((cells.length !== 2 && cells.length !== 3) || numbers.some((n) => typeof n !== "number") || !Number.isFinite(timestampMs) || !Number.isFinite(step)) {
        throw new RunLogParseError("mlflow", `expected "timestamp value step" (numbers), found '${text.slice(0, 60)}'`, { file: path, line });
      }
      points.push({ file: path, line, timestampMs: timestampMs as number, value: value as number, step: step as number });
    }
    byMetric.set(name, points);
  }
  const all = [...byMetric.values()].flat();
  if (all.length === 0) throw new RunLogParseError("mlflow", `the run folder holds no metric values (nothing under ${root}metrics/)`);
  const start = Math.min(...all.map((p) => p.timestampMs));
  const repeatsStep = [...byMetric.values()].some((points) => new Set(points.map((p) => p.step)).size < points.length);
  const axis: XAxis = repeatsStep ? "time" : "step";
  const xOf = (p: Point) => (axis === "time" ? (p.timestampMs - start) / 1000 : p.step);

  const collector = new SeriesCollector("mlflow");
  const clock: ClockReading[] = [];
  for (const [name, points] of byMetric) {
    for (const p of points) {
      collector.add(name, xOf(p), p.value, { file: p.file, line: p.line });
      clock.push({ x: xOf(p), seconds: (p.timestampMs - start) / 1000, line: p.line });
    }
  }
  // Metrics are separate files, so their readings at one x are merged: the latest reading of each x.
  clock.sort((a, b) => a.x - b.x || a.seconds - b.seconds);
  for (const { x, seconds } of monotonicClock(clock)) collector.add("\u0000wall_time", x, seconds, {}, { name: "wall_time" });
  return collector.finish(axis);
}
