// Writes, for every torch-trace fixture definition and a few kinds PyTorch has no class for, the
// PyTorch export snippet and the engine's rates, for check_pytorch_export.py to replay:
//   npx tsx scripts/torch/export-cases.ts /tmp/cases.json && /usr/bin/python3 scripts/torch/check_pytorch_export.py /tmp/cases.json
import { readFileSync, writeFileSync } from "node:fs";
import { exportSchedule, parseDefinition, sampleSchedule, SCHEDULE_KINDS } from "../../lib/schedules";

type Case = [definition: unknown, steps: number, observations?: number[]];

const fixture = JSON.parse(readFileSync(new URL("../../lib/schedules/fixtures/torch-traces.json", import.meta.url), "utf8")) as {
  cases: { definition: unknown; steps: number; observations?: number[] }[];
};
const extra: Case[] = [
  ...SCHEDULE_KINDS.filter((k) => !k.adaptive).map((k): Case => [k.example, 120]),
  [{ kind: "piecewise", points: [[2, 0.1], [5, 0.5], [9, 0.05]], interpolation: "linear" }, 12],
  [{ kind: "rangeTest", minLr: 0, maxLr: 1, steps: 20, curve: "linear" }, 20],
  [{ kind: "sequence", milestones: [3, 10], schedules: [
    { kind: "rangeTest", minLr: 1e-3, maxLr: 0.1, steps: 3 },
    { kind: "oneCycle", maxLr: 0.3, totalSteps: 7 },
    { kind: "constant", lr: 0.01 },
  ] }, 15],
  [{ kind: "sequence", milestones: [3, 10], schedules: [
    { kind: "constant", lr: 0.2 },
    { kind: "sequence", milestones: [2], schedules: [{ kind: "piecewise", points: [[0, 0.1], [4, 0.3]], interpolation: "linear" }, { kind: "cosine", lr: 0.05, tMax: 4 }] },
    { kind: "warmRestarts", lr: 0.05, t0: 2, tMult: 2 },
  ] }, 25],
  [{ kind: "autoDecay", lr: 0.1, window: 3, tolerance: 0.05, drop: 0.95 }, 60, Array.from({ length: 60 }, (_, t) => 1 + 2 * Math.exp(-t / 6))],
];
const all: Case[] = [...fixture.cases.map((c): Case => [c.definition, c.steps, c.observations]), ...extra];
const out = all.map(([input, steps, observations]) => {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("\n"));
  const sampled = sampleSchedule(parsed.definition, { steps, observations });
  return { kind: parsed.definition.kind, snippet: exportSchedule(parsed.definition, "pytorch"), observations, ...sampled };
});
writeFileSync(process.argv[2] ?? "/tmp/lrbench-export-cases.json", JSON.stringify(out));
console.log(`wrote ${out.length} cases`);
