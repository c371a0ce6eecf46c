// npx tsx scripts/ps10/record-losses.ts SEED...: records per-iteration training losses of constant 0.1 on ps10-noise smoke (torch engine), one file per seed.
import { mkdirSync, writeFileSync } from "node:fs";
import { createTorchEngine } from "../../workers/engines/torch";
// Where the loss files go (and autodecay-offline.ts reads them).
const DIR = process.env.LRBENCH_LOSSES_DIR ?? "/tmp/lrbench-losses";
process.env.LRBENCH_TORCH_THREADS ??= "1";
async function main() {
  mkdirSync(DIR, { recursive: true });
  for (const seed of process.argv.slice(2).map(Number)) {
    const engine = createTorchEngine({ device: "cpu" });
    const t0 = performance.now();
    const losses: number[] = [];
    const setup = await engine.setup({ taskId: "ps10-noise", tier: "smoke", seed });
    for (let e = 0; e < setup.epochs; e++) {
      const r = await engine.trainEpoch(() => 0.1);
      losses.push(...r.losses);
    }
    await engine.close();
    writeFileSync(`${DIR}/losses-${seed}.json`, JSON.stringify({ itersPerEpoch: setup.itersPerEpoch, losses }));
    console.log(`seed ${seed}: ${losses.length} iterations, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
