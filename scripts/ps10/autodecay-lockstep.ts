// npx tsx scripts/ps10/autodecay-lockstep.ts DEFINITION_JSON SEED...: AutoDecay in lockstep with the torch engine on ps10-noise smoke, as the worker runs it.
import { createScheduler, parseDefinition, type ScheduleEvent } from "@/lib/schedules";
import { resolveDefinition, budgetInSteps } from "@/lib/schedules/resolve";
import { createTorchEngine } from "../../workers/engines/torch";
process.env.LRBENCH_TORCH_THREADS ??= "1";
async function main() {
  const [json, ...seeds] = process.argv.slice(2);
  const parsed = parseDefinition(JSON.parse(json));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  for (const seed of seeds.map(Number)) {
    const engine = createTorchEngine({ device: "cpu" });
    const t0 = performance.now();
    const setup = await engine.setup({ taskId: "ps10-noise", tier: "smoke", seed });
    const r = resolveDefinition(parsed.definition, budgetInSteps(parsed.definition, setup));
    if (!r.ok) throw new Error("resolve");
    const scheduler = createScheduler(r.definition);
    const events: ScheduleEvent[] = [];
    let epoch = 0;
    let metrics: Record<string, number | null> = {};
    for (; epoch < setup.epochs && !scheduler.terminated; epoch++) {
      await engine.trainEpoch(() => scheduler.lr(), (_i, loss) => { if (!scheduler.terminated) events.push(...scheduler.advance(loss)); }, () => scheduler.momentum());
      if (epoch % 5 === 4 || scheduler.terminated || epoch === setup.epochs - 1) metrics = await engine.evaluate();
    }
    await engine.close();
    const ev = events.map((e) => `${e.type[0]}@${(e.step / setup.itersPerEpoch).toFixed(2)}`).join(",");
    const m = ["train_acc_complex", "train_acc_noise", "test_acc"].map((k) => `${k}=${metrics[k]?.toFixed(3)}`).join(" ");
    console.log(`seed ${seed}: epochs ${epoch} events ${ev} ${m} ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
