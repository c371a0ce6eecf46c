import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { taskList } from "@/app/_lib/cached-reads";
import { REPORTED_TRANSFER, reportedFor } from "@/lib/reported/figures";
import { TIER_NAMES, type TierName } from "@/lib/tasks/catalog";
import { ReportedFigures, ReportedTransfer } from "../../_components/ReportedFigures";
import { TaskTierFields } from "../../_components/TaskTierFields";
import { CifarJumps } from "../_components/CifarJumps";
import { Ps10Stages } from "../_components/Ps10Stages";
import { TransferStages } from "../_components/TransferStages";
import { ANALYSES } from "../analyses";

type Params = Promise<{ task: string }>;
type Search = Promise<Record<string, string | undefined>>;
const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const analysis = ANALYSES[(await params).task];
  return { title: analysis ? analysis.title : "Analysis not found" };
}

export default async function TaskAnalysisPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { task: taskId } = await params;
  const analysis = ANALYSES[taskId];
  if (!analysis) notFound();
  const query = await searchParams;
  const tier: TierName = TIER_NAMES.includes(query.tier as TierName) ? (query.tier as TierName) : "smoke";
  const verified = query.verified === "1";
  // The shared picker submits the task as a field; another task means another analysis page.
  if (query.task && query.task !== taskId && ANALYSES[query.task]) {
    redirect(`/analyses/${query.task}?${new URLSearchParams({ tier, ...(verified ? { verified: "1" } : {}) })}`);
  }
  const tasks = (await taskList()).filter((t) => ANALYSES[t.id]);
  const filters = { taskId, tier, verifiedOnly: verified };
  const Analysis = { "ps10-noise": Ps10Stages, "cifar10-wrn": CifarJumps, "imagenet-subset-transfer": TransferStages }[taskId]!;

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{analysis.title}</h1>
        <p className="mt-1 text-sm">
          <Link href={`/tasks#${taskId}`} className="text-indigo-700 hover:underline">The task</Link>
          {" · "}
          <Link href={`/leaderboard?${new URLSearchParams({ task: taskId, tier })}`} className="text-indigo-700 hover:underline">its leaderboard</Link>
          {" · "}
          <Link href="/profiles" className="text-indigo-700 hover:underline">performance profiles across tasks</Link>
        </p>
        <p className="mt-2 max-w-3xl text-slate-600">{analysis.description}</p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <TaskTierFields tasks={tasks} taskField="task" task={taskId} tier={tier} selectClassName={select} />
        <label className="flex items-center gap-1 self-center">
          <input type="checkbox" name="verified" value="1" defaultChecked={verified} /> verified only
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-slate-50 px-3 py-1 hover:bg-slate-100">Show</button>
      </form>
      <Analysis filters={filters} />
      {taskId === "imagenet-subset-transfer" && <ReportedTransfer rows={REPORTED_TRANSFER} />}
      <ReportedFigures figures={reportedFor(taskId)} />
    </div>
  );
}
