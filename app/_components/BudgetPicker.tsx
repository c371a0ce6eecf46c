import { tierBudgets, MAX_BUDGET_STEPS, type PreviewBudget } from "@/lib/preview/budget";

const control = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/**
 * The training budget a page draws and exports a schedule for, as `?budget=task/tier` or `?budget=N`:
 * two plain GET forms, so the choice is a link and works without JavaScript.
 */
export function BudgetPicker({ chosen, unit, defaultLabel }: { chosen: PreviewBudget | null; unit: "epoch" | "iteration"; defaultLabel: string }) {
  const tiers = tierBudgets();
  return (
    <div className="flex flex-wrap items-end gap-4 text-sm" data-testid="budget-picker">
      <form method="get" className="flex items-end gap-2">
        <label className="text-xs text-slate-600">
          Budget: a task and tier
          <select name="budget" defaultValue={chosen?.kind === "tier" ? chosen.param : ""} className={`${control} mt-1 block`}>
            <option value="">{defaultLabel}</option>
            {tiers.map((t) => (
              <option key={t.param} value={t.param}>
                {t.taskId} · {t.tier} ({unit === "iteration" ? `${(t.epochs * t.itersPerEpoch).toLocaleString("en")} iterations` : `${t.epochs} epochs`})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={`${control} hover:bg-slate-100`}>Show</button>
      </form>
      <form method="get" className="flex items-end gap-2">
        <label className="text-xs text-slate-600">
          or a number of {unit === "iteration" ? "iterations" : "epochs"}
          <input
            type="number"
            name="budget"
            min={1}
            max={MAX_BUDGET_STEPS}
            step={1}
            required
            defaultValue={chosen?.kind === "steps" ? chosen.steps : undefined}
            className={`${control} mt-1 block w-28`}
          />
        </label>
        <button type="submit" className={`${control} hover:bg-slate-100`}>Show</button>
      </form>
    </div>
  );
}
