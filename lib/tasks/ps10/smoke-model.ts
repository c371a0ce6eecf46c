/**
 * The ps10-noise smoke tier's model, the same in every engine: random Fourier features of the 6 inputs,
 * [cos 2 pi x B, sin 2 pi x B] with B (6 x frequencies) ~ N(0, sigma^2) drawn from the run's seed and
 * then fixed, into a ReLU MLP. A plain MLP on the raw coordinates fits none of the 1000 complex centres
 * within a CPU budget; lib/tasks/ps10/SMOKE.md records the experiment that chose these sizes.
 */
export const PS10_SMOKE_MODEL = { frequencies: 128, sigma: 3, hidden: [256, 256], classes: 10 } as const;

/** "Fourier features (128, sigma 3) -> 256 -> 256 -> 10", for pages. */
export function describeSmokeModel(model = PS10_SMOKE_MODEL): string {
  return `Fourier features (${model.frequencies} frequencies, sigma ${model.sigma}) -> ${[2 * model.frequencies, ...model.hidden, model.classes].join("-")} MLP`;
}
