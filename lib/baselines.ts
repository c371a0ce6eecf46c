import { TASKS, type TierName } from "./tasks/catalog";

/**
 * The reference schedules every leaderboard compares against. StepDecay is per task and tier because
 * its milestones are part of the recipe; the others are generic shapes people argue about.
 */
export interface BaselineSchedule {
  name: string;
  description: string;
  taskId?: string;
  tier?: TierName;
  definition: Record<string, unknown>;
}

const GENERIC_BASELINES: BaselineSchedule[] = [
  {
    name: "AutoDecay",
    description:
      "Decays by 10x when the bias-corrected moving average of the training loss has been stable for W epochs, and stops training when a stable stage no longer improves (the paper's appendix A.1).",
    definition: { kind: "autoDecay", lr: 0.1, factor: 0.1, beta: 0.9, window: 5, tolerance: 0.02, drop: 0.9 },
  },
  {
    name: "Cosine annealing (200 epochs)",
    description: "Half a cosine from 0.1 down to 0 over 200 epochs (CosineAnnealingLR).",
    definition: { kind: "cosine", lr: 0.1, tMax: 200, etaMin: 0 },
  },
  {
    name: "Warm restarts (SGDR, T0 = 10, Tmult = 2)",
    description: "Cosine cycles of 10, 20, 40, ... epochs, each restarting at 0.1 (Loshchilov and Hutter).",
    definition: { kind: "warmRestarts", lr: 0.1, t0: 10, tMult: 2, etaMin: 0 },
  },
  {
    name: "CLR triangular",
    description: "Cyclical learning rate between 0.001 and 0.1, 2,000 iterations up and 2,000 down (Smith).",
    definition: { kind: "cyclic", unit: "iteration", baseLr: 0.001, maxLr: 0.1, stepSizeUp: 2000, mode: "triangular" },
  },
  {
    name: "1cycle",
    description: "One cycle up to 0.1 over the first 30% of 78,200 iterations (200 CIFAR-10 epochs at batch 128) and down to 4e-7, with momentum cycled between 0.85 and 0.95.",
    definition: {
      kind: "oneCycle",
      unit: "iteration",
      maxLr: 0.1,
      totalSteps: 78_200,
      pctStart: 0.3,
      annealStrategy: "cos",
      cycleMomentum: { base: 0.85, max: 0.95 },
    },
  },
  {
    name: "LR range test",
    description: "An exponential sweep from 1e-7 to 10 over 100 iterations, to find the largest rate that still trains.",
    definition: { kind: "rangeTest", unit: "iteration", minLr: 1e-7, maxLr: 10, steps: 100, curve: "exponential" },
  },
  {
    name: "Reduce on plateau",
    description: "Divides the rate by 10 when the training loss has not improved for 10 epochs (ReduceLROnPlateau).",
    definition: { kind: "plateau", lr: 0.1, factor: 0.1, patience: 10 },
  },
];

function stepDecayBaselines(): BaselineSchedule[] {
  return TASKS.flatMap((task) =>
    task.tiers.map((tier) => ({
      name: `StepDecay · ${task.id} · ${tier.tier}`,
      description: `The paper's StepDecay on ${task.name}, ${tier.tier} tier: ${tier.baselineLr} for ${tier.epochs} epochs, x0.1 at epochs ${tier.baselineMilestones.join(" and ")}.`,
      taskId: task.id,
      tier: tier.tier,
      definition: { kind: "multiStep", lr: tier.baselineLr, milestones: tier.baselineMilestones, gamma: 0.1 },
    })),
  );
}

export const BASELINE_SCHEDULES: BaselineSchedule[] = [...stepDecayBaselines(), ...GENERIC_BASELINES];
