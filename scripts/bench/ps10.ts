/**
 * npm run bench:ps10 [-- --seeds N] — the ps10-noise smoke tier's stage table with the torch engine:
 * StepDecay and constant rates at each of its stage rates, N training seeds each (the data are the
 * same for every seed), with train simple / complex / noise and test accuracy at the end of every
 * StepDecay stage: mean and 95% t interval over seeds (lib/stats), and the seconds per replay.
 * Prints figures; asserts nothing. One torch thread unless LRBENCH_TORCH_THREADS says otherwise.
 */
import os from "node:os";
import { Command } from "commander";
import { taskRecipe } from "@/lib/baselines";
import { createScheduler, parseDefinition, resolveOrThrow, type ScheduleDefinition } from "@/lib/schedules";
import { meanConfidenceInterval } from "@/lib/stats";
import { findTask } from "@/lib/tasks/catalog";
import { createTorchEngine } from "../../workers/engines/torch";

process.env.LRBENCH_TORCH_THREADS ??= "1";

const METRICS = [
  ["train_acc_simple", "train simple"],
  ["train_acc_complex", "train complex"],
  ["train_acc_noise", "train noise"],
  ["test_acc_complex", "test complex"],
  ["test_acc", "test"],
] as const;

function definition(input: unknown): ScheduleDefinition {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition;
}

/** One replay: the metrics after each stage-end epoch, and the seconds it took (training and evaluation). */
async function replay(schedule: ScheduleDefinition, seed: number, epochs: number, stageEnds: number[]) {
  const engine = createTorchEngine({ device: "cpu" });
  const scheduler = createScheduler(schedule);
  const started = performance.now();
  const stages: Record<string, number | null>[] = [];
  try {
    await engine.setup({ taskId: "ps10-noise", tier: "smoke", seed });
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const lr = scheduler.lr();
      await engine.trainEpoch(() => lr);
      scheduler.advance();
      if (stageEnds.includes(epoch)) stages.push(await engine.evaluate());
    }
  } finally {
    await engine.close();
  }
  return { stages, seconds: (performance.now() - started) / 1000 };
}

const pct = (x: number) => (100 * x).toFixed(1);
const secs = (x: number) => x.toFixed(0);

function cell(values: number[], format = pct): string {
  const ci = meanConfidenceInterval(values);
  return ci.lower === null ? format(ci.mean) : `${format(ci.mean)} [${format(ci.lower)}, ${format(ci.upper!)}]`;
}

async function main() {
  const options = new Command()
    .option("--seeds <n>", "training seeds per schedule", "3")
    .parse()
    .opts<{ seeds: string }>();
  const seeds = Number(options.seeds);
  if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`--seeds must be a positive integer, got ${options.seeds}`);
  const tier = findTask("ps10-noise")!.tiers.find((t) => t.tier === "smoke")!;
  const recipe = resolveOrThrow(definition(taskRecipe("ps10-noise").definition), tier.epochs);
  if (recipe.kind !== "multiStep") throw new Error("the ps10-noise recipe is a StepDecay");
  const { lr, milestones } = recipe;
  const stageEnds = [...milestones, tier.epochs];
  const schedules: [string, ScheduleDefinition][] = [
    [`StepDecay ${lr}, x${recipe.gamma} at ${milestones.join(" and ")}`, recipe],
    ...[lr, lr / 10, lr / 100].map((rate): [string, ScheduleDefinition] => [`constant ${+rate.toPrecision(3)}`, definition({ kind: "constant", lr: +rate.toPrecision(3) })]),
  ];
  console.log(`lrbench bench:ps10 on ${os.cpus().length} x ${os.cpus()[0]?.model}, torch threads ${process.env.LRBENCH_TORCH_THREADS}, load ${os.loadavg()[0].toFixed(1)}`);
  console.log(`ps10-noise smoke: ${tier.model}; ${tier.trainSamples} train / ${tier.testSamples} test samples, batch ${tier.batchSize}, ${tier.epochs} epochs; ${seeds} seeds; data seed 0`);
  console.log(`accuracy in %, mean [95% t interval] over seeds, at the end of StepDecay's stages (epochs ${stageEnds.join(", ")})`);
  for (const [name, schedule] of schedules) {
    const results: Awaited<ReturnType<typeof replay>>[] = [];
    for (let seed = 0; seed < seeds; seed++) results.push(await replay(schedule, seed, tier.epochs, stageEnds));
    console.log(`\n${name}: ${cell(results.map((r) => r.seconds), secs)} s per replay`);
    console.log(["stage (epoch)", ...METRICS.map(([, label]) => label)].join(" | "));
    stageEnds.forEach((epoch, i) => {
      console.log([`${i + 1} (${epoch})`, ...METRICS.map(([key]) => cell(results.map((r) => r.stages[i][key]!)))].join(" | "));
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
