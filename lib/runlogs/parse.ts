import { parseCsv } from "./csv";
import { parseDawnbench } from "./dawnbench";
import { detectFormat } from "./detect";
import { RunLogParseError, unrecognisedFormat } from "./errors";
import { parseJsonl } from "./jsonl";
import { parseKerasCsv } from "./keras-csv";
import { parseLightningCsv } from "./lightning-csv";
import { parseLrbenchJson } from "./lrbench-json";
import { parseMllog } from "./mllog";
import { parseTensorboard } from "./tensorboard";
import { decodeText } from "./text";
import { isRunLogFormat, RUN_LOG_FORMATS, type ParsedRunLog, type ParseRunLogOptions, type RunLogFormat } from "./types";

const TEXT_PARSERS: Record<Exclude<RunLogFormat, "tensorboard">, (text: string) => ParsedRunLog> = {
  "lrbench-json": parseLrbenchJson,
  jsonl: parseJsonl,
  "keras-csv": parseKerasCsv,
  "lightning-csv": parseLightningCsv,
  csv: parseCsv,
  dawnbench: parseDawnbench,
  mllog: parseMllog,
};

/**
 * Reads a training-run log in any supported format into one shape. The format is detected from the
 * content (the filename is only a hint) unless given. Throws RunLogParseError and nothing else for bad input.
 */
export function parseRunLog(data: Uint8Array | string, options: ParseRunLogOptions = {}): ParsedRunLog {
  if (options.format !== undefined && !isRunLogFormat(options.format)) {
    throw new RunLogParseError("unknown", `unknown format '${String(options.format)}'; expected one of ${RUN_LOG_FORMATS.join(", ")}`);
  }
  const format = options.format ?? detectFormat(data, options.filename);
  if (format === undefined) throw unrecognisedFormat();
  if (format === "tensorboard") return parseTensorboard(typeof data === "string" ? binaryString(data) : data);
  return TEXT_PARSERS[format](decodeText(data));
}

// A binary file handed over as a string was read one byte per character (latin1); anything else is text.
function binaryString(data: string): Uint8Array {
  if (!/[^\u0000-\u00ff]/.test(data)) return Uint8Array.from(data, (c) => c.charCodeAt(0));
  return new TextEncoder().encode(data);
}
