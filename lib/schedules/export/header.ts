import type { ResolvedDefinition } from "../definition";

/** Comment lines naming the schedule, so a pasted snippet says where it came from. */
export function pyHeader(def: ResolvedDefinition, target: string, resolvedFor?: string): string {
  const lines = [`# lrbench schedule '${def.kind}'${def.name ? `: ${oneLine(def.name)}` : ""} (${target})`];
  if (def.description) lines.push(`# ${oneLine(def.description).slice(0, 200)}`);
  lines.push(`# One schedule step = one ${def.unit}.`);
  // Its lengths were percentages of the training budget: this code is right for that budget only.
  if (resolvedFor) lines.push(`# Resolved for a budget of ${resolvedFor}; lengths are percentages of the budget in the definition.`);
  return lines.join("\n");
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, " ");
}
