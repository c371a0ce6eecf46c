import { parseCsv } from "./csv";
import { parseDawnbench } from "./dawnbench";
import { parseDetectron2 } from "./detectron2";
import { detectFormat } from "./detect";
import { RunLogParseError, unrecognisedFormat } from "./errors";
import { parseJsonl } from "./jsonl";
import { parseKerasCsv } from "./keras-csv";
import { parseLightningCsv } from "./lightning-csv";
import { parseLrbenchJson } from "./lrbench-json";
import { mlflowRoot, parseMlflowRun } from "./mlflow";
import { parseMllog } from "./mllog";
import { parseTensorboard } from "./tensorboard";
import { decodeText } from "./text";
import { isRunLogFormat, RUN_LOG_FORMATS, type ParsedRunLog, type ParseRunLogOptions, type RunLogFormat } from "./types";
import { parseWandb } from "./wandb";
import { isZip, readZip, readZipAsync } from "./zip";

const TEXT_PARSERS: Record<Exclude<RunLogFormat, "tensorboard" | "mlflow">, (text: string) => ParsedRunLog> = {
  "lrbench-json": parseLrbenchJson,
  jsonl: parseJsonl,
  "keras-csv": parseKerasCsv,
  "lightning-csv": parseLightningCsv,
  csv: parseCsv,
  dawnbench: parseDawnbench,
  mllog: parseMllog,
  detectron2: parseDetectron2,
  wandb: parseWandb,
};

/**
 * Reads a training-run log in any supported format into one shape. The format is detected from the
 * content (the filename is only a hint) unless given. A zip archive is read as the run folder it holds
 * (MLflow) or as the one log inside it. Throws RunLogParseError and nothing else for bad input.
 */
export function parseRunLog(data: Uint8Array | string, options: ParseRunLogOptions = {}): ParsedRunLog {
  assertKnownFormat(options);
  if (typeof data !== "string" && isZip(data)) return parseRunFiles(readZip(data), options);
  const format = options.format ?? detectFormat(data, options.filename);
  if (format === undefined) throw unrecognisedFormat();
  if (format === "tensorboard") return parseTensorboard(typeof data === "string" ? binaryString(data) : data);
  if (format === "mlflow") {
    throw new RunLogParseError("mlflow", "an MLflow run is a folder: upload it as a zip archive (or give lrbench parse the folder)");
  }
  return TEXT_PARSERS[format](decodeText(data));
}

/**
 * parseRunLog for where Node's zlib is missing (a browser): a zip archive is unpacked with the platform's
 * DecompressionStream, everything else read exactly as parseRunLog reads it.
 */
export async function parseRunLogAsync(data: Uint8Array, options: ParseRunLogOptions = {}): Promise<ParsedRunLog> {
  assertKnownFormat(options);
  if (isZip(data)) return parseRunFiles(await readZipAsync(data), options);
  return parseRunLog(data, options);
}

function assertKnownFormat(options: ParseRunLogOptions): void {
  if (options.format !== undefined && !isRunLogFormat(options.format)) {
    throw new RunLogParseError("unknown", `unknown format '${String(options.format)}'; expected one of ${RUN_LOG_FORMATS.join(", ")}`);
  }
}

/**
 * Reads a run folder given as its files by relative path: an MLflow run (meta.yaml, metrics/), or a
 * folder (or zip) holding a single log file.
 */
export function parseRunFiles(all: ReadonlyMap<string, Uint8Array>, options: ParseRunLogOptions = {}): ParsedRunLog {
  const files = new Map([...all].filter(([name]) => !OS_CLUTTER.test(name)));
  if (options.format === "mlflow" || (options.format === undefined && mlflowRoot(files.keys()) !== undefined)) return parseMlflowRun(files);
  if (files.size === 1) {
    const [[name, content]] = files;
    return parseRunLog(content, { ...options, filename: name });
  }
  throw new RunLogParseError(
    options.format ?? "unknown",
    `expected an MLflow run (meta.yaml and metrics/<name> files) or a single log file, found ${files.size} files`,
  );
}

// What macOS's Finder adds to the zips it makes: resource forks and folder settings, not run files.
const OS_CLUTTER = /(?:^|\/)(?:__MACOSX\/|\._|\.DS_Store$)/;

// A binary file handed over as a string was read one byte per character (latin1); anything else is text.
function binaryString(data: string): Uint8Array {
  if (!/[^\u0000-\u00ff]/.test(data)) return Uint8Array.from(data, (c) => c.charCodeAt(0));
  return new TextEncoder().encode(data);
}
