import type { FieldInfo, KindInfo } from "@/lib/schedules";

/** What the inputs hold: text as typed, so a half-typed number is never silently rewritten. */
export type FieldValues = Record<string, string | boolean>;

const MOMENTUM_ON = "cycleMomentum.on";

export function fieldKeys(field: FieldInfo): string[] {
  return field.type === "momentum" ? [MOMENTUM_ON, `${field.name}.base`, `${field.name}.max`] : [field.name];
}

/** Input values showing a kind's example definition. */
export function valuesFromExample(info: KindInfo): FieldValues {
  const example = info.example as Record<string, unknown>;
  const values: FieldValues = {};
  for (const field of info.fields) {
    const value = example[field.name] ?? field.default;
    switch (field.type) {
      case "boolean":
        values[field.name] = value === true;
        break;
      case "numberList":
        values[field.name] = Array.isArray(value) ? value.join(", ") : "";
        break;
      case "points":
        values[field.name] = Array.isArray(value) ? value.map((p) => (p as number[]).join(" ")).join("\n") : "";
        break;
      case "schedules":
        values[field.name] = value === undefined ? "" : JSON.stringify(value, null, 2);
        break;
      case "momentum": {
        const momentum = value as { base?: number; max?: number } | undefined;
        values[MOMENTUM_ON] = momentum !== undefined;
        values[`${field.name}.base`] = String(momentum?.base ?? 0.85);
        values[`${field.name}.max`] = String(momentum?.max ?? 0.95);
        break;
      }
      default:
        values[field.name] = value === undefined ? "" : String(value);
    }
  }
  return values;
}

// Text that is not a number is passed through as text, so validation names the field instead of
// the form guessing what was meant.
function toNumber(text: string): number | string {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed !== "" && Number.isFinite(n) ? n : trimmed;
}

function parseList(text: string): (number | string)[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(toNumber);
}

/** The definition the inputs describe; empty inputs are left out so the kind's defaults apply. */
export function definitionFromValues(info: KindInfo, unit: string, values: FieldValues): Record<string, unknown> {
  const definition: Record<string, unknown> = { kind: info.kind, unit };
  for (const field of info.fields) {
    const raw = values[field.name];
    switch (field.type) {
      case "boolean":
        definition[field.name] = raw === true;
        break;
      case "momentum":
        if (values[MOMENTUM_ON] === true) {
          definition[field.name] = {
            base: toNumber(String(values[`${field.name}.base`] ?? "")),
            max: toNumber(String(values[`${field.name}.max`] ?? "")),
          };
        }
        break;
      case "numberList":
        if (typeof raw === "string" && raw.trim() !== "") definition[field.name] = parseList(raw);
        break;
      case "points":
        if (typeof raw === "string" && raw.trim() !== "") {
          definition[field.name] = raw
            .split("\n")
            .filter((line) => line.trim() !== "")
            .map(parseList);
        }
        break;
      case "schedules":
        if (typeof raw === "string" && raw.trim() !== "") {
          try {
            definition[field.name] = JSON.parse(raw);
          } catch {
            definition[field.name] = raw;
          }
        }
        break;
      case "enum":
        if (typeof raw === "string" && raw !== "") definition[field.name] = raw;
        break;
      default:
        if (typeof raw === "string" && raw.trim() !== "") definition[field.name] = toNumber(raw);
    }
  }
  return definition;
}

/** The input an error belongs under: `milestones[2]` belongs to `milestones`. */
export function fieldOfPath(path: string): string {
  return path.split(/[.[]/)[0] ?? "";
}
