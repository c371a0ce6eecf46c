import type { ResolvedDefinition, StaticDefinition } from "../definition";
import { flattenSequence } from "../flatten";
import { pyHeader } from "./header";
import { PY_AUTODECAY_CLASS, PY_PLATEAU_CLASS, pyAutoDecayArgs, pyPlateauArgs } from "./py-adaptive";
import { pyPrelude, pyScheduleFunction } from "./py-function";
import { pyFloat as f, pyInt as i, pyList } from "./py-repr";

type Leaf = Exclude<StaticDefinition, { kind: "sequence" }>;

/** optax's own schedule where it equals the spec for every step; undefined where none does. */
function builtin(d: Leaf): string | undefined {
  switch (d.kind) {
    case "constant":
      return `optax.constant_schedule(${f(d.lr)})`;
    case "step":
      return `optax.exponential_decay(init_value=${f(d.lr)}, transition_steps=${i(d.stepSize)}, decay_rate=${f(d.gamma)}, staircase=True)`;
    case "exponential":
      return `optax.exponential_decay(init_value=${f(d.lr)}, transition_steps=1, decay_rate=${f(d.gamma)})`;
    case "linear":
      return `optax.linear_schedule(init_value=${f(d.lr * d.startFactor)}, end_value=${f(d.lr * d.endFactor)}, transition_steps=${i(d.totalIters)})`;
    case "polynomial":
      return `optax.polynomial_schedule(init_value=${f(d.lr)}, end_value=0.0, power=${f(d.power)}, transition_steps=${i(d.totalIters)})`;
    default:
      return undefined;
  }
}

const WHY_FUNCTION: Partial<Record<Leaf["kind"], string>> = {
  multiStep: "piecewise_constant_schedule switches one step after each boundary",
  cosine: "cosine_decay_schedule holds its minimum past decay_steps, CosineAnnealingLR keeps cycling",
  warmRestarts: "sgdr_schedule is built from warmup-cosine pieces that differ from CosineAnnealingWarmRestarts",
  cyclic: "optax has no cyclical (CLR) schedule",
  oneCycle: "cosine_onecycle_schedule/linear_onecycle_schedule place the phase ends differently from OneCycleLR",
  piecewise: "piecewise_interpolate_schedule interpolates between scales, not absolute rates",
  rangeTest: "optax has no LR range-test schedule",
};

function leafSchedule(d: Leaf, name: string, fns: string[]): string {
  const b = builtin(d);
  if (b) return b;
  fns.push(`# ${d.kind}: a JAX-traceable function of the step, since ${WHY_FUNCTION[d.kind] ?? "no optax schedule matches exactly"}.\n${pyScheduleFunction(d, name, "jnp")}`);
  return name;
}

function staticSnippet(def: StaticDefinition): string[] {
  const fns: string[] = [];
  let schedule: string;
  if (def.kind === "sequence") {
    const { schedules, milestones } = flattenSequence(def);
    // join_schedules gives child k the step count minus its boundary: the spec's child_i(t - m_i).
    const parts = schedules.map((c, k) => leafSchedule(c, `child_${k}`, fns));
    schedule = `optax.join_schedules(schedules=[${parts.join(", ")}], boundaries=${pyList(milestones, i)})`;
  } else {
    schedule = leafSchedule(def, "schedule_fn", fns);
  }
  const lines = [...fns, `base_schedule = ${schedule}`];
  if (def.unit === "epoch") {
    lines.push(
      "STEPS_PER_EPOCH = 100  # set to your iterations per epoch: optax counts optimizer updates",
      "",
      "def schedule(count):\n    return base_schedule(count // STEPS_PER_EPOCH)",
    );
  } else {
    lines.push("schedule = base_schedule  # optax counts optimizer updates: one schedule step per iteration");
  }
  if ((def.kind === "cyclic" || def.kind === "oneCycle") && def.cycleMomentum) {
    lines.push(
      pyScheduleFunction(def, "momentum_fn", "jnp", "momentum"),
      "# optax.sgd's momentum is fixed; to follow momentum_fn, wrap it as\n# optax.inject_hyperparams(optax.sgd)(learning_rate=schedule, momentum=...) and set the\n# momentum hyperparameter each step.",
    );
  }
  lines.push("optimizer = optax.sgd(learning_rate=schedule)");
  return [`import optax\n${pyPrelude("jnp")}`, ...lines];
}

function adaptiveSnippet(def: Extract<ResolvedDefinition, { kind: "plateau" | "autoDecay" }>): string[] {
  const [cls, ctor, why] =
    def.kind === "plateau"
      ? [
          PY_PLATEAU_CLASS,
          `Plateau(${pyPlateauArgs(def)})`,
          "# optax.contrib.reduce_on_plateau scales updates and counts patience its own way; this\n# controller follows PyTorch's ReduceLROnPlateau, the spec's definition, exactly.",
        ]
      : [PY_AUTODECAY_CLASS, `AutoDecay(${pyAutoDecayArgs(def)})`, "# optax has no AutoDecay; this controller implements the spec's formulas."];
  const per = def.unit === "epoch" ? "epoch (its mean training loss)" : "iteration (that step's loss)";
  return [
    "import optax",
    cls,
    why,
    [
      `controller = ${ctor}`,
      "optimizer = optax.inject_hyperparams(optax.sgd)(learning_rate=controller.lr)",
      "# opt_state = optimizer.init(params)",
      `# After every ${per}:`,
      "#     if controller.step(float(loss)) == \"terminate\": stop training",
      "#     opt_state.hyperparams[\"learning_rate\"] = controller.lr",
    ].join("\n"),
  ];
}

export function exportOptax(def: ResolvedDefinition, resolvedFor?: string): string {
  const body = def.kind === "plateau" || def.kind === "autoDecay" ? adaptiveSnippet(def) : staticSnippet(def);
  return [pyHeader(def, "optax", resolvedFor), ...body].join("\n\n\n") + "\n";
}
