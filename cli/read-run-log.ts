import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseRunFiles, parseRunLog, type ParsedRunLog, type RunLogFormat } from "../lib/runlogs";
import { CliError, readBytes, type CliIo } from "./io";

/**
 * A run log from a file, a run folder (MLflow: meta.yaml, metrics/), or standard input for `-`.
 * Throws RunLogParseError for a log it cannot read and CliError for a path it cannot open.
 */
export async function readRunLog(file: string, format: RunLogFormat | undefined, io: CliIo): Promise<ParsedRunLog> {
  if (file !== "-" && (await stat(file).catch(() => undefined))?.isDirectory()) return parseRunFiles(await readFolder(file), { format });
  return parseRunLog(await readBytes(file, io), { format, filename: file === "-" ? undefined : path.basename(file) });
}

// A run folder is small (an MLflow run's metrics and params); this keeps a wrong path like ~ from being read whole.
const MAX_FOLDER_FILES = 10_000;

async function readFolder(root: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    if (files.size >= MAX_FOLDER_FILES) throw new CliError(`${root}: more than ${MAX_FOLDER_FILES} files; give the run's own folder`);
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, full).split(path.sep).join("/"), new Uint8Array(await readFile(full)));
  }
  return files;
}
