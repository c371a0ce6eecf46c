import { z } from "zod";
import { bool, commonFields, int, list, num, oneOf, rate, steps, strictlyIncreasing, type Percent } from "./fields";
import { formatPath, issuesToFieldErrors, type FieldError } from "./errors";

export type { FieldError } from "./errors";
export { formatErrors } from "./errors";

/**
 * Size limits of a definition. Far above any real schedule (the paper's has 2 milestones), low
 * enough that validating, sampling, drawing and exporting one stays cheap for the server.
 */
export const DEFINITION_LIMITS = {
  /** `multiStep.milestones` and `piecewise.points`. */
  listEntries: 1000,
  /** `sequence.schedules`. */
  sequenceChildren: 32,
  /** Sequences inside sequences, the outermost counting as 1. */
  sequenceDepth: 8,
} as const;

// Momentum limits: SGD rejects negative momentum; above 1 the update diverges.
const momentumSchema = z.strictObject(
  { base: num({ min: 0, max: 1 }), max: num({ min: 0, max: 1 }) },
  { error: (iss) => (iss.input === undefined ? "is required" : "must be an object {base, max}") },
);

const constant = z.strictObject({ kind: z.literal("constant"), lr: rate(), ...commonFields });

const step = z.strictObject({
  kind: z.literal("step"),
  lr: rate(),
  stepSize: steps({ min: 1 }),
  gamma: num({ min: 0 }).default(0.1),
  ...commonFields,
});

const multiStep = z.strictObject({
  kind: z.literal("multiStep"),
  lr: rate(),
  // 0 is allowed: MultiStepLR then decays already at step 0.
  milestones: list(steps({ min: 0 }), 1, DEFINITION_LIMITS.listEntries).superRefine(strictlyIncreasing("milestones")),
  gamma: num({ min: 0 }).default(0.1),
  ...commonFields,
});

const exponential = z.strictObject({
  kind: z.literal("exponential"),
  lr: rate(),
  gamma: num({ min: 0 }),
  ...commonFields,
});

const cosine = z.strictObject({
  kind: z.literal("cosine"),
  lr: rate(),
  tMax: steps({ min: 1 }),
  etaMin: rate().default(0),
  ...commonFields,
});

const warmRestarts = z.strictObject({
  kind: z.literal("warmRestarts"),
  lr: rate(),
  t0: steps({ min: 1 }),
  tMult: int({ min: 1 }).default(1),
  etaMin: rate().default(0),
  ...commonFields,
});

const cyclic = z.strictObject({
  kind: z.literal("cyclic"),
  baseLr: rate(),
  maxLr: rate(),
  stepSizeUp: steps({ min: 1 }),
  /** Defaults to stepSizeUp (resolved by the engine, as CyclicLR does). */
  stepSizeDown: steps({ min: 1 }).optional(),
  mode: oneOf(["triangular", "triangular2", "expRange"] as const).default("triangular"),
  gamma: num({ min: 0 }).default(1),
  cycleMomentum: momentumSchema.optional(),
  ...commonFields,
});

const oneCycle = z.strictObject({
  kind: z.literal("oneCycle"),
  maxLr: rate(),
  totalSteps: steps({ min: 1 }),
  pctStart: num({ min: 0, max: 1 }).default(0.3),
  annealStrategy: oneOf(["cos", "linear"] as const).default("cos"),
  divFactor: num({ gt: 0 }).default(25),
  finalDivFactor: num({ gt: 0 }).default(1e4),
  threePhase: bool().default(false),
  cycleMomentum: momentumSchema.optional(),
  ...commonFields,
});

// Same factor ranges LinearLR itself enforces, so every definition exports to PyTorch.
const linear = z.strictObject({
  kind: z.literal("linear"),
  lr: rate(),
  startFactor: num({ gt: 0, max: 1 }).default(1 / 3),
  endFactor: num({ min: 0, max: 1 }).default(1),
  totalIters: steps({ min: 1 }).default(5),
  ...commonFields,
});

const polynomial = z.strictObject({
  kind: z.literal("polynomial"),
  lr: rate(),
  totalIters: steps({ min: 1 }).default(5),
  // Negative powers divide by zero at totalIters in PolynomialLR.
  power: num({ min: 0 }).default(1),
  ...commonFields,
});

const pointSchema = z
  .tuple([steps({ min: 0 }, false), rate()], { error: (iss) => (iss.input === undefined ? "is required" : "must be a pair [t, lr]") });

const piecewise = z.strictObject({
  kind: z.literal("piecewise"),
  points: list(pointSchema, 1, DEFINITION_LIMITS.listEntries).superRefine(strictlyIncreasing("points", 0)),
  interpolation: oneOf(["step", "linear"] as const).default("step"),
  ...commonFields,
});

const rangeTest = z
  .strictObject({
    kind: z.literal("rangeTest"),
    minLr: rate(),
    maxLr: rate(),
    steps: steps({ min: 2 }),
    curve: oneOf(["exponential", "linear"] as const).default("exponential"),
    ...commonFields,
  })
  .superRefine((d, ctx) => {
    if (d.curve === "exponential" && d.minLr === 0) {
      ctx.addIssue({ code: "custom", path: ["minLr"], message: "must be > 0 for the exponential curve" });
    }
  });

const plateau = z.strictObject({
  kind: z.literal("plateau"),
  lr: rate(),
  mode: oneOf(["min", "max"] as const).default("min"),
  // ReduceLROnPlateau raises for factor >= 1.
  factor: num({ min: 0, lt: 1 }).default(0.1),
  patience: int({ min: 0 }).default(10),
  threshold: num({ min: 0 }).default(1e-4),
  thresholdMode: oneOf(["rel", "abs"] as const).default("rel"),
  cooldown: int({ min: 0 }).default(0),
  minLr: rate().default(0),
  eps: num({ min: 0 }).default(1e-8),
  ...commonFields,
});

const autoDecay = z.strictObject({
  kind: z.literal("autoDecay"),
  lr: rate(),
  factor: num({ gt: 0, lt: 1 }).default(0.1),
  // beta = 1 would make the bias correction 1 - beta^k divide by zero.
  beta: num({ min: 0, lt: 1 }).default(0.9),
  window: int({ min: 1 }).default(5),
  tolerance: num({ min: 0 }).default(0.02),
  drop: num({ gt: 0 }).default(0.9),
  epsilon: num({ min: 0 }).default(1e-8),
  // Steps between observations; each observation is the mean of the per-step losses since the last.
  observeEvery: steps({ min: 1 }).default(1),
  ...commonFields,
});

export const STATIC_KINDS = [
  "constant", "step", "multiStep", "exponential", "cosine", "warmRestarts", "cyclic", "oneCycle",
  "linear", "polynomial", "sequence", "piecewise", "rangeTest",
] as const;
export const ADAPTIVE_KINDS = ["plateau", "autoDecay"] as const;
export const SCHEDULE_KIND_NAMES = [...STATIC_KINDS, ...ADAPTIVE_KINDS] as const;

function kindError(allowed: readonly string[], adaptiveHint: boolean) {
  return (iss: { code?: string; input?: unknown }) => {
    const input = iss.input;
    if (input === null || typeof input !== "object" || Array.isArray(input)) return "must be a JSON object";
    const kind = (input as { kind?: unknown }).kind;
    if (kind === undefined) return "is required";
    if (adaptiveHint && (ADAPTIVE_KINDS as readonly unknown[]).includes(kind)) {
      return `must be a static kind: '${String(kind)}' is adaptive and cannot be part of a sequence`;
    }
    return `must be one of ${allowed.join(", ")}`;
  };
}

const sequence = z
  .strictObject({
    kind: z.literal("sequence"),
    // A getter defers the reference to the union that contains this very schema.
    get schedules(): z.ZodArray<z.ZodType<ParsedStatic>> {
      return list(staticDefinitionSchema, 1, DEFINITION_LIMITS.sequenceChildren);
    },
    // >= 1: SequentialLR never switches at a milestone of 0.
    milestones: list(steps({ min: 1 }), 0, DEFINITION_LIMITS.sequenceChildren - 1).superRefine(strictlyIncreasing("milestones")),
    ...commonFields,
  })
  .superRefine((d, ctx) => {
    if (d.milestones.length !== d.schedules.length - 1) {
      ctx.addIssue({
        code: "custom",
        path: ["milestones"],
        message: `must have ${d.schedules.length - 1} ${d.schedules.length === 2 ? "entry" : "entries"} (one fewer than schedules), not ${d.milestones.length}`,
      });
    }
    d.schedules.forEach((child, i) => {
      // Momentum of a child would leak into its neighbours' segments; refuse rather than guess.
      if ((child.kind === "cyclic" || child.kind === "oneCycle") && child.cycleMomentum) {
        ctx.addIssue({
          code: "custom",
          path: ["schedules", i, "cycleMomentum"],
          message: "is not supported inside a sequence",
        });
      }
    });
  });

const leafOptions = [
  constant, step, multiStep, exponential, cosine, warmRestarts, cyclic, oneCycle,
  linear, polynomial, piecewise, rangeTest,
] as const;
const leafUnion = z.discriminatedUnion("kind", [...leafOptions]);

// TypeScript cannot infer a type that contains itself, so the recursive member is spelled out.
type ParsedSequence = {
  kind: "sequence";
  schedules: ParsedStatic[];
  milestones: (number | Percent)[];
  unit: "epoch" | "iteration";
  name?: string | undefined;
  description?: string | undefined;
};
type ParsedStatic = z.output<typeof leafUnion> | ParsedSequence;

const staticOptions = [...leafOptions, sequence] as const;

export const staticDefinitionSchema: z.ZodType<ParsedStatic> = z.discriminatedUnion("kind", [...staticOptions], {
  error: kindError(STATIC_KINDS, true),
});

export const scheduleDefinitionSchema = z.discriminatedUnion("kind", [...staticOptions, plateau, autoDecay], {
  error: kindError(SCHEDULE_KIND_NAMES, false),
});

/** A definition as written and stored: its lengths may be percentages of the training budget. */
export type ScheduleDefinition = z.output<typeof scheduleDefinitionSchema>;
export type ScheduleInput = z.input<typeof scheduleDefinitionSchema>;
export type ScheduleKind = ScheduleDefinition["kind"];

/** The same type with every "P%" replaced by a number of steps. */
type Resolve<T> = T extends Percent
  ? never
  : T extends readonly [infer A, infer B]
    ? [Resolve<A>, Resolve<B>]
    : T extends readonly (infer E)[]
      ? Resolve<E>[]
      : T extends object
        ? { [K in keyof T]: Resolve<T[K]> }
        : T;

/** A definition resolved against a budget (or written without percentages): what sampling and export read. */
export type ResolvedDefinition = Resolve<ScheduleDefinition>;
export type StaticDefinition = Exclude<ResolvedDefinition, { kind: "plateau" | "autoDecay" }>;
export type SequenceDefinition = Extract<StaticDefinition, { kind: "sequence" }>;
export type AdaptiveDefinition = Extract<ResolvedDefinition, { kind: "plateau" | "autoDecay" }>;
export type DefinitionOf<K extends ScheduleKind> = Extract<ResolvedDefinition, { kind: K }>;

export function isAdaptive<D extends { kind: ScheduleKind }>(def: D): def is Extract<D, { kind: "plateau" | "autoDecay" }> {
  return def.kind === "plateau" || def.kind === "autoDecay";
}

export type ParseResult = { ok: true; definition: ScheduleDefinition } | { ok: false; errors: FieldError[] };

/**
 * The first sequence nested deeper than the limit, found without recursion: zod validates
 * sequences recursively, so a definition nested thousands deep would overflow its stack.
 */
function tooDeepSequence(input: unknown): FieldError | undefined {
  const pending: { value: unknown; path: (string | number)[]; depth: number }[] = [{ value: input, path: [], depth: 0 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value, path, depth } = item;
    if (value === null || typeof value !== "object") continue;
    const { kind, schedules } = value as { kind?: unknown; schedules?: unknown };
    if (kind !== "sequence") continue;
    if (depth + 1 > DEFINITION_LIMITS.sequenceDepth) {
      const where = formatPath(path);
      return { path: where, message: `${where} is a sequence nested ${depth + 1} deep; sequences may nest at most ${DEFINITION_LIMITS.sequenceDepth} deep` };
    }
    if (!Array.isArray(schedules)) continue;
    // Past the children limit zod refuses the list itself without looking inside.
    schedules.slice(0, DEFINITION_LIMITS.sequenceChildren).forEach((child, i) => pending.push({ value: child, path: [...path, "schedules", i], depth: depth + 1 }));
  }
  return undefined;
}

export function parseDefinition(input: unknown): ParseResult {
  const deep = tooDeepSequence(input);
  if (deep) return { ok: false, errors: [deep] };
  const result = scheduleDefinitionSchema.safeParse(input);
  if (result.success) return { ok: true, definition: result.data };
  return { ok: false, errors: issuesToFieldErrors(result.error.issues, input) };
}
