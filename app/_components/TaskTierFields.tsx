import { TIER_NAMES } from "@/lib/tasks/catalog";

interface TaskTierFieldsProps {
  tasks: { id: string; name: string }[];
  /** The form field the task id travels in: `task` in queries, `taskId` in request bodies. */
  taskField: "task" | "taskId";
  task: string;
  tier: string;
  selectClassName: string;
}

/** The task and tier pickers that every task-scoped form shares. */
export function TaskTierFields({ tasks, taskField, task, tier, selectClassName }: TaskTierFieldsProps) {
  return (
    <>
      <label>
        Task
        <select name={taskField} defaultValue={task} className={selectClassName}>
          {tasks.map((t) => (
            <option key={t.id} value={t.id}>{t.name}</option>
          ))}
        </select>
      </label>
      <label>
        Tier
        <select name="tier" defaultValue={tier} className={selectClassName}>
          {TIER_NAMES.map((name) => (
            <option key={name} value={name}>{name}</option>
          ))}
        </select>
      </label>
    </>
  );
}
