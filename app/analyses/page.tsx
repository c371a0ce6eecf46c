import type { Metadata } from "next";
import Link from "next/link";
import { ANALYSES } from "./analyses";

export const metadata: Metadata = { title: "Analyses" };

export default function AnalysesPage() {
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">Analyses</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          The paper&apos;s questions, one page per task, from every finished public run (one per schedule and seed). Across tasks,{" "}
          <Link href="/profiles" className="text-indigo-700 hover:underline">performance profiles</Link> rank the schedules by their time to target.
        </p>
      </header>
      <ul className="space-y-3">
        {Object.entries(ANALYSES).map(([taskId, analysis]) => (
          <li key={taskId} className="rounded-lg border border-slate-200 bg-white p-4">
            <Link href={`/analyses/${taskId}`} className="font-semibold text-indigo-700 hover:underline">{analysis.title}</Link>
            <p className="mt-1 text-sm text-slate-600">{analysis.description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
