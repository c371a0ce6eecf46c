/**
 * What a schedule is to the paper's questions: StepDecay, AutoDecay, a constant-rate control, or
 * something else. Read from what the schedule is (an explicit role where the schedule carries one,
 * then its kind and definition, then its name), never from one exact seeded name: seeds get renamed
 * and reworked, and the analyses must still find them.
 */

export type ScheduleRole =
  | { role: "stepDecay"; lr: number | null; gamma: number | null }
  | { role: "autoDecay" }
  | { role: "control"; lr: number }
  | { role: "other" };

export interface ScheduleIdentity {
  name: string;
  kind?: string | null;
  definition?: unknown;
  /** A baseline role field, where the schedule has one ("stepDecay", "autoDecay", "control"). */
  role?: string | null;
  isBaseline?: boolean | null;
}

const STEP_NAME = /step\s*decay/i;
const AUTO_NAME = /auto\s*decay/i;
const CONSTANT_NAME = /^\s*constant\s+(?:rate\s+)?([0-9]*\.?[0-9]+(?:e-?[0-9]+)?)/i;

function numberField(definition: unknown, field: string): number | null {
  if (!definition || typeof definition !== "object") return null;
  const value = (definition as Record<string, unknown>)[field];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function scheduleRole(schedule: ScheduleIdentity): ScheduleRole {
  const kind = schedule.kind ?? (schedule.definition as { kind?: string } | undefined)?.kind ?? null;
  const lr = numberField(schedule.definition, "lr");
  const role = schedule.role?.toLowerCase().replace(/[^a-z]/g, "");
  if (role === "stepdecay") return { role: "stepDecay", lr, gamma: numberField(schedule.definition, "gamma") };
  if (role === "autodecay") return { role: "autoDecay" };
  if ((role === "control" || role === "constant") && lr !== null) return { role: "control", lr };

  if (kind === "autoDecay") return { role: "autoDecay" };
  if (kind === "constant" && lr !== null) return { role: "control", lr };
  // A multi-step decay is StepDecay's shape; a user's own is one too, and the pick below prefers the seeded one.
  if (kind === "multiStep" || kind === "step") {
    const gamma = numberField(schedule.definition, "gamma");
    if (gamma === null || gamma < 1) return { role: "stepDecay", lr, gamma };
  }
  if (!kind) {
    if (AUTO_NAME.test(schedule.name)) return { role: "autoDecay" };
    if (STEP_NAME.test(schedule.name)) return { role: "stepDecay", lr, gamma: null };
    const constant = CONSTANT_NAME.exec(schedule.name);
    if (constant) return { role: "control", lr: Number(constant[1]) };
  }
  return { role: "other" };
}

export interface RoleGroups<G> {
  stepDecay: G | null;
  autoDecay: G | null;
  /** One per rate, largest rate first. */
  controls: { group: G; lr: number }[];
  others: G[];
}

/**
 * The schedules an analysis compares, from the groups that have runs. Where several schedules take
 * one role (a user's multi-step beside the seeded StepDecay), the seeded baseline wins, then the
 * name that says what it is, then the most seeds.
 */
export function pickByRole<G extends ScheduleIdentity & { seeds: number }>(groups: G[]): RoleGroups<G> {
  const rank = (g: G, namePattern: RegExp | null) => [g.isBaseline ? 1 : 0, namePattern && namePattern.test(g.name) ? 1 : 0, g.seeds];
  const best = (candidates: G[], namePattern: RegExp | null): G | null => {
    const sorted = [...candidates].sort((a, b) => {
      const ra = rank(a, namePattern);
      const rb = rank(b, namePattern);
      return rb[0] - ra[0] || rb[1] - ra[1] || rb[2] - ra[2] || a.name.localeCompare(b.name);
    });
    return sorted[0] ?? null;
  };
  const roles = groups.map((group) => ({ group, role: scheduleRole(group) }));
  const stepDecay = best(roles.filter((r) => r.role.role === "stepDecay").map((r) => r.group), STEP_NAME);
  const autoDecay = best(roles.filter((r) => r.role.role === "autoDecay").map((r) => r.group), AUTO_NAME);
  const byRate = new Map<number, G[]>();
  for (const { group, role } of roles) {
    if (role.role === "control") byRate.set(role.lr, [...(byRate.get(role.lr) ?? []), group]);
  }
  const controls = [...byRate]
    .map(([lr, candidates]) => ({ lr, group: best(candidates, /control/i)! }))
    .sort((a, b) => b.lr - a.lr);
  const picked = new Set<G>([stepDecay, autoDecay, ...controls.map((c) => c.group)].filter((g): g is G => g !== null));
  return { stepDecay, autoDecay, controls, others: groups.filter((g) => !picked.has(g)) };
}
