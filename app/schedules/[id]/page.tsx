import type { Metadata } from "next";
import { AUTO_DECAY_G0_READING, baselineLabel } from "@/lib/baselines";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { currentActor } from "../../_lib/auth/actor";
import { editableBy, readScheduleAs } from "../../_lib/operations/schedules";
import { scheduleResultsData, taskList } from "../../_lib/cached-reads";
import { replayRowsOf } from "../../_lib/operations/replays";
import { ReplayJobs } from "./ReplayJobs";
import { ScheduleResults } from "./ScheduleResults";
import Link from "next/link";
import { drawnPreview } from "@/lib/preview/drawn";
import { DEFAULT_BUDGET_PARAM, describePreviewBudget, parseBudgetParam, planPreview } from "@/lib/preview/budget";
import { can } from "@/lib/auth/policy";
import { exportSchedule, isBudgetRelative, kindInfo } from "@/lib/schedules";
import { BudgetPicker } from "../../_components/BudgetPicker";
import { DeleteScheduleButton } from "./DeleteScheduleButton";
import { ReplayPanel } from "./ReplayPanel";
import { CopyButton } from "../../_components/CopyButton";
import { LineChart } from "../../_components/LineChart";
import { ScheduleCurve } from "../../_components/ScheduleCurve";
import { formatRate } from "@/lib/format/rate";

const EXPORT_TARGETS = [
  { target: "pytorch", label: "PyTorch" },
  { target: "optax", label: "optax (JAX)" },
  { target: "keras", label: "Keras" },
] as const;

type Params = Promise<{ id: string }>;
type Search = Promise<{ budget?: string | string[] }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { db } = await getDb();
  const schedule = await readScheduleAs(db, await currentActor(db), (await params).id);
  return { title: schedule?.name ?? "Schedule not found" };
}

export default async function SchedulePage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { db } = await getDb();
  const actor = await currentActor(db);
  const schedule = await readScheduleAs(db, actor, (await params).id);
  if (!schedule) notFound();

  const { definition } = schedule;
  const [{ canEdit, hasResults }, results, replayRows] = await Promise.all([
    editableBy(db, actor, schedule),
    scheduleResultsData(schedule.id),
    replayRowsOf(db, actor, schedule.id),
  ]);
  const canCreate = can(actor, "schedule:create");
  const budgetParam = [(await searchParams).budget].flat()[0];
  const unknownBudget = budgetParam !== undefined && budgetParam !== "" && !parseBudgetParam(budgetParam);
  // Budget-relative lengths are drawn and exported for the chosen budget (else the default), and say so.
  const plan = planPreview(definition, budgetParam);
  const steps = plan.steps;
  const info = kindInfo(definition.kind);
  const definitionJson = JSON.stringify(definition, null, 2);
  const curve = drawnPreview(definition, steps, plan.resolveFor);
  const relative = isBudgetRelative(definition);
  const budgetLabel = plan.budget ? describePreviewBudget(definition, plan.budget) : null;
  const isDefault = relative && (!budgetParam || unknownBudget);
  const exportCode = (target: (typeof EXPORT_TARGETS)[number]["target"]) => {
    try {
      return exportSchedule(definition, target, plan.resolveFor);
    } catch (error) {
      return `# ${(error as Error).message.replace(/\n/g, "\n# ")}`;
    }
  };

  return (
    <article className="space-y-8">
      <header>
        <p className="text-sm text-slate-500">
          {info?.label ?? definition.kind} · steps are {definition.unit === "iteration" ? "iterations" : "epochs"}
          {schedule.isBaseline ? ` · ${baselineLabel(schedule)}` : ""}
          {schedule.visibility !== "public" ? ` · ${schedule.visibility}` : ""}
        </p>
        <h1 className="mt-1 text-2xl font-bold">{schedule.name}</h1>
        {schedule.description && <p className="mt-2 max-w-3xl whitespace-pre-line text-slate-700">{schedule.description}</p>}
        {definition.kind === "autoDecay" && <p className="mt-2 max-w-3xl text-sm text-slate-600">{AUTO_DECAY_G0_READING}</p>}
        <div className="mt-3 flex flex-wrap items-start gap-3 text-sm" data-testid="schedule-actions">
          {canEdit && (
            <Link href={`/schedules/${schedule.id}/edit`} className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50">Edit</Link>
          )}
          {canCreate && (
            <Link href={`/schedules/new?fork=${schedule.id}`} className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
              Fork
            </Link>
          )}
          <Link href={`/schedules/new?from=${schedule.id}`} className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50">Use as template</Link>
          {can(actor, "schedule:delete", schedule) && <DeleteScheduleButton id={schedule.id} name={schedule.name} />}
        </div>
        {hasResults && can(actor, "schedule:update", schedule) && (
          <p className="mt-2 text-xs text-slate-500">It has runs or replays measured with this definition, so it no longer changes: fork it to make a variant.</p>
        )}
      </header>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">Learning rate over {steps.toLocaleString("en")} {definition.unit === "iteration" ? "iterations" : "epochs"}</h2>
        <div className="mb-3">
          <BudgetPicker
            chosen={parseBudgetParam(budgetParam)}
            unit={definition.unit}
            defaultLabel={relative ? `default: ${DEFAULT_BUDGET_PARAM.replace("/", " · ")}` : "the schedule's own length"}
          />
          {unknownBudget && (
            <p className="mt-1 text-xs text-red-700" role="alert">
              budget &apos;{budgetParam}&apos; is neither a task and tier (such as {DEFAULT_BUDGET_PARAM}) nor a whole number of steps; showing the default.
            </p>
          )}
        </div>
        {relative && budgetLabel && (
          <p className="mb-2 text-sm text-slate-600" data-testid="budget-note">
            Lengths are percentages of the training budget; drawn and exported here for a budget of {budgetLabel}
            {isDefault ? ", the default (the smoke tier of ps10-noise, which anyone can replay on a CPU)" : ""}.
          </p>
        )}
        {!relative && budgetLabel && (
          <p className="mb-2 text-sm text-slate-600" data-testid="budget-note">
            Drawn over a budget of {budgetLabel}; its lengths are absolute, so the exported code does not depend on the budget.
          </p>
        )}
        <ScheduleCurve definition={definition} steps={steps} budget={plan.resolveFor} title={`${schedule.name}: learning rate`} />
        {curve.momentum && (
          <div className="mt-4">
            <h3 className="mb-1 text-sm font-medium">Momentum</h3>
            <LineChart
              series={[{ label: "momentum", points: curve.momentum, color: "#059669" }]}
              xLabel={definition.unit === "iteration" ? "iteration" : "epoch"}
              yLabel="momentum"
              height={200}
            />
          </div>
        )}
        {curve.events.length > 0 && (
          <ul className="mt-3 space-y-1 text-sm text-slate-600">
            {curve.events.map((event) => (
              <li key={`${event.type}${event.step}`}>
                <span className="font-medium">{event.type}</span> at step {event.step}
                {event.lr !== undefined ? ` to ${formatRate(event.lr)}` : ""}
                {event.reason ? `: ${event.reason}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <ScheduleResults results={results} visibility={schedule.visibility} />

      <ReplayPanel
        scheduleId={schedule.id}
        tasks={(await taskList()).map((t) => ({ id: t.id, name: t.name }))}
        canSubmit={can(actor, "job:submit")}
      >
        <ReplayJobs rows={replayRows} />
      </ReplayPanel>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="mb-2 flex items-center justify-between">
          <h2 className="font-semibold">Definition</h2>
          <CopyButton text={definitionJson} label="Copy JSON" />
        </div>
        <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid="definition-json">
          {definitionJson}
        </pre>
        <p className="mt-2 text-xs text-slate-500">
          Sample it locally: <code>npx lrbench schedule sample schedule.json --steps {steps}{relative ? ` --budget ${plan.resolveFor}` : ""}</code>
        </p>
      </section>

      <section className="space-y-4">
        <h2 className="font-semibold">Use it in your training code</h2>
        {relative && budgetLabel && (
          <p className="text-sm text-slate-600" data-testid="export-budget">
            Resolved for a budget of {budgetLabel}: pick another budget above for your own training length.
          </p>
        )}
        {EXPORT_TARGETS.map(({ target, label }) => {
          const code = exportCode(target);
          return (
            <div key={target} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="mb-2 flex items-center justify-between">
                <h3 className="text-sm font-medium">{label}</h3>
                <CopyButton text={code} />
              </div>
              <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid={`export-${target}`}>
                {code}
              </pre>
            </div>
          );
        })}
      </section>
    </article>
  );
}
