import type { ScheduleDefinition } from "../schedules";

/**
 * The sweep of the article behind this project: a one-layer network, plain SGD at constant rates 1,
 * 0.5, 0.2, 0.1 and 0.01, on fashion-mnist's smoke tier (softmax regression, 6 epochs). Three seeds,
 * so the final figures get intervals; with the torch engine the 15 replays take about two minutes on two cores.
 */
export const ARTICLE_SWEEP = {
  name: "The article's sweep: one-layer SGD",
  taskId: "fashion-mnist",
  tier: "smoke",
  base: { kind: "constant", lr: 0.1, unit: "epoch" } as ScheduleDefinition,
  field: "lr",
  values: [1, 0.5, 0.2, 0.1, 0.01],
  seeds: [0, 1, 2],
} as const;
