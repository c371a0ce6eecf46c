import type { ReportedFigure, ReportedSource, ReportedTransferRow } from "@/lib/reported/figures";

function Cite({ source }: { source: ReportedSource }) {
  const text = `${source.cite}${source.where ? `, ${source.where}` : ""}`;
  return source.url ? (
    <a href={source.url} className="underline decoration-dotted" title={source.title}>{text}</a>
  ) : (
    <span title={source.title}>{text}</span>
  );
}

/**
 * Papers' figures, drawn apart from measurements (dashed, italic, "reported in"): they come from other
 * code, data and budgets, so they sit beside a leaderboard or a head-to-head, never in its ranking.
 */
export function ReportedFigures({ figures, title = "Reported in papers (not measured here, not ranked)" }: { figures: ReportedFigure[]; title?: string }) {
  if (figures.length === 0) return null;
  return (
    <aside className="rounded-lg border border-dashed border-slate-400 bg-slate-50 p-3 text-sm italic text-slate-700" data-testid="reported-figures">
      <p className="font-medium not-italic text-slate-600">{title}</p>
      <ul className="mt-1 space-y-0.5">
        {figures.map((figure) => (
          <li key={`${figure.source.cite}-${figure.label}`}>
            {figure.model}, {figure.label}: {(figure.accuracy * 100).toFixed(2)}% top-1 on {figure.dataset}, reported in <Cite source={figure.source} />
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** The rows of the paper's table 2 the project has, beside the measured table, in the paper's own percent. */
export function ReportedTransfer({ rows }: { rows: ReportedTransferRow[] }) {
  if (rows.length === 0) return null;
  const stages = Math.max(...rows.map((row) => row.sourceAcc.length));
  return (
    <aside className="overflow-x-auto rounded-lg border border-dashed border-slate-400 bg-slate-50 p-3 text-sm italic text-slate-700" data-testid="reported-transfer">
      <p className="font-medium not-italic text-slate-600">Reported in the paper (full ImageNet, ResNet-50; not measured here, not ranked)</p>
      <table className="mt-1 min-w-full text-left">
        <thead className="text-slate-500">
          <tr>
            <th className="pr-3 font-medium">Target</th>
            <th className="pr-3 font-medium">Mode</th>
            {Array.from({ length: stages }, (_, i) => (
              <th key={i} className="pr-3 font-medium">Stage {i + 1}: source / target acc. (transferability)</th>
            ))}
            <th className="pr-3 font-medium">Source</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.target}/${row.mode}`}>
              <td className="pr-3">{row.target}</td>
              <td className="pr-3">{row.mode}</td>
              {Array.from({ length: stages }, (_, i) => (
                <td key={i} className="pr-3">
                  {row.sourceAcc[i] !== undefined ? `${row.sourceAcc[i]}% / ${row.targetAcc[i]}%` : "—"}
                  {i > 0 && row.transferability[i - 1] !== undefined ? ` (${row.transferability[i - 1].toFixed(2)})` : ""}
                </td>
              ))}
              <td className="pr-3"><Cite source={row.source} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
