import type { Metadata } from "next";
import { getDb } from "@/db";
import { listPublicSchedules } from "@/db/queries/schedules";
import { listTasks } from "@/db/queries/tasks";
import { RUN_LOG_FORMATS } from "@/lib/runlogs";
import { UploadForm } from "./UploadForm";

export const metadata: Metadata = { title: "Upload a run log" };

export default async function UploadPage() {
  const { db } = await getDb();
  const [tasks, schedules] = await Promise.all([listTasks(db), listPublicSchedules(db)]);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">Upload a run log</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Bring the log you already have. It is recognised, its metrics are mapped to lr, train_loss, train_acc, test_loss and test_acc, and the run
          page shows every decay and the accuracy jump after it. CI pipelines use <code>npx lrbench upload</code> or the API with a token.
        </p>
      </header>
      <UploadForm
        tasks={tasks.map((t) => ({ value: t.id, label: t.name, tiers: t.tiers.map(({ tier, epochs }) => ({ tier, epochs })) }))}
        schedules={schedules.map((s) => ({ value: s.id, label: s.name }))}
        formats={[...RUN_LOG_FORMATS]}
      />
    </div>
  );
}
