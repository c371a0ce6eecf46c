import type { RunDecays } from "@/db/queries/decays";
import type { Schedule } from "@/db/schema";
import { AUTO_DECAY_G0_READING } from "@/lib/baselines";
import { mean } from "@/lib/stats";
import { formatEpoch } from "@/lib/format/epoch";

/** When each schedule of a head-to-head decayed, seed by seed, and the epochs it used. */
export function DecayEpochsTable({ sides }: { sides: { schedule: Schedule; runs: RunDecays[] }[] }) {
  const rows = sides.map(({ schedule, runs }) => ({ schedule, runs: [...runs].sort((x, y) => (x.seed ?? 0) - (y.seed ?? 0)) }));
  const showsAutoDecay = sides.some(({ schedule }) => schedule.kind === "autoDecay");
  if (rows.every((row) => row.runs.length === 0)) return showsAutoDecay ? <p className="text-xs text-slate-500">{AUTO_DECAY_G0_READING}</p> : null;
  return (
    <div className="overflow-x-auto text-sm" data-testid="decay-epochs">
      <table className="min-w-full text-left">
        <caption className="mb-1 text-left font-medium">Decay epochs and epochs used, per seed</caption>
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th className="py-1 pr-4 font-medium">Schedule</th>
            <th className="py-1 pr-4 font-medium">Decays at epoch (seed: epochs)</th>
            <th className="py-1 pr-4 font-medium">Epochs used (mean)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ schedule, runs }) => {
            const used = runs.map((r) => r.epochs).filter((e): e is number => e !== null);
            return (
              <tr key={schedule.id} className="border-b border-slate-100">
                <td className="py-1 pr-4 font-medium">{schedule.name}</td>
                <td className="py-1 pr-4">
                  {runs.map((r) => `seed ${r.seed ?? "?"}: ${r.decays.length ? r.decays.map((d) => formatEpoch(d.x)).join(", ") : "none"}${r.terminatedAt !== null ? `, stopped at ${formatEpoch(r.terminatedAt)}` : ""}`).join("; ")}
                </td>
                <td className="py-1 pr-4">{used.length ? formatEpoch(mean(used)) : "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {showsAutoDecay && <p className="mt-1 text-xs text-slate-500">{AUTO_DECAY_G0_READING}</p>}
    </div>
  );
}
