import type { Metadata } from "next";
import Link from "next/link";
import { profilesPageData } from "@/app/_lib/cached-reads";
import { profilesQuerySchema } from "@/lib/api/profiles";
import { whyNoProfiles } from "@/lib/profiles";
import { TIER_NAMES } from "@/lib/tasks/catalog";
import { LineChart } from "../_components/LineChart";
import { scheduleColors } from "@/lib/charts/colors";
import { Legend } from "../_components/Legend";
import { DataTable } from "@/app/_components/DataTable";

export const metadata: Metadata = { title: "Performance profiles" };

type Search = Promise<Record<string, string | undefined>>;
const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export default async function ProfilesPage({ searchParams }: { searchParams: Search }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v)) as Record<string, string>;
  const parsed = profilesQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : profilesQuerySchema.parse({});
  const filters = { tier: query.tier, verifiedOnly: query.verified === "1" };
  const { result, coverage } = await profilesPageData(filters);
  const emptyBecause = coverage ? whyNoProfiles(coverage, filters) : null;
  const colorOf = scheduleColors(result.schedules.map((s) => s.scheduleName));
  const lines = result.schedules.map((s, i) => ({
    label: s.scheduleName,
    color: colorOf.get(s.scheduleName)!,
    stepped: true,
    // Profiles often coincide (two schedules each best on one task); dashes let the one beneath show.
    dashed: i % 2 === 1,
    points: s.curve.map((p): [number, number] => [p.tau, p.rho]),
  }));
  const apiLink = `/api/v1/profiles?${new URLSearchParams({ ...(query.tier ? { tier: query.tier } : {}), verified: query.verified })}`;

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">Performance profiles</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          How often each schedule is close to the fastest, across tasks (AlgoPerf&apos;s scoring). Each task and tier with results is one
          problem; a schedule&apos;s time on it is its mean epochs to the task&apos;s target accuracy over the seeds that reached it. Its profile
          ρ(τ) is the share of problems on which that time is within a factor τ of the best schedule&apos;s, for τ from 1 to {result.tauMax}; a
          schedule that never reached the target, or has no result there, never counts. The score is the area under the profile divided by
          its width: 1 is fastest everywhere, 0 never within {result.tauMax}× of the fastest.
        </p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <label>
          Tier
          <select name="tier" defaultValue={query.tier ?? ""} className={select}>
            <option value="">every tier</option>
            {TIER_NAMES.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 self-center">
          <input type="checkbox" name="verified" value="1" defaultChecked={query.verified === "1"} /> verified only
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-slate-50 px-3 py-1 hover:bg-slate-100">Show</button>
        <a href={apiLink} className="ml-auto text-indigo-700 hover:underline">JSON</a>
      </form>
      {result.schedules.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-600" data-testid="no-results">
          {emptyBecause} See the <Link href="/leaderboard" className="text-indigo-700 hover:underline">leaderboard</Link>.
        </p>
      ) : (
        <>
          <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="profile-chart">
            <Legend items={lines} />
            <LineChart series={lines} xDomain={[1, result.tauMax]} yDomain={[0, 1]} xLabel="τ (time within this factor of the best)" yLabel="share of problems ρ(τ)" height={300} title="Performance profiles" />
            <p className="text-xs text-slate-500">
              {result.problems.length} {result.problems.length === 1 ? "problem" : "problems"} counted: {result.problems.join(", ") || "none"}.
              {result.ignoredProblems.length > 0 && ` Left out, as no schedule reached the target there: ${result.ignoredProblems.join(", ")}.`}
            </p>
          </section>
          <DataTable
            look="card"
            data-testid="profile-scores"
            head={
              <>
                <th className="px-3 py-2 font-medium">#</th>
                <th className="px-3 py-2 font-medium">Schedule</th>
                <th className="px-3 py-2 font-medium">Score</th>
                <th className="px-3 py-2 font-medium">Problems with results</th>
                {result.problems.map((p) => (
                  <th key={p} className="px-3 py-2 font-medium">{p} (× best)</th>
                ))}
              </>
            }
          >
            {result.schedules.map((s, i) => (
              <tr key={s.scheduleId} className="border-b border-slate-100">
                <td className="px-3 py-1.5">{i + 1}</td>
                <td className="px-3 py-1.5">
                  <Link href={`/schedules/${s.scheduleId}`} className="text-indigo-700 hover:underline">{s.scheduleName}</Link>
                </td>
                <td className="px-3 py-1.5 font-medium">{s.score.toFixed(3)}</td>
                <td className="px-3 py-1.5">{s.problemsRun}</td>
                {result.problems.map((p) => (
                  <td key={p} className="px-3 py-1.5">{typeof s.ratios[p] === "number" ? `${s.ratios[p]!.toFixed(2)}×` : s.ranOn.includes(p) ? "not reached" : "no runs"}</td>
                ))}
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </div>
  );
}
