import type { DefinitionOf } from "./definition";

type Phase = { end: number; startLr: number; endLr: number; startM: number; endM: number };

function phases(d: DefinitionOf<"oneCycle">): Phase[] {
  const initial = d.maxLr / d.divFactor;
  const min = initial / d.finalDivFactor;
  const mMax = d.cycleMomentum?.max ?? 0;
  const mBase = d.cycleMomentum?.base ?? 0;
  const n = d.totalSteps;
  const p = d.pctStart;
  if (d.threePhase) {
    return [
      { end: p * n - 1, startLr: initial, endLr: d.maxLr, startM: mMax, endM: mBase },
      { end: 2 * p * n - 2, startLr: d.maxLr, endLr: initial, startM: mBase, endM: mMax },
      { end: n - 1, startLr: initial, endLr: min, startM: mMax, endM: mMax },
    ];
  }
  return [
    { end: p * n - 1, startLr: initial, endLr: d.maxLr, startM: mMax, endM: mBase },
    { end: n - 1, startLr: d.maxLr, endLr: min, startM: mBase, endM: mMax },
  ];
}

function anneal(cos: boolean, start: number, end: number, pct: number): number {
  return cos ? end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
}

/**
 * OneCycleLR at step t, phase by phase as PyTorch walks them. Two places where PyTorch has no
 * value are given one here:
 * - a zero-length phase (e.g. pctStart·totalSteps == 1, or pctStart 1 at t == totalSteps)
 *   divides 0 by 0 in PyTorch (ZeroDivisionError); it yields that phase's end value;
 * - PyTorch extrapolates the last phase at t == totalSteps and raises beyond it; past
 *   totalSteps the final minimum rate (and the final momentum) is held.
 */
export function oneCycleAt(d: DefinitionOf<"oneCycle">, t: number): { lr: number; momentum?: number } {
  const all = phases(d);
  const cos = d.annealStrategy === "cos";
  const last = all[all.length - 1];
  let lr: number;
  let momentum: number;
  if (t > d.totalSteps) {
    lr = last.endLr;
    momentum = last.endM;
  } else {
    let start = 0;
    let phase = last;
    for (let i = 0; i < all.length; i++) {
      if (t <= all[i].end || i === all.length - 1) {
        phase = all[i];
        break;
      }
      start = all[i].end;
    }
    const span = phase.end - start;
    const pct = span === 0 ? 1 : (t - start) / span;
    lr = anneal(cos, phase.startLr, phase.endLr, pct);
    momentum = anneal(cos, phase.startM, phase.endM, pct);
  }
  return d.cycleMomentum ? { lr, momentum } : { lr };
}
