/** Enough digits for any rate a person types (3e-4, 0.0003125) while dropping floating-point noise (0.1 * 0.1). */
const RATE_DIGITS = 6;

/**
 * A learning rate (or any computed float shown to people) as significant digits: 0.010000000000000002
 * reads "0.01", 1e-7 stays "1e-7". Exported code keeps every digit instead (lib/schedules/export).
 */
export function formatRate(value: number | null, digits = RATE_DIGITS): string {
  if (value === null) return "–";
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  return String(Number(value.toPrecision(digits)));
}
