import Link from "next/link";
import { taskList } from "@/app/_lib/cached-reads";

/**
 * An unknown task or tier: the names that exist, as the API's 404 gives them. Next renders this boundary
 * with every leaderboard view, so it reads the cached list too.
 */
export default async function LeaderboardNotFound() {
  const tasks = await taskList();
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">No such leaderboard</h1>
      <p className="text-slate-600">The task or tier is unknown. These exist:</p>
      <ul className="list-disc pl-6 text-sm">
        {tasks.map((task) => (
          <li key={task.id}>
            <code>{task.id}</code>: tiers{" "}
            {task.tiers.map((t, i) => (
              <span key={t.tier}>
                {i > 0 && ", "}
                <Link href={`/leaderboard?${new URLSearchParams({ task: task.id, tier: t.tier })}`} className="text-indigo-700 hover:underline">{t.tier}</Link>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
