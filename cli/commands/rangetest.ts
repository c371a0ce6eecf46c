import { Command, Option } from "commander";
import { analyseRangeTest, rangeTestPoints, schedulesFromRangeTest } from "../../lib/analysis/range-test";
import { RUN_LOG_FORMATS, RunLogParseError, type RunLogFormat } from "../../lib/runlogs";
import { CliError, type CliIo } from "../io";
import { readRunLog } from "../read-run-log";

const HELP = `
FILE is a range-test log in any format \`lrbench parse\` reads, with the rate (lr) and the training
loss (train_loss) at each step. Prints fastai's suggestions (steepest descent of the smoothed loss,
minimum / 10, valley) and Smith's bounds for a cyclical schedule, each with its reasoning, then
budget-relative CLR, 1cycle and StepDecay definitions built on them (--json: all of it as JSON).`;

const fmt = (lr: number) => lr.toPrecision(3);

export function rangeTestCommand(io: CliIo): Command {
  return new Command("rangetest")
    .description("suggest learning rates from an LR range test's log")
    .argument("<file>", "the range test's log, or - for standard input")
    .addOption(new Option("--format <name>", "skip detection and read the file as this format").choices(RUN_LOG_FORMATS))
    .option("--json", "print the analysis as JSON")
    .addHelpText("after", HELP)
    .action(async (file: string, options: { format?: RunLogFormat; json?: boolean }) => {
      let log;
      try {
        log = await readRunLog(file, options.format, io);
      } catch (error) {
        if (error instanceof RunLogParseError) throw new CliError(`${file === "-" ? "standard input" : file}: ${error.message}`);
        throw error;
      }
      for (const name of ["lr", "train_loss"]) {
        if (!log.series[name]?.length) throw new CliError(`${file}: no '${name}' series; a range test needs the rate and the training loss at each step (found: ${Object.keys(log.series).join(", ") || "none"})`);
      }
      const analysis = analyseRangeTest(rangeTestPoints(log.series.lr, log.series.train_loss));
      const schedules = schedulesFromRangeTest(analysis);
      if (options.json) {
        const { points, ...rest } = analysis;
        io.stdout(`${JSON.stringify({ file, points: points.length, ...rest, schedules })}\n`);
        return;
      }
      if (analysis.problem && !analysis.steep) throw new CliError(`${file}: ${analysis.problem}`);
      const lines = [
        `${file}: ${analysis.points.length} steps used (up to where the smoothed loss passed 4x its best, if it did)`,
        analysis.steep && `steepest      ${fmt(analysis.steep.lr)}  ${analysis.steep.reason}`,
        analysis.valley && `valley        ${fmt(analysis.valley.lr)}  ${analysis.valley.reason}`,
        analysis.minimum && `minimum / 10  ${fmt(analysis.minimum.lr)}  ${analysis.minimum.reason}`,
        analysis.cyclical ? `cyclical      base ${fmt(analysis.cyclical.base)}, max ${fmt(analysis.cyclical.max)}: ${analysis.cyclical.reason}` : `cyclical      none: ${analysis.problem}`,
        ...schedules.map((s) => `${s.label.padEnd(13)} ${JSON.stringify(s.definition)}`),
      ];
      io.stdout(`${lines.filter(Boolean).join("\n")}\n`);
    });
}
