import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { listSweeps } from "@/db/queries/sweeps";
import { listTasks } from "@/db/queries/tasks";
import { formatRate } from "@/lib/format/rate";
import { audienceOf } from "@/lib/auth/policy";
import { currentActor } from "../_lib/auth/actor";
import { describeRecipeOnTier } from "@/lib/baselines";
import { reportedFor } from "@/lib/reported/figures";
import { ReportedFigures } from "../_components/ReportedFigures";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage() {
  const { db } = await getDb();
  const [tasks, sweeps] = await Promise.all([listTasks(db), currentActor(db).then((actor) => listSweeps(db, audienceOf(actor)))]);
  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-2xl font-bold">Standard tasks</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          A task fixes the data, the model, the optimizer apart from its learning rate, the budget and the metrics,
          so that two schedules replayed on it differ only in their schedule. Results of different tiers are never
          ranked together.
        </p>
      </header>
      {tasks.map(({ id, definition: task }) => (
        <section key={id} id={id} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-xl font-semibold">
            {task.name} <code className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-sm font-normal">{task.id}</code>
            {task.taskVersion > 1 && <span className="ml-2 text-sm font-normal text-slate-500">version {task.taskVersion}: runs of earlier versions are kept but not ranked</span>}
          </h2>
          <p className="mt-2 text-slate-700">{task.summary}</p>
          <p className="mt-2 text-sm text-slate-600">{task.purpose}</p>
          <p className="mt-2 text-sm">
            <Link href={`/analyses/${id}`} className="text-indigo-700 hover:underline">The paper&apos;s analysis on this task</Link>
            {" · "}
            <Link href={`/leaderboard?${new URLSearchParams({ task: id })}`} className="text-indigo-700 hover:underline">Leaderboard</Link>
            {" · "}
            <Link href={`/sweeps/new?${new URLSearchParams({ task: id })}`} className="text-indigo-700 hover:underline">Sweep a schedule&apos;s rate</Link>
          </p>
          {sweeps.some((sweep) => sweep.taskId === id) && (
            <ul className="mt-2 list-disc pl-5 text-sm" data-testid="task-sweeps">
              {sweeps.filter((sweep) => sweep.taskId === id).map((sweep) => (
                <li key={sweep.id}>
                  <Link href={`/sweeps/${sweep.id}`} className="text-indigo-700 hover:underline">
                    Sweep: {sweep.name}, {sweep.field} over {sweep.values.map((v) => formatRate(v)).join(", ")} ({sweep.tier})
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <dl className="mt-4 grid gap-3 text-sm md:grid-cols-[10rem_1fr]">
            <dt className="font-medium text-slate-500">Data</dt>
            <dd>{task.data}</dd>
            <dt className="font-medium text-slate-500">Model</dt>
            <dd>{task.model}</dd>
            <dt className="font-medium text-slate-500">Optimizer</dt>
            <dd>{task.optimizer}</dd>
            <dt className="font-medium text-slate-500">Project&apos;s interpretation</dt>
            <dd>
              <ul className="list-disc pl-5" data-testid="interpretations">
                {task.interpretations.map((choice) => (
                  <li key={choice}>{choice}</li>
                ))}
              </ul>
            </dd>
            <dt className="font-medium text-slate-500">Metrics</dt>
            <dd>
              <ul className="list-disc pl-5">
                {task.metrics.map((metric) => (
                  <li key={metric}>{metric}</li>
                ))}
              </ul>
            </dd>
          </dl>
          <div className="mt-4">
            <ReportedFigures figures={reportedFor(id)} />
          </div>
          <div className="mt-4 overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="mb-1 text-left font-medium">Budget tiers</caption>
              <thead className="border-b border-slate-200 text-slate-500">
                <tr>
                  <th className="py-1 pr-4 font-medium">Tier</th>
                  <th className="py-1 pr-4 font-medium">Model</th>
                  <th className="py-1 pr-4 font-medium">Epochs</th>
                  <th className="py-1 pr-4 font-medium">Train / test samples</th>
                  <th className="py-1 pr-4 font-medium">Batch</th>
                  <th className="py-1 pr-4 font-medium">The task&apos;s StepDecay (recipe)</th>
                  <th className="py-1 pr-4 font-medium">Target accuracy</th>
                  <th className="py-1 pr-4 font-medium">Runs on</th>
                </tr>
              </thead>
              <tbody>
                {task.tiers.map((tier) => (
                  <tr key={tier.tier} className="border-b border-slate-100">
                    <td className="py-1 pr-4 font-medium">{tier.tier}</td>
                    <td className="py-1 pr-4">{tier.model}</td>
                    <td className="py-1 pr-4">{tier.epochs}</td>
                    <td className="py-1 pr-4">
                      {tier.trainSamples.toLocaleString("en")} / {tier.testSamples.toLocaleString("en")}
                    </td>
                    <td className="py-1 pr-4">{tier.batchSize}</td>
                    <td className="py-1 pr-4">
                      {describeRecipeOnTier(id, tier.epochs)}
                    </td>
                    <td className="py-1 pr-4">{task.targetAccuracy[tier.tier] !== undefined ? `${(task.targetAccuracy[tier.tier]! * 100).toFixed(0)}%` : "n/a"}</td>
                    <td className="py-1 pr-4">{tier.hardware.toUpperCase()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {task.tiers.some((tier) => tier.measured) && (
            <dl className="mt-4 grid gap-3 text-sm md:grid-cols-[10rem_1fr]" data-testid="measured-capacity">
              {task.tiers.filter((tier) => tier.measured).map((tier) => (
                <div key={tier.tier} className="contents">
                  <dt className="font-medium text-slate-500">Measured ({tier.tier})</dt>
                  <dd>
                    {tier.model}. {tier.measured}
                    {task.documentation && <> The configurations tried are recorded in <code>{task.documentation}</code>.</>}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </section>
      ))}
    </div>
  );
}
