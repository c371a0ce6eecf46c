/**
 * The same task, seed and schedule on both engines must land within the seed-to-seed spread of each
 * other (issue 5): PS10 smoke, identical data from lib/tasks/ps10 (the same for every seed), a step decay
 * from lib/schedules; the seeds differ in initial weights, frequencies and order.
 */
import { describe, expect, it } from "vitest";
import { createScheduler, parseDefinition } from "@/lib/schedules";
import { createTfjsEngine } from "./tfjs";
import { createTorchEngine } from "./torch";
import type { Engine } from "./types";

// Far smaller than the tier (5,000 / 1,000, 30 epochs): pure-JS tfjs trains the Fourier-feature MLP about
// ten times slower than torch, and three seeds must finish in a couple of minutes.
const SIZES = { train: 800, test: 400 };
const EPOCHS = 4;
const SEEDS = [0, 1, 2];

async function finalMetrics(engine: Engine, seed: number) {
  const parsed = parseDefinition({ kind: "multiStep", lr: 0.1, milestones: [3], gamma: 0.1, unit: "epoch" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const scheduler = createScheduler(parsed.definition);
  try {
    await engine.setup({ taskId: "ps10-noise", tier: "smoke", seed });
    let losses: number[] = [];
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      const lr = scheduler.lr();
      losses = (await engine.trainEpoch(() => lr)).losses;
      scheduler.advance();
    }
    const metrics = await engine.evaluate();
    return { testAcc: metrics.test_acc!, trainLoss: losses.reduce((s, l) => s + l, 0) / losses.length };
  } finally {
    await engine.close();
  }
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);

describe("tfjs and torch engines", () => {
  it("agree on ps10-noise smoke within the seed-to-seed spread", async () => {
    const tfjs = [];
    const torch = [];
    for (const seed of SEEDS) {
      tfjs.push(await finalMetrics(createTfjsEngine({ backend: "cpu", sizes: SIZES }), seed));
      torch.push(await finalMetrics(createTorchEngine({ device: "cpu", sizes: SIZES }), seed));
    }
    for (const key of ["testAcc", "trainLoss"] as const) {
      const a = tfjs.map((r) => r[key]);
      const b = torch.map((r) => r[key]);
      const allowed = Math.max(spread(a), spread(b));
      expect(allowed, `${key}: seeds must differ at all, or the comparison says nothing`).toBeGreaterThan(0);
      expect(Math.abs(mean(a) - mean(b)), `${key}: tfjs ${a.join(", ")} vs torch ${b.join(", ")}`).toBeLessThanOrEqual(allowed);
    }
    // Both learned: chance is 0.1 and the untrained loss ln 10 = 2.303.
    expect(mean(torch.map((r) => r.testAcc))).toBeGreaterThan(0.13);
    expect(mean(torch.map((r) => r.trainLoss))).toBeLessThan(2.26);
  }, 300_000);
});
