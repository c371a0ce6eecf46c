/** Colours of a chart's lines in order, shared so that every chart reads the same. */
export const SERIES_COLORS = ["#4f46e5", "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2", "#be185d", "#65a30d"];

/** The colour key shared by the analysis charts (LineChart draws no legend of its own). */
export function Legend({ items }: { items: { label: string; color: string }[] }) {
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
      {items.map((item) => (
        <span key={item.label} className="flex items-center gap-1">
          <span className="inline-block h-2 w-4 rounded" style={{ background: item.color }} /> {item.label}
        </span>
      ))}
    </div>
  );
}
