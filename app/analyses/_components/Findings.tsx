import type { Finding, Verdict } from "@/lib/analysis/findings";

const STYLE: Record<Verdict, string> = {
  shown: "border-emerald-300 bg-emerald-50",
  reversed: "border-amber-300 bg-amber-50",
  notShown: "border-slate-300 bg-slate-50",
  tooFewSeeds: "border-slate-300 bg-slate-50",
  noData: "border-slate-200 bg-white",
};

/** What the data say about the paper's claims, in words, each with its interval and seeds. */
export function Findings({ findings, title = "What the data show" }: { findings: Finding[]; title?: string }) {
  if (findings.length === 0) return null;
  return (
    <section className="space-y-2" data-testid="findings">
      <h2 className="font-semibold">{title}</h2>
      <p className="text-xs text-slate-500">
        Means over seeds with their 95% t intervals; differences are paired by seed where both schedules ran the same seeds, Welch&apos;s
        otherwise. An effect counts as shown only when its interval excludes 0 on the paper&apos;s side.
      </p>
      <ul className="space-y-2">
        {findings.map((finding) => (
          <li key={finding.question} className={`rounded-lg border p-3 text-sm ${STYLE[finding.verdict]}`} data-testid="finding" data-verdict={finding.verdict}>
            <p className="font-medium">{finding.question}</p>
            {finding.sentences.map((sentence) => (
              <p key={sentence} className="mt-1 text-slate-700">{sentence}</p>
            ))}
            <p className="mt-1 font-medium text-slate-800">{finding.conclusion}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
