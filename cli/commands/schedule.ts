import { Command, InvalidArgumentError, Option } from "commander";
import {
  exportSchedule,
  formatErrors,
  parseDefinition,
  sampleSchedule,
  type ScheduleDefinition,
} from "../../lib/schedules";
import { CliError, readJson, type CliIo } from "../io";

const EXPORT_TARGETS = ["pytorch", "optax", "keras"] as const;

function positiveInteger(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
      throw new InvalidArgumentError(`${name} must be an integer >= 1, got '${value}'.`);
    }
    return n;
  };
}

async function loadDefinition(file: string, io: CliIo): Promise<ScheduleDefinition> {
  const parsed = parseDefinition(await readJson(file, io, "schedule definition"));
  if (!parsed.ok) throw new CliError(`invalid schedule definition:\n${formatErrors(parsed.errors)}`);
  return parsed.definition;
}

async function loadObservations(file: string, io: CliIo): Promise<number[]> {
  const json = await readJson(file, io, "observations file");
  if (!Array.isArray(json)) throw new CliError(`observations file ${file} must hold a JSON array of numbers`);
  const bad = json.findIndex((value) => typeof value !== "number" || !Number.isFinite(value));
  if (bad >= 0) throw new CliError(`observations[${bad}] must be a finite number, got ${JSON.stringify(json[bad])}`);
  return json as number[];
}

export function scheduleCommand(io: CliIo): Command {
  const schedule = new Command("schedule").description("validate, sample and export learning-rate schedule definitions");

  schedule
    .command("sample")
    .description("print the learning rate of every step as JSON: {lr, momentum?, events}")
    .argument("<file>", "schedule definition (JSON), or - for standard input")
    .requiredOption("--steps <n>", "number of steps to sample", positiveInteger("--steps"))
    .option("--budget <b>", "training budget, in the schedule's unit, that \"P%\" lengths resolve against (default: --steps)", positiveInteger("--budget"))
    .option("--observations <file>", "JSON array with one observation (mean training loss) per step; required for adaptive kinds")
    .action(async (file: string, options: { steps: number; budget?: number; observations?: string }) => {
      const definition = await loadDefinition(file, io);
      const observations = options.observations ? await loadObservations(options.observations, io) : undefined;
      let result;
      try {
        result = sampleSchedule(definition, { steps: options.steps, budget: options.budget, observations });
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      io.stdout(`${JSON.stringify(result)}\n`);
    });

  schedule
    .command("validate")
    .description("check a definition against the schedule contract and name every field at fault")
    .argument("<file>", "schedule definition (JSON), or - for standard input")
    .action(async (file: string) => {
      const definition = await loadDefinition(file, io);
      io.stdout(`valid ${definition.kind} schedule\n`);
    });

  schedule
    .command("export")
    .description("print code that builds this schedule in PyTorch, optax or Keras")
    .argument("<file>", "schedule definition (JSON), or - for standard input")
    .addOption(new Option("--to <target>", "framework to export to").choices(EXPORT_TARGETS).makeOptionMandatory())
    .option("--budget <b>", "training budget, in the schedule's unit, that \"P%\" lengths resolve against (required when it has any)", positiveInteger("--budget"))
    .action(async (file: string, options: { to: (typeof EXPORT_TARGETS)[number]; budget?: number }) => {
      const definition = await loadDefinition(file, io);
      let code;
      try {
        code = exportSchedule(definition, options.to, options.budget);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      io.stdout(`${code}\n`);
    });

  return schedule;
}
