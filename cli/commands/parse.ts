import { readFile } from "node:fs/promises";
import path from "node:path";
import { Command, Option } from "commander";
import { parseRunLog, RUN_LOG_FORMATS, RunLogParseError, type RunLogFormat } from "../../lib/runlogs";
import { CliError, processIo, type CliIo } from "../io";

/** An io that can hand over standard input as bytes; TensorBoard files are binary. */
type BytesIo = CliIo & { readStdinBytes?: () => Promise<Uint8Array> };

/** FILE as bytes, or standard input for `-` (as bytes when the io can give them). */
export async function readBytes(file: string, io: BytesIo): Promise<Uint8Array> {
  if (file === "-") {
    if (io.readStdinBytes) return io.readStdinBytes();
    if (io === processIo) {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    }
    // An io that only gives text (tests): good for the text formats.
    return new TextEncoder().encode(await io.readStdin());
  }
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new CliError(`cannot read ${file}: ${reason}`);
  }
}

const HELP = `
Formats: ${RUN_LOG_FORMATS.join(", ")}; detected from the content unless --format is given.
Output: {"format", "xAxis": "epoch"|"step", "series": {name: [[x, value], ...]}} with canonical names
(lr, train_loss, train_acc, test_loss, test_acc, wall_time in seconds), accuracies as fractions.
NaN and Infinity values (a diverged run) are written as null, since JSON has no such numbers.`;

export function parseCommand(io: CliIo): Command {
  return new Command("parse")
    .description("read a training-run log (CSV, JSONL, TensorBoard, MLPerf, ...) and print it as normalised JSON")
    .argument("<file>", "run log, or - for standard input")
    .addOption(new Option("--format <name>", "skip detection and read the file as this format").choices(RUN_LOG_FORMATS))
    .addHelpText("after", HELP)
    .action(async (file: string, options: { format?: RunLogFormat }) => {
      const data = await readBytes(file, io);
      let log;
      try {
        log = parseRunLog(data, { format: options.format, filename: file === "-" ? undefined : path.basename(file) });
      } catch (error) {
        if (error instanceof RunLogParseError) throw new CliError(`${file === "-" ? "standard input" : file}: ${error.message}`);
        throw error;
      }
      io.stdout(`${JSON.stringify({ format: log.format, xAxis: log.xAxis, series: log.series })}\n`);
    });
}
