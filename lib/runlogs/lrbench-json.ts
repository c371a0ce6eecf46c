import { RunLogParseError } from "./errors";
import { isJsonObject, JsonSyntaxError, parseJson, type JsonValue } from "./json";
import { SeriesCollector } from "./series";
import type { ParsedRunLog, XAxis } from "./types";

const X_AXES: readonly XAxis[] = ["epoch", "step", "samples", "time"];

/**
 * The native format, documented in README.md. Checked by hand rather than with zod: this module is on
 * the path of every `lrbench parse`, and loading zod would double the CLI's start-up time.
 */
export function parseLrbenchJson(text: string): ParsedRunLog {
  let json: JsonValue;
  try {
    json = parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new RunLogParseError("lrbench-json", `invalid JSON: ${error.message}`, { line: error.line });
    throw error;
  }
  const fail = (path: string, message: string): never => {
    throw new RunLogParseError("lrbench-json", `${path}: ${message}`);
  };
  if (!isJsonObject(json)) return fail("(document)", "expected an object");
  if (json.format !== "lrbench") fail("format", 'expected "lrbench"');
  if (json.version !== 1) fail("version", "expected 1 (the only version so far)");
  const xAxis = json.xAxis;
  if (typeof xAxis !== "string" || !(X_AXES as readonly string[]).includes(xAxis)) fail("xAxis", `expected ${X_AXES.map((a) => `"${a}"`).join(", ")}`);
  const series = json.series;
  if (series === undefined || !isJsonObject(series)) return fail("series", "expected an object of series");

  const collector = new SeriesCollector("lrbench-json");
  for (const [name, points] of Object.entries(series)) {
    if (!Array.isArray(points)) fail(`series.${name}`, "expected an array of points");
    (points as JsonValue[]).forEach((point, i) => {
      const at = `series.${name}[${i}]`;
      if (!Array.isArray(point) || point.length !== 2) return fail(at, "expected a point [x, value]");
      const [x, y] = point;
      if (typeof x !== "number" || !Number.isFinite(x)) fail(`${at}[0]`, "expected a finite number as x");
      // null stands for a non-finite value: that is how JSON writers (and `lrbench parse`) store NaN.
      if (y !== null && typeof y !== "number") fail(`${at}[1]`, "expected a number or null");
      collector.add(name, x as number, (y as number | null) ?? NaN, { column: at });
    });
  }
  return collector.finish(xAxis as XAxis);
}
