import type { DefinitionOf, StaticDefinition } from "../definition";
import { flattenSequence } from "../flatten";
import { pyFloat as f, pyInt as i } from "./py-repr";

/**
 * Python source of lr(t) (and momentum(t)) for a static definition, exactly the engine's
 * formulas. Two dialects: "math" for plain Python (Keras callbacks, PyTorch LambdaLR) and "jnp"
 * for optax, whose schedules are traced by JAX and so must branch with where() instead of if.
 */
export type Dialect = "math" | "jnp";

export function pyPrelude(dialect: Dialect): string {
  if (dialect === "jnp") {
    return [
      "import jax.numpy as jnp",
      "",
      "_where, _floor, _cos, _min, _pi = jnp.where, jnp.floor, jnp.cos, jnp.minimum, jnp.pi",
    ].join("\n");
  }
  return [
    "import math",
    "",
    "",
    "def _where(cond, a, b):",
    "    return a if cond else b",
    "",
    "",
    "_floor, _cos, _min, _pi = math.floor, math.cos, min, math.pi",
  ].join("\n");
}

type Leaf = Exclude<StaticDefinition, { kind: "sequence" }>;

function anneal(cos: boolean, start: number, end: number, pct: string): string {
  return cos
    ? `${f(end)} + ${f((start - end) / 2)} * (_cos(_pi * ${pct}) + 1)`
    : `${f(end - start)} * ${pct} + ${f(start)}`;
}

function oneCycleBody(d: DefinitionOf<"oneCycle">, what: "lr" | "momentum"): string[] {
  const initial = d.maxLr / d.divFactor;
  const min = initial / d.finalDivFactor;
  const mMax = d.cycleMomentum?.max ?? 0;
  const mBase = d.cycleMomentum?.base ?? 0;
  const n = d.totalSteps;
  const p = d.pctStart;
  const phases = d.threePhase
    ? [
        [p * n - 1, initial, d.maxLr, mMax, mBase],
        [2 * p * n - 2, d.maxLr, initial, mBase, mMax],
        [n - 1, initial, min, mMax, mMax],
      ]
    : [
        [p * n - 1, initial, d.maxLr, mMax, mBase],
        [n - 1, d.maxLr, min, mBase, mMax],
      ];
  const cos = d.annealStrategy === "cos";
  const lines = ["# OneCycleLR phase by phase; a zero-length phase gives its end value, past totalSteps the final value holds"];
  let start = 0;
  phases.forEach(([end, sLr, eLr, sM, eM], k) => {
    const span = end - start;
    const pct = span === 0 ? "1.0" : `((t - ${f(start)}) / ${f(span)})`;
    const [a, b] = what === "lr" ? [sLr, eLr] : [sM, eM];
    lines.push(`p${k} = ${anneal(cos, a, b, pct)}`);
    start = end;
  });
  const last = phases[phases.length - 1];
  const hold = what === "lr" ? last[2] : last[4];
  let expr = `p${phases.length - 1}`;
  for (let k = phases.length - 2; k >= 0; k--) expr = `_where(t <= ${f(phases[k][0])}, p${k}, ${expr})`;
  lines.push(`return _where(t > ${i(n)}, ${f(hold)}, ${expr})`);
  return lines;
}

function cyclicBody(d: DefinitionOf<"cyclic">, what: "lr" | "momentum"): string[] {
  const up = d.stepSizeUp;
  const total = up + (d.stepSizeDown ?? up);
  const ratio = up / total;
  const amp =
    d.mode === "triangular" ? "1.0" : d.mode === "triangular2" ? "1.0 / (2.0 ** (cycle - 1))" : `${f(d.gamma)} ** t`;
  const lines = [
    `cycle = _floor(1 + t / ${f(total)})`,
    `x = 1.0 + t / ${f(total)} - cycle`,
    `scale = _where(x <= ${f(ratio)}, x / ${f(ratio)}, (x - 1) / ${f(ratio - 1)})`,
  ];
  if (what === "lr") lines.push(`return ${f(d.baseLr)} + ${f(d.maxLr - d.baseLr)} * scale * ${amp}`);
  else {
    const m = d.cycleMomentum!;
    lines.push(`return ${f(m.max)} - ${f(m.max - m.base)} * scale * ${amp}`);
  }
  return lines;
}

function warmRestartsBody(d: DefinitionOf<"warmRestarts">): string[] {
  const cos = (tCur: string, tI: string) =>
    `return ${f(d.etaMin)} + ${f(d.lr - d.etaMin)} * (1 + _cos(_pi * ${tCur} / ${tI})) / 2`;
  if (d.tMult === 1) return [cos(`(t % ${i(d.t0)})`, f(d.t0))];
  // Restart steps t0·(m^n - 1)/(m - 1), listed up to 2^53 so no log() rounding decides a cycle.
  const starts: number[] = [];
  for (let len = d.t0, s = d.t0; s < 2 ** 53; len *= d.tMult, s += len) starts.push(s);
  return [
    `n = sum((t >= s) * 1 for s in (${starts.map(i).join(", ")},))`,
    `t_i = ${f(d.t0)} * ${f(d.tMult)} ** n`,
    `t_cur = t - ${f(d.t0)} * (${f(d.tMult)} ** n - 1) / ${f(d.tMult - 1)}`,
    cos("t_cur", "t_i"),
  ];
}

function piecewiseBody(d: DefinitionOf<"piecewise">): string[] {
  const pts = d.points;
  let expr = f(pts[0][1]);
  for (let k = 0; k < pts.length; k++) {
    const [tk, vk] = pts[k];
    const value =
      d.interpolation === "linear" && k + 1 < pts.length
        ? `${f(vk)} + ${f(pts[k + 1][1] - vk)} * (t - ${f(tk)}) / ${f(pts[k + 1][0] - tk)}`
        : f(vk);
    expr = `_where(t >= ${f(tk)}, ${value}, ${expr})`;
  }
  return [`return ${expr}`];
}

function leafBody(d: Leaf, what: "lr" | "momentum"): string[] {
  switch (d.kind) {
    case "constant":
      return [`return ${f(d.lr)} + 0.0 * t`];
    case "step":
      return [`return ${f(d.lr)} * ${f(d.gamma)} ** _floor(t / ${i(d.stepSize)})`];
    case "multiStep":
      return [`return ${f(d.lr)} * ${f(d.gamma)} ** (${d.milestones.map((m) => `(t >= ${i(m)}) * 1`).join(" + ")})`];
    case "exponential":
      return [`return ${f(d.lr)} * ${f(d.gamma)} ** t`];
    case "cosine":
      return [`return ${f(d.etaMin)} + ${f(d.lr - d.etaMin)} * (1 + _cos(_pi * t / ${f(d.tMax)})) / 2`];
    case "warmRestarts":
      return warmRestartsBody(d);
    case "cyclic":
      return cyclicBody(d, what);
    case "oneCycle":
      return oneCycleBody(d, what);
    case "linear":
      return [
        `return ${f(d.lr)} * (${f(d.startFactor)} + ${f(d.endFactor - d.startFactor)} * _min(t, ${i(d.totalIters)}) / ${f(d.totalIters)})`,
      ];
    case "polynomial":
      return [`return ${f(d.lr)} * (1.0 - _min(t, ${i(d.totalIters)}) / ${f(d.totalIters)}) ** ${f(d.power)}`];
    case "piecewise":
      return piecewiseBody(d);
    case "rangeTest":
      return d.curve === "linear"
        ? [`return ${f(d.minLr)} + ${f(d.maxLr - d.minLr)} * t / ${f(d.steps - 1)}`]
        : [`return ${f(d.minLr)} * ${f(d.maxLr / d.minLr)} ** (t / ${f(d.steps - 1)})`];
  }
}

function def(name: string, body: string[]): string {
  return [`def ${name}(t):`, ...body.map((l) => `    ${l}`)].join("\n");
}

/**
 * `def <name>(t)` returning lr(t) (what = "lr") or momentum(t). A sequence becomes one helper
 * per child plus a dispatcher; t is the 0-based step count.
 */
export function pyScheduleFunction(d: StaticDefinition, name: string, dialect: Dialect, what: "lr" | "momentum" = "lr"): string {
  if (d.kind !== "sequence") return def(name, leafBody(d, what));
  const { schedules, milestones } = flattenSequence(d);
  const parts = schedules.map((c, k) => def(`_${name}_${k}`, leafBody(c, "lr")));
  let body: string[];
  if (dialect === "jnp") {
    let expr = `_${name}_0(t)`;
    milestones.forEach((m, k) => {
      expr = `_where(t >= ${i(m)}, _${name}_${k + 1}(t - ${i(m)}), ${expr})`;
    });
    body = [`return ${expr}`];
  } else {
    body = [];
    for (let k = milestones.length - 1; k >= 0; k--) {
      body.push(`if t >= ${i(milestones[k])}:`, `    return _${name}_${k + 1}(t - ${i(milestones[k])})`);
    }
    body.push(`return _${name}_0(t)`);
  }
  return [...parts, def(name, body)].join("\n\n\n");
}
