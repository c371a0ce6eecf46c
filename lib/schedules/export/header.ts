import type { ScheduleDefinition } from "../definition";

/** Comment lines naming the schedule, so a pasted snippet says where it came from. */
export function pyHeader(def: ScheduleDefinition, target: string): string {
  const lines = [`# lrbench schedule '${def.kind}'${def.name ? `: ${oneLine(def.name)}` : ""} (${target})`];
  if (def.description) lines.push(`# ${oneLine(def.description).slice(0, 200)}`);
  lines.push(`# One schedule step = one ${def.unit}.`);
  return lines.join("\n");
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, " ");
}
