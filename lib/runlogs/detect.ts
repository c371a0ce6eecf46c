import { readCsv, sniffDelimiter } from "./csv-table";
import { looksLikeDawnbench } from "./dawnbench";
import { looksLikeDetectron2 } from "./detectron2";
import { looksLikeMllog } from "./mllog";
import { decodeText } from "./text";
import { startsWithTfRecord } from "./tfrecord";
import type { RunLogFormat } from "./types";
import { looksLikeWandb } from "./wandb";
import { isZip } from "./zip";

const STEP_NAMES = ["step", "global_step", "iteration", "iter", "steps"];
// Only the start of a file is needed to tell formats apart.
const SNIFF_CHARS = 64 * 1024;

/**
 * The format of an upload, or undefined. Content decides; the filename only settles what content cannot:
 * a TensorBoard file too damaged to show its first header, or a table that fits several formats.
 */
export function detectFormat(data: Uint8Array | string, filename?: string): RunLogFormat | undefined {
  const base = (filename ?? "").split(/[\\/]/).pop()!.toLowerCase();
  if (typeof data !== "string" && startsWithTfRecord(data)) return "tensorboard";
  if (base.includes("tfevents")) return "tensorboard";
  if (typeof data !== "string" && isZip(data)) return "mlflow";

  const text = decodeText(typeof data === "string" ? data : data.subarray(0, SNIFF_CHARS * 4)).slice(0, SNIFF_CHARS);
  const start = text.trimStart();
  if (start.startsWith("{")) {
    if (/"format"\s*:\s*"lrbench"/.test(text)) return "lrbench-json";
    if (looksLikeDetectron2(text)) return "detectron2";
    if (looksLikeWandb(text)) return "wandb";
    return "jsonl";
  }
  if (looksLikeMllog(text)) return "mllog";
  if (start === "" || /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(start.slice(0, 4096))) return undefined;
  return detectTable(text, base);
}

function detectTable(text: string, base: string): RunLogFormat | undefined {
  // Only the header matters; cut at the first newline outside quotes without reading the whole table.
  let header: string[];
  try {
    header = (readCsv(text.trimStart().split(/\r?\n/, 1)[0], sniffDelimiter(text), "csv")[0]?.cells ?? []).map((h) => h.trim());
  } catch {
    return undefined;
  }
  const lower = header.map((h) => h.toLowerCase());
  if (looksLikeDawnbench(header)) return "dawnbench";
  if (looksLikeWandb(text)) return "wandb";
  const hasEpoch = lower.includes("epoch") || lower.includes("epochs");
  const hasStep = lower.some((h) => STEP_NAMES.includes(h));
  if (lower.includes("epoch") && lower.includes("step")) return "lightning-csv";
  if (header[0] === "epoch" && lower.includes("loss") && !hasStep && sniffDelimiter(text) === ",") return "keras-csv";
  if (hasEpoch || hasStep) return "csv";
  if (/\.(?:csv|tsv)$/.test(base) && header.length > 1) return "csv";
  return undefined;
}
