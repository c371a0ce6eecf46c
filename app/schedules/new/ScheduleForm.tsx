"use client";

import { useActionState, useDeferredValue, useMemo, useState } from "react";
import {
  describeBudget,
  isBudgetRelative,
  kindInfo,
  parseDefinition,
  SCHEDULE_KINDS,
  suspiciousValues,
  type FieldInfo,
  type ScheduleDefinition,
  type ScheduleKind,
} from "@/lib/schedules";
import { taskRecipe } from "@/lib/baselines";
import { DEFAULT_BUDGET_PARAM, parseBudgetParam, tierBudgets } from "@/lib/preview/budget";
import { previewSteps } from "@/lib/preview/horizon";
import { ScheduleCurve } from "../../_components/ScheduleCurve";
import type { ActionState } from "../../_lib/validated-action";
import { saveSchedule, updateScheduleAction } from "./actions";
import {
  definitionFromValues,
  fieldKeys,
  fieldOfPath,
  labelledMessage,
  percentKey,
  takesPercent,
  valuesFromDefinition,
  valuesFromExample,
  type FieldValues,
} from "./definition-fields";

const inputClass =
  "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500";
const MAX_PREVIEW_STEPS = 200_000;
const TIER_BUDGETS = tierBudgets();
/** The budget select's choice of typing epochs (and iterations per epoch) by hand. */
const CUSTOM_BUDGET = "custom";

function initialKind(): ScheduleKind {
  return (SCHEDULE_KINDS.find((k) => k.kind === "multiStep") ?? SCHEDULE_KINDS[0]).kind;
}

/** What the form opens with: a schedule being edited (with its id), or one to start from (a fork, a template). */
export interface ScheduleFormStart {
  id?: string;
  name: string;
  description: string | null;
  visibility: "public" | "unlisted" | "private";
  definition: ScheduleDefinition;
}

export function ScheduleForm({ start }: { start?: ScheduleFormStart }) {
  const editing = start?.id !== undefined;
  const [kind, setKind] = useState<ScheduleKind>(() => start?.definition.kind ?? initialKind());
  const info = kindInfo(kind)!;
  const [values, setValues] = useState<FieldValues>(() => (start ? valuesFromDefinition(info, start.definition) : valuesFromExample(info)));
  const [unit, setUnit] = useState<string>(start?.definition.unit ?? info.example.unit ?? "epoch");
  const [epochs, setEpochs] = useState(() => String(previewSteps(start?.definition ?? info.example)));
  const [itersPerEpoch, setItersPerEpoch] = useState("391");
  // "" until the user picks: a budget-relative definition is then drawn for the default tier.
  const [budgetChoice, setBudgetChoice] = useState("");
  const [logY, setLogY] = useState(false);
  const [state, formAction, pending] = useActionState<ActionState, FormData>(editing ? updateScheduleAction : saveSchedule, {});

  const definition = useMemo(() => definitionFromValues(info, unit, values), [info, unit, values]);
  const parsed = useMemo(() => parseDefinition(definition), [definition]);
  const deferred = useDeferredValue(parsed);

  const liveErrors = parsed.ok ? [] : parsed.errors;
  const serverErrors = state.errors ?? [];
  const definitionErrors = [
    ...liveErrors,
    ...serverErrors.filter((e) => e.path.startsWith("definition.")).map((e) => ({ ...e, path: e.path.slice("definition.".length) })),
  ];
  // Messages name fields as the form labels them ("2nd milestone"), not by their JSON path.
  const errorsFor = (name: string) => [...new Set(definitionErrors.filter((e) => fieldOfPath(e.path) === name).map((e) => labelledMessage(info, e)))];
  const warnings = parsed.ok ? suspiciousValues(parsed.definition) : [];
  const warningsFor = (name: string) => warnings.filter((w) => fieldOfPath(w.path) === name).map((w) => labelledMessage(info, w));
  const knownFields = new Set(["unit", "kind", ...info.fields.map((f) => f.name)]);
  const otherErrors = [...new Set(definitionErrors.filter((e) => !knownFields.has(fieldOfPath(e.path))).map((e) => labelledMessage(info, e)))];
  const metaError = (name: string) => serverErrors.find((e) => e.path === name)?.message;

  const relative = parsed.ok && isBudgetRelative(parsed.definition);
  const tier = parseBudgetParam(budgetChoice || (relative ? DEFAULT_BUDGET_PARAM : ""));
  const epochCount = tier?.kind === "tier" ? tier.epochs : Math.max(1, Math.floor(Number(epochs)) || 1);
  const perEpoch = tier?.kind === "tier" ? tier.itersPerEpoch : Math.max(1, Math.floor(Number(itersPerEpoch)) || 1);
  const budget = unit === "iteration" ? epochCount * perEpoch : epochCount;
  const steps = Math.min(budget, MAX_PREVIEW_STEPS);
  // The task's own StepDecay, drawn behind: how the new curve differs from what the task trains with.
  const recipe = taskRecipe(tier?.kind === "tier" ? tier.taskId : DEFAULT_BUDGET_PARAM.split("/")[0]);
  const recipeDefinition = useMemo(() => {
    const parsedRecipe = parseDefinition(recipe.definition);
    return parsedRecipe.ok ? parsedRecipe.definition : null;
  }, [recipe]);

  function chooseKind(next: ScheduleKind) {
    const nextInfo = kindInfo(next)!;
    setKind(next);
    setValues(valuesFromExample(nextInfo));
    setUnit(nextInfo.example.unit ?? "epoch");
    const horizon = previewSteps(nextInfo.example);
    setEpochs(String(nextInfo.example.unit === "iteration" ? Math.max(1, Math.ceil(horizon / perEpoch)) : horizon));
  }

  return (
    <form action={formAction} className="grid gap-8 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)]" noValidate>
      <div className="space-y-4">
        <Field label="Name" error={metaError("name")}>
          <input name="name" required maxLength={100} className={inputClass} placeholder="My step decay" defaultValue={start?.name} aria-invalid={!!metaError("name")} />
        </Field>
        <Field label="Description (optional)" error={metaError("description")}>
          <textarea name="description" rows={2} maxLength={2000} className={inputClass} defaultValue={start?.description ?? undefined} />
        </Field>
        <Field label="Kind" help={info.summary}>
          <select value={kind} onChange={(e) => chooseKind(e.target.value as ScheduleKind)} className={inputClass} name="kindSelect" data-testid="kind-select">
            {SCHEDULE_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="One step is" help="An epoch-unit schedule changes the rate once per epoch; an iteration-unit one once per iteration." error={errorsFor("unit")[0]}>
          <select value={unit} onChange={(e) => setUnit(e.target.value)} className={inputClass} name="unitSelect">
            <option value="epoch">an epoch</option>
            <option value="iteration">an iteration</option>
          </select>
        </Field>
        {info.fields.map((field) => (
          <DefinitionInput
            key={`${kind}.${field.name}`}
            field={field}
            values={values}
            errors={errorsFor(field.name)}
            warnings={warningsFor(field.name)}
            stepUnit={takesPercent(info, field.name) ? (unit === "iteration" ? "iterations" : "epochs") : undefined}
            onChange={(key, value) => setValues((old) => ({ ...old, [key]: value }))}
          />
        ))}
        {otherErrors.length > 0 && (
          <ul className="space-y-1 text-sm text-red-700" role="alert">
            {otherErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
        <Field label="Visibility" error={metaError("visibility")}>
          <select name="visibility" defaultValue={start?.visibility ?? "public"} className={inputClass}>
            <option value="public">public: in the gallery</option>
            <option value="unlisted">unlisted: anyone with the link</option>
            <option value="private">private: only you</option>
          </select>
        </Field>
        <input type="hidden" name="definition" value={JSON.stringify(definition)} />
        {editing && <input type="hidden" name="id" value={start.id} />}
        {state.formError && (
          <p className="rounded border border-red-200 bg-red-50 p-2 text-sm text-red-800" role="alert">
            {state.formError}
          </p>
        )}
        <button
          type="submit"
          disabled={pending || !parsed.ok}
          className="rounded bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:cursor-not-allowed disabled:bg-slate-400"
        >
          {pending ? "Saving…" : editing ? "Save changes" : "Save schedule"}
        </button>
      </div>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 lg:sticky lg:top-4 lg:self-start" aria-label="Preview">
        <div className="flex flex-wrap items-end gap-4">
          <h2 className="mr-auto font-semibold">Preview</h2>
          <label className="text-xs text-slate-600">
            Budget
            <select
              value={tier?.kind === "tier" ? tier.param : CUSTOM_BUDGET}
              onChange={(e) => setBudgetChoice(e.target.value)}
              className={`${inputClass} w-56`}
              name="previewBudget"
              data-testid="preview-budget"
            >
              <option value={CUSTOM_BUDGET}>epochs typed here</option>
              {TIER_BUDGETS.map((t) => (
                <option key={t.param} value={t.param}>
                  {t.taskId} · {t.tier} ({t.epochs} epochs){t.param === DEFAULT_BUDGET_PARAM ? ", default for %" : ""}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs text-slate-600">
            Epochs
            <input
              type="number"
              min={1}
              value={tier?.kind === "tier" ? tier.epochs : epochs}
              readOnly={tier?.kind === "tier"}
              onChange={(e) => setEpochs(e.target.value)}
              className={`${inputClass} w-24`}
              name="previewEpochs"
            />
          </label>
          <label className="text-xs text-slate-600">
            Iterations per epoch
            <input
              type="number"
              min={1}
              value={tier?.kind === "tier" ? tier.itersPerEpoch : itersPerEpoch}
              readOnly={tier?.kind === "tier"}
              onChange={(e) => setItersPerEpoch(e.target.value)}
              className={`${inputClass} w-24`}
              name="previewItersPerEpoch"
            />
          </label>
          <label className="flex items-center gap-1 text-xs text-slate-600">
            <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} /> log scale
          </label>
        </div>
        <div data-testid="preview">
          {deferred.ok ? (
            <ScheduleCurve
              definition={deferred.definition}
              steps={steps}
              budget={budget}
              itersPerEpoch={perEpoch}
              logY={logY}
              title="preview: learning rate"
              overlay={recipeDefinition ? { label: recipe.name, definition: recipeDefinition } : undefined}
            />
          ) : (
            <p className="py-16 text-center text-sm text-slate-500">Fix the fields marked in red to see the curve.</p>
          )}
        </div>
        {relative && (
          <p className="text-xs text-slate-600" data-testid="preview-budget-note">
            Percentages resolve against the preview&apos;s budget: {describeBudget({ unit: unit === "iteration" ? "iteration" : "epoch" }, budget)}
            {tier?.kind === "tier" ? ` (${tier.taskId} ${tier.tier}${budgetChoice ? "" : ", the default"})` : ""}. A replay resolves them for its own task and tier.
          </p>
        )}
        {unit === "iteration" && steps === MAX_PREVIEW_STEPS && (
          <p className="text-xs text-slate-500">Preview limited to the first {MAX_PREVIEW_STEPS.toLocaleString("en")} iterations.</p>
        )}
      </section>
    </form>
  );
}

function Field({ label, help, error, children }: { label: string; help?: string; error?: string; children: React.ReactNode }) {
  return (
    <label className="block text-sm font-medium text-slate-700">
      {label}
      {children}
      {help && <span className="mt-1 block text-xs font-normal text-slate-500">{help}</span>}
      {error && (
        <span className="mt-1 block text-xs font-normal text-red-700" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

interface DefinitionInputProps {
  field: FieldInfo;
  values: FieldValues;
  errors: string[];
  /** Valid but suspicious values, shown without refusing to save. */
  warnings: string[];
  /** For a length field: what its plain numbers count ("epochs"), beside the "% of budget" choice. */
  stepUnit?: string;
  onChange: (key: string, value: string | boolean) => void;
}

/** The unit toggle beside a length field: its numbers are steps, or percentages of the training budget. */
function PercentToggle({ field, values, stepUnit, onChange }: Required<Pick<DefinitionInputProps, "field" | "values" | "stepUnit" | "onChange">>) {
  const key = percentKey(field.name);
  return (
    <select
      aria-label={`unit of ${field.label}`}
      name={`field.${key}`}
      value={values[key] === true ? "percent" : "steps"}
      onChange={(e) => onChange(key, e.target.value === "percent")}
      className="mt-1 shrink-0 rounded border border-slate-300 bg-white px-1 py-1.5 text-xs"
      data-testid={`unit-${field.name}`}
    >
      <option value="steps">{stepUnit}</option>
      <option value="percent">% of budget</option>
    </select>
  );
}

/** A field with its unit toggle beside the input (outside its label: a label holds one control). */
function WithToggle({ toggle, children }: { toggle: React.ReactNode; children: React.ReactNode }) {
  if (!toggle) return children;
  return (
    <div className="flex items-start gap-2">
      <div className="min-w-0 flex-1">{children}</div>
      <div className="pt-5">{toggle}</div>
    </div>
  );
}

function DefinitionInput(props: DefinitionInputProps) {
  return (
    <div>
      <DefinitionControl {...props} />
      {props.warnings.map((warning) => (
        <p key={warning} className="mt-1 text-xs text-amber-800" data-testid="field-warning">
          {warning}
        </p>
      ))}
    </div>
  );
}

function DefinitionControl({ field, values, errors, stepUnit, onChange }: DefinitionInputProps) {
  const invalid = errors.length > 0;
  const errorText = errors.join(" ");
  const defaultHint = field.default !== undefined ? `Default ${JSON.stringify(field.default)}.` : undefined;
  const listHint = field.type === "numberList" ? "Comma-separated." : undefined;
  const help = [field.help, listHint, defaultHint].filter(Boolean).join(" ") || undefined;
  const text = (key: string) => String(values[key] ?? "");
  const toggle = stepUnit ? <PercentToggle field={field} values={values} stepUnit={stepUnit} onChange={onChange} /> : null;
  const percentHint = stepUnit ? (values[percentKey(field.name)] === true ? "Percent of the training budget." : `In ${stepUnit}, or "P%" of the training budget.`) : undefined;

  switch (field.type) {
    case "boolean":
      return (
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" name={`field.${field.name}`} checked={values[field.name] === true} onChange={(e) => onChange(field.name, e.target.checked)} />
          {field.label}
        </label>
      );
    case "enum":
      return (
        <Field label={field.label} help={help} error={errorText}>
          <select name={`field.${field.name}`} value={text(field.name)} onChange={(e) => onChange(field.name, e.target.value)} className={inputClass} aria-invalid={invalid}>
            {(field.options ?? []).map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </Field>
      );
    case "momentum": {
      const [onKey, baseKey, maxKey] = fieldKeys(field);
      const on = values[onKey] === true;
      return (
        <fieldset className="space-y-2 rounded border border-slate-200 p-3">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
            <input type="checkbox" checked={on} onChange={(e) => onChange(onKey, e.target.checked)} name={`field.${field.name}.on`} />
            {field.label}
          </label>
          {on && (
            <div className="grid grid-cols-2 gap-2">
              <Field label="base">
                <input name={`field.${baseKey}`} value={text(baseKey)} onChange={(e) => onChange(baseKey, e.target.value)} className={inputClass} inputMode="decimal" aria-invalid={invalid} />
              </Field>
              <Field label="max">
                <input name={`field.${maxKey}`} value={text(maxKey)} onChange={(e) => onChange(maxKey, e.target.value)} className={inputClass} inputMode="decimal" aria-invalid={invalid} />
              </Field>
            </div>
          )}
          {invalid && <p className="text-xs text-red-700" role="alert">{errorText}</p>}
        </fieldset>
      );
    }
    case "points":
    case "schedules":
      return (
        <WithToggle toggle={toggle}>
          <Field
            label={field.label}
            help={field.type === "points" ? `One 't lr' pair per line, t increasing. ${percentHint ?? ""}`.trim() : `${help ?? ""} A JSON array of definitions.`.trim()}
            error={errorText}
          >
            <textarea
              name={`field.${field.name}`}
              rows={field.type === "points" ? 4 : 8}
              value={text(field.name)}
              onChange={(e) => onChange(field.name, e.target.value)}
              className={`${inputClass} font-mono`}
              aria-invalid={invalid}
            />
          </Field>
        </WithToggle>
      );
    default:
      return (
        <WithToggle toggle={toggle}>
          <Field label={field.label} help={[help, percentHint].filter(Boolean).join(" ") || undefined} error={errorText}>
            <input
              name={`field.${field.name}`}
              value={text(field.name)}
              onChange={(e) => onChange(field.name, e.target.value)}
              className={inputClass}
              inputMode={field.type === "numberList" || stepUnit ? "text" : "decimal"}
              placeholder={field.default !== undefined ? String(field.default) : undefined}
              aria-invalid={invalid}
            />
          </Field>
        </WithToggle>
      );
  }
}
