// npx tsx scripts/ps10/autodecay-offline.ts: where AutoDecay (iteration unit, observeEvery in % of the run) first decays
// on the recorded constant-0.1 losses (record-losses.ts), for a grid of observeEvery, window and tolerance.
import { readFileSync, existsSync } from "node:fs";
import { parseDefinition, sampleSchedule } from "@/lib/schedules";
import { resolveDefinition } from "@/lib/schedules/resolve";
const DIR = process.env.LRBENCH_LOSSES_DIR ?? "/tmp/lrbench-losses";
const seeds = [0, 1, 2].filter((s) => existsSync(`${DIR}/losses-${s}.json`));
const data = seeds.map((s) => JSON.parse(readFileSync(`${DIR}/losses-${s}.json`, "utf8")) as { itersPerEpoch: number; losses: number[] });
for (const every of ["0.5%", "1%", "2%"]) for (const window of [3, 5]) for (const tolerance of [0.02, 0.05, 0.1, 0.2]) {
  const parsed = parseDefinition({ kind: "autoDecay", unit: "iteration", lr: 0.1, window, tolerance, drop: 0.9, observeEvery: every });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const out = data.map((d) => {
    const r = resolveDefinition(parsed.definition, d.losses.length);
    if (!r.ok) throw new Error("resolve");
    const s = sampleSchedule(r.definition, { steps: d.losses.length, observations: d.losses });
    return s.events.map((e) => `${e.type[0]}@${(e.step / d.itersPerEpoch).toFixed(1)}`).join(",") || "-";
  });
  console.log(every, window, tolerance, out.join(" | "));
}
