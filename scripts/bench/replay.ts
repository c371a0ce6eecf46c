/**
 * npm run bench:replay — training throughput (samples/s) per engine and backend on the smoke tiers,
 * then the torch engine against a plain PyTorch loop on the same model (on a GPU when PyTorch sees one).
 * Prints figures; asserts nothing. Engines or tasks that cannot run here say why instead.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { writeTinyCifar } from "../../tests/helpers/tiny-cifar";
import { createTfjsEngine } from "../../workers/engines/tfjs";
import { createTorchEngine, findPython } from "../../workers/engines/torch";
import type { Engine } from "../../workers/engines/types";

const EPOCHS = Number(process.env.BENCH_EPOCHS ?? 2);
const TASKS = ["ps10-noise", "cifar10-wrn"] as const;

async function measure(name: string, create: () => Engine, taskId: string, dataDir: string) {
  const engine = create();
  try {
    const info = await engine.info();
    const setup = await engine.setup({ taskId, tier: "smoke", seed: 0, dataDir });
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

async function main() {
  console.log(`lrbench bench:replay on ${os.cpus().length} x ${os.cpus()[0]?.model}, Node ${process.version}`);
  // Random-looking pixels of the smoke tier's size: throughput does not depend on what they show.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lrbench-bench-replay-"));
  await writeTinyCifar(path.join(dataDir, "cifar10"), 400, 500);
  try {
    for (const taskId of TASKS) {
      await measure("tfjs", () => createTfjsEngine(), taskId, dataDir);
      await measure("torch", () => createTorchEngine(), taskId, dataDir);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }

  let python: string;
  try {
    python = findPython();
  } catch (error) {
    console.log(`torch engine vs plain PyTorch loop: not measured: ${(error as Error).message}`);
    return;
  }
  console.log("torch engine vs a plain PyTorch loop on the same model (scripts/bench/torch_vs_plain.py):");
  const compared = spawnSync(python, [path.join("scripts", "bench", "torch_vs_plain.py"), "--epochs", String(EPOCHS)], { stdio: ["ignore", "inherit", "inherit"] });
  if (compared.status !== 0) console.log(`torch_vs_plain.py exited with ${compared.status ?? compared.signal}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
