import { Command, Option } from "commander";
import { RUN_LOG_FORMATS, RunLogParseError, type RunLogFormat } from "../../lib/runlogs";
import { CliError, type CliIo } from "../io";
import { readRunLog } from "../read-run-log";

const HELP = `
Formats: ${RUN_LOG_FORMATS.join(", ")}; detected from the content unless --format is given.
A folder (an MLflow run: meta.yaml, metrics/) or a zip archive of one is read as one run.
Output: one line of JSON per FILE, in the order given:
{"file", "format", "xAxis": "epoch"|"step"|"samples"|"time", "series": {name: [[x, value], ...]}, "metrics"?}
with canonical names (lr, train_loss, train_acc, test_loss, test_acc, wall_time in seconds), accuracies
as fractions, and "metrics" giving {direction: "max"|"min", isAccuracy} where the format states it
(MLPerf's eval_wer, eval_log_perplexity, bbox_map, fid, ... are not accuracies).
NaN and Infinity values (a diverged run) are written as null, since JSON has no such numbers.
A file that cannot be read is reported on stderr; the others are still printed, and the exit code is 1.`;

export function parseCommand(io: CliIo): Command {
  return new Command("parse")
    .description("read training-run logs (CSV, JSONL, TensorBoard, MLPerf, MLflow, W&B, ...) and print each as normalised JSON")
    .argument("<file...>", "run logs or MLflow run folders, or - for standard input")
    .addOption(new Option("--format <name>", "skip detection and read every file as this format").choices(RUN_LOG_FORMATS))
    .addHelpText("after", HELP)
    .action(async (files: string[], options: { format?: RunLogFormat }) => {
      const failures: string[] = [];
      for (const file of files) {
        const name = file === "-" ? "standard input" : file;
        try {
          const log = await readRunLog(file, options.format, io);
          io.stdout(`${JSON.stringify({ file, format: log.format, xAxis: log.xAxis, series: log.series, ...(log.metrics ? { metrics: log.metrics } : {}) })}\n`);
        } catch (error) {
          if (error instanceof RunLogParseError) failures.push(`${name}: ${error.message}`);
          else if (error instanceof CliError) failures.push(error.message);
          else throw error;
        }
      }
      if (failures.length > 0) throw new CliError(failures.join("\nlrbench: "));
    });
}
