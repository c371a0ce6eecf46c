/** Saturated enough for thin lines on white, and told apart in pairs by hue and lightness. */
export const SCHEDULE_PALETTE = [
  "#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#8b5cf6", "#0f8b8d", "#9c755f", "#c59a00", "#d6457a", "#1f3b73", "#5b7f1b", "#b45309",
] as const;

/** FNV-1a: stable across processes and browsers, unlike any built-in hash. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A schedule's own colour, the same on every page that draws it. */
export function scheduleColor(key: string): string {
  return SCHEDULE_PALETTE[hash(key) % SCHEDULE_PALETTE.length];
}

/**
 * Colours for the schedules one chart draws: each keeps its own colour unless a schedule earlier in
 * the list already took it, in which case it moves to the next free one, so no two on a chart share a
 * colour. Keys sorted first, so the order a page lists them in changes nothing.
 */
export function scheduleColors(keys: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const key of [...new Set(keys)].sort()) {
    const start = hash(key) % SCHEDULE_PALETTE.length;
    let color: string = SCHEDULE_PALETTE[start];
    for (let step = 0; step < SCHEDULE_PALETTE.length && taken.has(color); step++) {
      color = SCHEDULE_PALETTE[(start + step + 1) % SCHEDULE_PALETTE.length];
    }
    taken.add(color);
    out.set(key, color);
  }
  return out;
}
