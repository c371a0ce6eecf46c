const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
// Python writes nan/inf, NumPy and pandas NaN/inf, JavaScript NaN/Infinity.
const NON_FINITE = new Map<string, number>([
  ["nan", NaN],
  ["+nan", NaN],
  ["-nan", NaN],
  ["inf", Infinity],
  ["+inf", Infinity],
  ["infinity", Infinity],
  ["+infinity", Infinity],
  ["-inf", -Infinity],
  ["-infinity", -Infinity],
]);
// Cells that mean "nothing logged here": Keras' CSVLogger writes NA, R writes NA, Python None.
const ABSENT = new Set(["", "na", "n/a", "null", "none"]);

export type Cell = number | "absent" | "invalid";

/** Reads a cell of a text table; `decimalComma` for semicolon-separated files from comma-decimal locales. */
export function parseNumberCell(cell: string, decimalComma = false): Cell {
  const text = cell.trim();
  const lower = text.toLowerCase();
  if (ABSENT.has(lower)) return "absent";
  const nonFinite = NON_FINITE.get(lower);
  if (nonFinite !== undefined) return nonFinite;
  if (DECIMAL.test(text)) return Number(text);
  if (decimalComma && DECIMAL_COMMA.test(text)) return Number(text.replace(",", "."));
  return "invalid";
}

/** Quotes a bad cell for a message without letting a huge cell flood it. */
export function quoteCell(cell: string): string {
  return `'${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}'`;
}
