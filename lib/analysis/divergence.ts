import { formatNumber, isFiniteNumber, SERIES, type SeriesMap } from "./series";

export type Divergence = { x: number; series: string; reason: string };

export type DivergenceOptions = {
  /** A loss above factor x its running minimum counts as divergence. Default 4. */
  factor?: number;
  /**
   * The running minimum is never taken below floorFraction x the series' first finite value.
   * Default 0.05.
   */
  floorFraction?: number;
};

/**
 * The training loss only: it is what a rate too high blows up. A rising test loss is overfitting, not
 * divergence, so the annotation never reads it.
 */
function isLossSeries(name: string): boolean {
  return name === SERIES.trainLoss;
}

/**
 * The first x at which the training loss diverged, or null: an annotation on a run's curve. (A replay
 * whose loss or rate stops being finite ends as `diverged`, which is its result: DivergedOutcome.)
 *
 * Walking the training loss in x order:
 *   - a NaN or +-Infinity value diverges ("non-finite loss");
 *   - a finite value y diverges when y > factor * m, where m = max(running minimum of the
 *     earlier finite values, floorFraction * first finite value). The reason gives y / m.
 * The floor exists because a loss that reaches ~0 (memorised training data) would otherwise
 * call any later wiggle an "infinite" ratio: 0.001 -> 0.005 is noise, not divergence. The ratio
 * test is skipped while m <= 0 (a loss of exactly 0, or losses that can be negative), where a
 * ratio says nothing. The earliest x over all series wins; at equal x, non-finite first.
 */
export function detectDivergence(series: SeriesMap, options: DivergenceOptions = {}): Divergence | null {
  const factor = options.factor ?? 4;
  const floorFraction = options.floorFraction ?? 0.05;
  let found: Divergence | null = null;
  const better = (d: Divergence) =>
    found === null || d.x < found.x || (d.x === found.x && d.reason === "non-finite loss" && found.reason !== d.reason);

  for (const name of Object.keys(series).sort()) {
    if (!isLossSeries(name)) continue;
    let first: number | null = null;
    let runningMin = Infinity;
    for (const [x, y] of series[name]) {
      if (!isFiniteNumber(y)) {
        const d = { x, series: name, reason: "non-finite loss" };
        if (better(d)) found = d;
        break;
      }
      if (first === null) first = y;
      const m = Math.max(runningMin, floorFraction * first);
      if (Number.isFinite(m) && m > 0 && y > factor * m) {
        const d = { x, series: name, reason: `loss ${formatNumber(y / m)}x its running minimum` };
        if (better(d)) found = d;
        break;
      }
      runningMin = Math.min(runningMin, y);
    }
  }
  return found;
}

/** The sentence the run page shows: "diverged at epoch 12 (non-finite loss)". */
export function describeDivergence(d: Divergence, xAxis: "epoch" | "step"): string {
  return `diverged at ${xAxis} ${formatNumber(d.x)} (${d.series}: ${d.reason})`;
}

/** How a replay that diverged ended (workers/divergence.ts): the epoch, the iteration within it, and why. */
export type DivergedOutcome = { epoch: number; iteration: number; reason: string };

export function describeDivergedOutcome(d: DivergedOutcome): string {
  return `ended diverged at epoch ${d.epoch}, iteration ${d.iteration} (${d.reason})`;
}
