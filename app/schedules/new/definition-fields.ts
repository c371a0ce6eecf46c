import { budgetFieldsOf, type FieldInfo, type KindInfo } from "@/lib/schedules";

/** What the inputs hold: text as typed, so a half-typed number is never silently rewritten. */
export type FieldValues = Record<string, string | boolean>;

const MOMENTUM_ON = "cycleMomentum.on";

export function fieldKeys(field: FieldInfo): string[] {
  return field.type === "momentum" ? [MOMENTUM_ON, `${field.name}.base`, `${field.name}.max`] : [field.name];
}

/** The value key of a length field's "% of budget" toggle. */
export const percentKey = (name: string) => `${name}.percent`;

/** Whether the field takes a length or position, which may be given as a percentage of the training budget. */
export function takesPercent(info: KindInfo, name: string): boolean {
  return budgetFieldsOf(info.kind).includes(name);
}

const PERCENT_TEXT = /%\s*$/;
const stripPercent = (value: unknown) => String(value).replace(PERCENT_TEXT, "");

/**
 * One step value as typed. With the field's "% of budget" toggle on, a number becomes "P%"; an entry
 * typed with its own "%" is a percentage either way (a list may mix both). Anything else goes through
 * as typed, so validation names the field.
 */
function toStepValue(text: string, percent: boolean): number | string {
  const trimmed = text.trim();
  if (PERCENT_TEXT.test(trimmed)) return trimmed.replace(/\s+/g, "");
  const value = toNumber(trimmed);
  return percent && typeof value === "number" ? `${trimmed}%` : value;
}

/** Input values showing a kind's example definition. */
export function valuesFromExample(info: KindInfo): FieldValues {
  return valuesFromDefinition(info, info.example);
}

/** Input values showing a definition of the kind (an example, or a schedule being edited or forked). */
export function valuesFromDefinition(info: KindInfo, definition: object): FieldValues {
  const example = definition as Record<string, unknown>;
  const values: FieldValues = {};
  for (const field of info.fields) {
    const value = example[field.name] ?? field.default;
    const steps = takesPercent(info, field.name) ? stepsOf(field.type, value) : [];
    // A field written wholly in percentages shows its toggle on and plain numbers.
    const percent = steps.length > 0 && steps.every((v) => typeof v === "string" && PERCENT_TEXT.test(v));
    if (takesPercent(info, field.name)) values[percentKey(field.name)] = percent;
    const shown = (v: unknown) => (percent ? stripPercent(v) : String(v));
    switch (field.type) {
      case "boolean":
        values[field.name] = value === true;
        break;
      case "numberList":
        values[field.name] = Array.isArray(value) ? value.map(shown).join(", ") : "";
        break;
      case "points":
        values[field.name] = Array.isArray(value) ? value.map(([t, ...rest]) => [shown(t), ...rest].join(" ")).join("\n") : "";
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
        values[field.name] = value === undefined ? "" : shown(value);
    }
  }
  return values;
}

/** The step values of a length field: the value, each milestone, or each point's step. */
function stepsOf(type: FieldInfo["type"], value: unknown): unknown[] {
  if (value === undefined) return [];
  if (type === "points") return Array.isArray(value) ? value.map((p) => (p as unknown[])[0]) : [];
  return Array.isArray(value) ? value : [value];
}

// Text that is not a number is passed through as text, so validation names the field instead of
// the form guessing what was meant.
function toNumber(text: string): number | string {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed !== "" && Number.isFinite(n) ? n : trimmed;
}

function splitList(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

/** The definition the inputs describe; empty inputs are left out so the kind's defaults apply. */
export function definitionFromValues(info: KindInfo, unit: string, values: FieldValues): Record<string, unknown> {
  const definition: Record<string, unknown> = { kind: info.kind, unit };
  for (const field of info.fields) {
    const raw = values[field.name];
    const percent = takesPercent(info, field.name) && values[percentKey(field.name)] === true;
    const step = (text: string) => (takesPercent(info, field.name) ? toStepValue(text, percent) : toNumber(text));
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
        if (typeof raw === "string" && raw.trim() !== "") definition[field.name] = splitList(raw).map(step);
        break;
      case "points":
        if (typeof raw === "string" && raw.trim() !== "") {
          definition[field.name] = raw
            .split("\n")
            .filter((line) => line.trim() !== "")
            .map((line) => splitList(line).map((text, column) => (column === 0 ? step(text) : toNumber(text))));
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
        if (typeof raw === "string" && raw.trim() !== "") definition[field.name] = step(raw);
    }
  }
  return definition;
}

/** The input an error belongs under: `milestones[2]` belongs to `milestones`. */
export function fieldOfPath(path: string): string {
  return path.split(/[.[]/)[0] ?? "";
}

const ordinal = (n: number) => {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
};

/**
 * What the form calls a definition path: `lr` is "Learning rate", `milestones[1]` the "2nd milestone",
 * `points[2][1]` the "3rd point's rate", `cycleMomentum.base` "Cycle momentum base".
 */
export function labelOfPath(info: KindInfo, path: string): string {
  const name = fieldOfPath(path);
  const field = info.fields.find((f) => f.name === name);
  if (!field) return path;
  const rest = path.slice(name.length);
  const [, index, more] = /^\[(\d+)\](.*)$/.exec(rest) ?? [];
  if (index === undefined) return rest ? `${field.label} ${rest.replace(/^\./, "")}` : field.label;
  const item = `${ordinal(Number(index) + 1)} ${field.label.toLowerCase().replace(/s$/, "")}`;
  if (field.type === "points" && (more === "[0]" || more === "[1]")) return `${item}'s ${more === "[0]" ? "step" : "rate"}`;
  return more ? `${item} ${more.replace(/^\./, "")}` : item;
}

/**
 * A message in the form's words: the JSON path it starts with becomes the field's label, and an item
 * it mentions ("milestones[0]") the item's name ("the 1st milestone").
 */
export function labelledMessage(info: KindInfo, problem: { path: string; message: string }): string {
  const leading = problem.path && problem.message.startsWith(problem.path);
  const head = leading ? labelOfPath(info, problem.path) : "";
  const rest = leading ? problem.message.slice(problem.path.length) : problem.message;
  const named = rest.replace(/\b([A-Za-z]+)((?:\[\d+\])+)/g, (token, name: string) =>
    info.fields.some((f) => f.name === name) ? `the ${labelOfPath(info, token)}` : token,
  );
  return head + named;
}
