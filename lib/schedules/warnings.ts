import type { ScheduleDefinition } from "./definition";

export interface DefinitionWarning {
  /** The field it is about, as parse errors name it ("lr", "gamma"). */
  path: string;
  /** Starts with the path, as parse errors do, so a form can put its own label in its place. */
  message: string;
}

const DECAYS = new Set(["step", "multiStep", "exponential"]);

/**
 * Values that are valid but almost certainly not meant: the schedule trains nothing, or climbs where
 * it should fall. The form shows them beside the fields without refusing to save.
 */
export function suspiciousValues(definition: ScheduleDefinition): DefinitionWarning[] {
  const d = definition as Record<string, unknown>;
  const num = (key: string) => (typeof d[key] === "number" ? (d[key] as number) : null);
  const warnings: DefinitionWarning[] = [];
  const lr = num("lr");
  if (lr === 0) warnings.push({ path: "lr", message: "lr is 0: the weights never change." });
  const etaMin = num("etaMin");
  if (lr !== null && etaMin !== null && etaMin > lr) warnings.push({ path: "etaMin", message: `etaMin (${etaMin}) is above the learning rate (${lr}): the curve rises instead of annealing.` });
  const gamma = num("gamma");
  if (DECAYS.has(definition.kind) && gamma !== null && gamma > 1) warnings.push({ path: "gamma", message: `gamma is ${gamma}, above 1: every decay raises the rate.` });
  const [baseLr, maxLr] = [num("baseLr"), num("maxLr")];
  if (definition.kind === "cyclic" && baseLr !== null && maxLr !== null && maxLr < baseLr) {
    warnings.push({ path: "maxLr", message: `maxLr (${maxLr}) is below the base rate (${baseLr}): the cycle is upside down.` });
  }
  if (definition.kind === "oneCycle" && maxLr === 0) warnings.push({ path: "maxLr", message: "maxLr is 0: the weights never change." });
  return warnings;
}
