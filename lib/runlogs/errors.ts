import { RUN_LOG_FORMATS, type RunLogFormat } from "./types";

/** Where in the upload a problem lies: a text line or a binary record (both counted from 1), and a column. */
export interface LogLocation {
  /** The file inside an archive or run folder (MLflow). */
  file?: string;
  line?: number;
  record?: number;
  column?: string | number;
}

/**
 * The only error parseRunLog throws. The message is meant for the person who uploaded the file, so it
 * names the format that was tried and the line or record (and column) at fault.
 */
export class RunLogParseError extends Error {
  readonly format: RunLogFormat | "unknown";
  readonly file?: string;
  readonly line?: number;
  readonly record?: number;
  readonly column?: string | number;

  constructor(format: RunLogFormat | "unknown", detail: string, at: LogLocation = {}) {
    super(formatMessage(format, detail, at));
    this.name = "RunLogParseError";
    this.format = format;
    if (at.file !== undefined) this.file = at.file;
    if (at.line !== undefined) this.line = at.line;
    if (at.record !== undefined) this.record = at.record;
    if (at.column !== undefined) this.column = at.column;
  }
}

function formatMessage(format: RunLogFormat | "unknown", detail: string, at: LogLocation): string {
  const where: string[] = [];
  if (at.file !== undefined) where.push(at.file);
  if (at.line !== undefined) where.push(`line ${at.line}`);
  if (at.record !== undefined) where.push(`record ${at.record}`);
  if (at.column !== undefined) where.push(typeof at.column === "number" ? `column ${at.column}` : `column '${at.column}'`);
  const prefix = format === "unknown" ? "" : `${format}: `;
  return `${prefix}${where.length > 0 ? `${where.join(", ")}: ` : ""}${detail}`;
}

export function unrecognisedFormat(): RunLogParseError {
  return new RunLogParseError("unknown", `could not recognise the format; expected one of ${RUN_LOG_FORMATS.join(", ")}`);
}
