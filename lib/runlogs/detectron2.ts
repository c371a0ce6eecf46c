import { RunLogParseError } from "./errors";
import { readJsonRecords } from "./jsonl";
import { canonicalMetricName, sanitiseMetricName } from "./names";
import { SeriesCollector, type SeriesOptions } from "./series";
import type { ParsedRunLog } from "./types";

// Timing and progress fields of Detectron2's JSONWriter; `time` is seconds per iteration, not a clock.
const NOT_METRICS = new Set(["iteration", "time", "data_time", "eta_seconds", "rank_data_time"]);
// COCO-style evaluation results: bbox/AP, segm/AP50, keypoints/APs, ... in percent of AP, not accuracies.
const EVALUATION = /^(?:bbox|segm|keypoints)\//i;
const SIGNATURE = /"(?:data_time|eta_seconds|total_loss|bbox\/AP|segm\/AP)"/;

/**
 * Detectron2's metrics.json: one JSON object per line with `iteration` (the x, a step axis), losses,
 * `lr`, timings, and evaluation rows such as `bbox/AP`. `total_loss` is the training loss; evaluation
 * metrics keep their names and scale. wall_time adds up `time` (the seconds per iteration over the
 * logging window) times the iterations since the previous row.
 */
export function parseDetectron2(text: string): ParsedRunLog {
  const collector = new SeriesCollector("detectron2");
  let elapsed = 0;
  let previous = -1;
  for (const { line, fields } of readJsonRecords(text, "detectron2")) {
    const x = fields.get("iteration");
    if (typeof x !== "number" || !Number.isFinite(x)) {
      throw new RunLogParseError("detectron2", "the record needs a finite number 'iteration'", { line, column: "iteration" });
    }
    for (const [key, value] of fields) {
      if (typeof value !== "number" || NOT_METRICS.has(key)) continue;
      collector.add(key, x, value, { line, column: key }, seriesOptions(key));
    }
    const perIteration = fields.get("time");
    if (typeof perIteration === "number" && Number.isFinite(perIteration)) {
      // A resumed run starts counting again; its first window is not added twice.
      if (x > previous) elapsed += perIteration * (x - previous);
      previous = x;
      collector.add("time", x, elapsed, { line, column: "time" }, { name: "wall_time" });
    }
  }
  return collector.finish("step");
}

function seriesOptions(key: string): SeriesOptions {
  if (key === "total_loss") return { name: "train_loss" };
  if (EVALUATION.test(key)) return { name: sanitiseMetricName(key), metric: { direction: "max", isAccuracy: false } };
  return { name: canonicalMetricName(key) };
}

export function looksLikeDetectron2(text: string): boolean {
  const first = text.trimStart().split(/\r?\n/, 1)[0];
  return first.startsWith("{") && first.includes('"iteration"') && SIGNATURE.test(text);
}
