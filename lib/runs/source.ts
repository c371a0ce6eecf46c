/** Where a run came from (db/schema.ts runSource). */
export const RUN_SOURCES = ["uploaded", "replayed", "reference"] as const;
export type RunSource = (typeof RUN_SOURCES)[number];

const LABELS: Record<RunSource, string> = {
  uploaded: "uploaded",
  replayed: "replayed",
  // Never to be mistaken for this database's own replays: it ran elsewhere and came in with the repository.
  reference: "reference replay (imported)",
};

export function sourceLabel(source: string): string {
  return LABELS[source as RunSource] ?? source;
}
