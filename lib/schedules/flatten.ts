import type { StaticDefinition } from "./definition";

/**
 * A sequence whose children may themselves be sequences, as one flat list: a nested sequence
 * starting at m behaves exactly like its own children placed at m + their milestones (those
 * that start before the next outer milestone). Exporters need this since SequentialLR,
 * join_schedules etc. are flat.
 */
export function flattenSequence(d: Extract<StaticDefinition, { kind: "sequence" }>): {
  schedules: Exclude<StaticDefinition, { kind: "sequence" }>[];
  milestones: number[];
} {
  const schedules: Exclude<StaticDefinition, { kind: "sequence" }>[] = [];
  const starts: number[] = [];
  d.schedules.forEach((child, i) => {
    const start = i === 0 ? 0 : d.milestones[i - 1];
    const end = i < d.milestones.length ? d.milestones[i] : Infinity;
    if (child.kind !== "sequence") {
      schedules.push(child);
      starts.push(start);
      return;
    }
    const inner = flattenSequence(child);
    inner.schedules.forEach((c, j) => {
      const s = start + (j === 0 ? 0 : inner.milestones[j - 1]);
      if (s < end) {
        schedules.push(c);
        starts.push(s);
      }
    });
  });
  return { schedules, milestones: starts.slice(1) };
}
