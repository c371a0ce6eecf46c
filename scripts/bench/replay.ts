/**
 * npm run bench:replay — training throughput (samples/s) per engine and backend on the smoke tiers.
 * Prints figures; asserts nothing. Engines or tasks that cannot run here say why instead.
 */
import os from "node:os";
import { createTfjsEngine } from "../../workers/engines/tfjs";
import type { Engine } from "../../workers/engines/types";

const EPOCHS = Number(process.env.BENCH_EPOCHS ?? 2);
const TASKS = ["ps10-noise", "cifar10-wrn"] as const;

async function measure(name: string, create: () => Engine, taskId: string) {
  const engine = create();
  try {
    const info = await engine.info();
    const setup = await engine.setup({ taskId, tier: "smoke", seed: 0 });
    let samples = 0;
    let seconds = 0;
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      const result = await engine.trainEpoch(() => 0.1);
      samples += result.samples;
      seconds += result.seconds;
    }
    console.log(
      `${name} (${info.backend}, ${info.device}) on ${taskId} smoke: ${Math.round(samples / seconds).toLocaleString("en")} samples/s over ${EPOCHS} epochs of ${setup.trainSamples.toLocaleString("en")} samples`,
    );
  } catch (error) {
    console.log(`${name} on ${taskId} smoke: not measured: ${(error as Error).message}`);
  } finally {
    await engine.close();
  }
}

console.log(`lrbench bench:replay on ${os.cpus().length} x ${os.cpus()[0]?.model}, Node ${process.version}`);
for (const taskId of TASKS) await measure("tfjs", () => createTfjsEngine(), taskId);
console.log("torch: not measured: the PyTorch engine is not written yet (see the replay issue).");
