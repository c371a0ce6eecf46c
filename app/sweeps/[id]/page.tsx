import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { scheduleColors } from "@/lib/charts/colors";
import { AppError } from "@/lib/errors";
import { formatRate } from "@/lib/format/rate";
import { currentActor } from "../../_lib/auth/actor";
import { loadSweep, readSweepAs } from "../../_lib/operations/sweeps";
import { FinalAgainstValue, SweepOverlay } from "./SweepCharts";
import { DataTable } from "@/app/_components/DataTable";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { db } = await getDb();
  const sweep = await readSweepAs(db, await currentActor(db), (await params).id);
  return { title: sweep ? `Sweep of ${sweep.field}: ${sweep.name}` : "Sweep not found" };
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

export default async function SweepPage({ params, searchParams }: { params: Params; searchParams: Promise<{ log?: string }> }) {
  const { db } = await getDb();
  let view;
  try {
    view = await loadSweep(db, await currentActor(db), (await params).id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const { sweep, results, curves, jobs } = view;
  const logY = (await searchParams).log !== "0";
  const colors = new Map<number, string>();
  const byLabel = scheduleColors(sweep.values.map((v) => `${sweep.field}=${formatRate(v)}`));
  for (const v of sweep.values) colors.set(v, byLabel.get(`${sweep.field}=${formatRate(v)}`)!);
  const waiting = jobs.filter((j) => j.state === "queued" || j.state === "running").length;
  const diverged = results.filter((r) => r.diverged > 0);

  return (
    <article className="space-y-6" data-testid="sweep">
      <header>
        <p className="text-sm text-slate-500">
          Sweep · {sweep.taskId} {sweep.tier} · seeds {sweep.seeds.join(", ")}
          {sweep.visibility !== "public" ? ` · ${sweep.visibility}` : ""}
        </p>
        <h1 className="mt-1 text-2xl font-bold">{sweep.name}: {sweep.field} over {sweep.values.map((v) => formatRate(v)).join(", ")}</h1>
        <p className="mt-2 text-sm text-slate-600">
          {waiting > 0 ? `${waiting} of ${jobs.length} replays still queued or running; the charts fill as they finish.` : `${jobs.length} replays, all done.`}{" "}
          {diverged.length > 0
            ? `Diverged (a training loss or rate that stopped being finite, a result): ${diverged.map((r) => `${sweep.field}=${formatRate(r.value)} (${r.diverged} of ${r.runs.length})`).join(", ")}.`
            : "No run diverged."}
        </p>
        <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(sweep.baseDefinition)}</pre>
      </header>

      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="sweep-overlay">
        <h2 className="font-semibold">Training loss per epoch</h2>
        <p className="text-sm text-slate-600">
          {logY ? "Log scale" : "Linear scale"} (<Link href={`?log=${logY ? "0" : "1"}`} className="text-indigo-700 hover:underline">{logY ? "linear" : "log"}</Link>); a diverged run is dashed, stops at its last finite epoch and is marked where it diverged.
        </p>
        <SweepOverlay field={sweep.field} results={results} curves={curves} colors={colors} metric="train_loss" logY={logY} />
        {diverged.length > 0 && (
          <ul className="flex flex-wrap gap-2 text-xs" data-testid="sweep-diverged" aria-label="diverged runs, marked on the charts">
            {diverged.flatMap((r) =>
              r.runs
                .filter((run) => run.status === "diverged")
                .map((run) => (
                  <li key={run.id} className="rounded border px-1.5 py-0.5" style={{ borderColor: colors.get(r.value), color: colors.get(r.value) }}>
                    <Link href={`/runs/${run.id}`}>
                      {sweep.field}={formatRate(r.value)} seed {run.seed}: diverged{run.divergedEpoch !== null ? ` at epoch ${run.divergedEpoch}` : ""}
                    </Link>
                  </li>
                )),
            )}
          </ul>
        )}
        <h2 className="font-semibold">Test accuracy per epoch</h2>
        <SweepOverlay field={sweep.field} results={results} curves={curves} colors={colors} metric="test_acc" logY={false} />
      </section>

      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="sweep-final">
        <h2 className="font-semibold">Final figures against {sweep.field}</h2>
        <div className="grid gap-4 lg:grid-cols-2">
          <FinalAgainstValue field={sweep.field} results={results} metric="acc" />
          <FinalAgainstValue field={sweep.field} results={results} metric="loss" />
        </div>
        <DataTable
          look="compact"
          data-testid="sweep-table"
          head={
            <>
              <th className="pr-4 font-medium">{sweep.field}</th>
              <th className="pr-4 font-medium">Runs</th>
              <th className="pr-4 font-medium">Final test accuracy (95% interval)</th>
              <th className="pr-4 font-medium">Final training loss</th>
              <th className="pr-4 font-medium">Diverged</th>
            </>
          }
        >
          {results.map((r) => (
            <tr key={r.value} className="border-t border-slate-100">
              <td className="pr-4">
                <span className="mr-1 inline-block h-2 w-2 rounded-full" style={{ background: colors.get(r.value) }} />
                <Link href={`/schedules/${r.scheduleId}`} className="text-indigo-700 hover:underline">{formatRate(r.value)}</Link>
              </td>
              <td className="pr-4">
                {r.runs.map((run) => (
                  <Link key={run.id} href={`/runs/${run.id}`} className="mr-2 text-indigo-700 hover:underline">seed {run.seed}</Link>
                ))}
              </td>
              <td className="pr-4">{r.acc ? `${percent(r.acc.mean)}${r.acc.halfWidth !== null ? ` ± ${percent(r.acc.halfWidth)}` : " (one seed)"}` : "–"}</td>
              <td className="pr-4">{r.loss ? r.loss.mean.toPrecision(3) : "–"}</td>
              <td className="pr-4">{r.diverged > 0 ? <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800">{r.diverged} diverged</span> : "–"}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </article>
  );
}
