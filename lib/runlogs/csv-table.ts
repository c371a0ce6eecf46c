import { RunLogParseError } from "./errors";
import type { RunLogFormat } from "./types";

export type Delimiter = "," | "\t" | ";";

export interface CsvRow {
  /** Line the row starts on, counted from 1 (a quoted cell may span lines). */
  line: number;
  cells: string[];
}

/** The delimiter of a table: whichever of tab, comma and semicolon its first line uses most (outside quotes). */
export function sniffDelimiter(text: string): Delimiter {
  const firstLine = /^[\s]*([^\r\n]*)/.exec(text)?.[1] ?? "";
  const counts: Record<Delimiter, number> = { "\t": 0, ",": 0, ";": 0 };
  let quoted = false;
  for (const c of firstLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\t" || c === "," || c === ";")) counts[c]++;
  }
  const best = (["\t", ",", ";"] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : ",";
}

/** RFC 4180 rows: quoted cells may hold delimiters, newlines and doubled quotes. Blank lines are skipped. */
export function readCsv(text: string, delimiter: Delimiter, format: RunLogFormat): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const n = text.length;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0].trim() === "")) rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
  };
  while (i < n) {
    const c = text[i];
    if (c === '"' && cell.trim() === "") {
      const quoteLine = line;
      cell = "";
      i++;
      for (;;) {
        if (i >= n) throw new RunLogParseError(format, "a quoted cell is never closed", { line: quoteLine });
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === "\n" || (q === "\r" && text[i + 1] !== "\n")) line++;
        cell += q;
        i++;
      }
      while (i < n && (text[i] === " " || (text[i] === "\t" && delimiter !== "\t"))) i++;
      if (i < n && text[i] !== delimiter && text[i] !== "\n" && text[i] !== "\r") {
        throw new RunLogParseError(format, `unexpected ${JSON.stringify(text[i])} after a closing quote`, { line });
      }
      continue;
    }
    if (c === delimiter) {
      cells.push(cell);
      cell = "";
      i++;
    } else if (c === "\n" || c === "\r") {
      endRow();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      cell += c;
      i++;
    }
  }
  if (cell !== "" || cells.length > 0) endRow();
  return rows;
}
