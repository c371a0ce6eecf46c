import type { ReactNode } from "react";

/**
 * card: a table that stands alone on the page, on a white card of its own.
 * ruled: a table inside a card, its head ruled off from the rows.
 * compact: a table inside a card whose rows carry their own rules above them.
 */
const LOOKS = {
  card: { frame: "overflow-x-auto rounded-lg border border-slate-200 bg-white", head: "border-b border-slate-200 text-slate-500" },
  ruled: { frame: "overflow-x-auto", head: "border-b border-slate-200 text-slate-500" },
  compact: { frame: "overflow-x-auto", head: "text-slate-500" },
} as const;

/**
 * A table that scrolls sideways in its own box when it is wider than the page, instead of widening the
 * page. `head` is the header row's cells; `children` are the body's rows.
 */
export function DataTable({
  look,
  head,
  children,
  "data-testid": testId,
}: {
  look: keyof typeof LOOKS;
  head: ReactNode;
  children: ReactNode;
  "data-testid"?: string;
}) {
  return (
    <div className={LOOKS[look].frame}>
      <table className="min-w-full text-left text-sm" data-testid={testId}>
        <thead className={LOOKS[look].head}>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
