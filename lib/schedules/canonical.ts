/**
 * JSON with object keys sorted at every level: two definitions that mean the same thing (fields in
 * another order) get the same text, so it can key a cache or find an identical schedule.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
