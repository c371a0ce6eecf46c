import path from "node:path";
import { Command, Option } from "commander";
import { parseRunLog, RUN_LOG_FORMATS, RunLogParseError, type RunLogFormat } from "../../lib/runlogs";
import { CliError, readBytes, type CliIo } from "../io";

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
