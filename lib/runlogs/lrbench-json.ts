import { z } from "zod";
import { RunLogParseError } from "./errors";
import { JsonSyntaxError, parseJson, type JsonValue } from "./json";
import { SeriesCollector } from "./series";
import type { ParsedRunLog } from "./types";

// null stands for a non-finite value: that is how JSON writers (and `lrbench parse`) store NaN.
const value = z.custom<number | null>((v) => v === null || typeof v === "number", { message: "expected a number or null" });
const point = z.tuple([z.number({ message: "expected a finite number as x" }), value], {
  message: "expected a point [x, value]",
});

export const lrbenchLogSchema = z.object({
  format: z.literal("lrbench", { message: 'expected "lrbench"' }),
  version: z.literal(1, { message: "expected 1 (the only version so far)" }),
  xAxis: z.enum(["epoch", "step", "samples", "time"], { message: 'expected "epoch", "step", "samples" or "time"' }),
  series: z.record(z.string(), z.array(point, { message: "expected an array of points" }), {
    message: "expected an object of series",
  }),
});

/** The native format, documented in README.md. */
export function parseLrbenchJson(text: string): ParsedRunLog {
  let json: JsonValue;
  try {
    json = parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new RunLogParseError("lrbench-json", `invalid JSON: ${error.message}`, { line: error.line });
    throw error;
  }
  const parsed = lrbenchLogSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RunLogParseError("lrbench-json", `${formatPath(issue.path)}: ${issue.message}`);
  }
  const collector = new SeriesCollector("lrbench-json");
  for (const [name, points] of Object.entries(parsed.data.series)) {
    points.forEach(([x, y], i) => collector.add(name, x, y ?? NaN, { column: `series.${name}[${i}]` }));
  }
  return collector.finish(parsed.data.xAxis);
}

/** series.test_acc[3][1], as a person would write the path. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(document)";
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join("");
}
