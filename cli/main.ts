import { Command, CommanderError } from "commander";
import { adminCommand } from "./commands/admin";
import { parseCommand } from "./commands/parse";
import { scheduleCommand } from "./commands/schedule";
import { uploadCommand } from "./commands/upload";
import { workerCommand } from "./commands/worker";
import { CliError, processIo, type CliIo } from "./io";

export function buildProgram(io: CliIo): Command {
  const program = new Command("lrbench")
    .description("lrbench: learning-rate schedules, measured")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program.addCommand(scheduleCommand(io));
  program.addCommand(adminCommand(io));
  program.addCommand(parseCommand(io));
  program.addCommand(uploadCommand(io));
  program.addCommand(workerCommand(io));
  // Commander would call process.exit itself; tests run the CLI in-process, so errors must come back.
  const exitOverride = (command: Command) => {
    command.exitOverride();
    command.configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    command.commands.forEach(exitOverride);
  };
  exitOverride(program);
  return program;
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      io.stderr(`lrbench: ${error.message}\n`);
      return 1;
    }
    io.stderr(`lrbench: unexpected error: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
}
