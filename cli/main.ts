import { Command, CommanderError } from "commander";
import { CliError, processIo, type CliIo } from "./io";

// Each command is loaded only when it runs: `lrbench parse` should not pay for the database and
// training code the other commands import. Help and unknown commands load them all.
const COMMANDS: Record<string, () => Promise<(io: CliIo) => Command>> = {
  schedule: async () => (await import("./commands/schedule")).scheduleCommand,
  admin: async () => (await import("./commands/admin")).adminCommand,
  parse: async () => (await import("./commands/parse")).parseCommand,
  rangetest: async () => (await import("./commands/rangetest")).rangeTestCommand,
  upload: async () => (await import("./commands/upload")).uploadCommand,
  worker: async () => (await import("./commands/worker")).workerCommand,
};

export async function buildProgram(io: CliIo, only?: string): Promise<Command> {
  const program = new Command("lrbench")
    .description("lrbench: learning-rate schedules, measured")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const names = only !== undefined && Object.hasOwn(COMMANDS, only) ? [only] : Object.keys(COMMANDS);
  for (const command of await Promise.all(names.map((name) => COMMANDS[name]()))) program.addCommand(command(io));
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
  const program = await buildProgram(io, argv[0]);
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
