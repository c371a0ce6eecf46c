import type { Schedule } from "@/db/schema";
import type { ScheduleFormStart } from "./ScheduleForm";

/**
 * The form's starting values from an existing schedule. A fork keeps its name (marked) and says where
 * it came from; a template takes only the definition. Neither carries the id: saving creates.
 */
export function startFrom(source: Schedule, how: "fork" | "template" | "edit"): ScheduleFormStart {
  const { definition } = source;
  if (how === "edit") return { id: source.id, name: source.name, description: source.description, visibility: source.visibility, definition };
  if (how === "template") return { name: "", description: null, visibility: "public", definition };
  const origin = `Forked from '${source.name}' (/schedules/${source.id}).`;
  return {
    name: `${source.name} (fork)`.slice(0, 100),
    description: source.description ? `${origin}\n\n${source.description}`.slice(0, 2000) : origin,
    visibility: source.visibility === "private" ? "private" : "public",
    definition,
  };
}
