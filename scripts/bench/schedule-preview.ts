/**
 * npm run bench:preview — the cost of drawing the largest schedules a definition may hold: 1,000
 * milestones or points sampled over the 200,000-step preview horizon, first draw and cached.
 * Prints figures; asserts nothing.
 */
import { drawnPreview } from "../../lib/preview/drawn";
import { parseDefinition, sampleSchedule, type ScheduleDefinition } from "../../lib/schedules";
import { machine, percentile, runBenchmark } from "./shared";

const STEPS = 200_000;
const REPEATS = 20;

function parsed(input: unknown): ScheduleDefinition {
  const result = parseDefinition(input);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.definition;
}

function time(label: string, fn: () => unknown) {
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label}: p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms`);
}

async function main() {
  console.log(await machine());
  const ticks = Array.from({ length: 1000 }, (_, i) => (i + 1) * (STEPS / 1000));
  const definitions = {
    "multiStep, 1,000 milestones": parsed({ kind: "multiStep", lr: 0.1, gamma: 0.99, milestones: ticks }),
    "piecewise linear, 1,000 points": parsed({ kind: "piecewise", interpolation: "linear", points: ticks.map((t, i) => [t, i]) }),
  };
  for (const [name, definition] of Object.entries(definitions)) {
    time(`sample ${STEPS} steps, ${name}`, () => sampleSchedule(definition, { steps: STEPS }));
    let salt = 0;
    // A new name each time misses the cache: the cost of a first draw.
    time(`draw, uncached, ${name}`, () => drawnPreview({ ...definition, name: `bench ${salt++}` }, STEPS));
    time(`draw, cached, ${name}`, () => drawnPreview(definition, STEPS));
  }
}

runBenchmark(main);
