import Link from "next/link";
import { getDb } from "@/db";
import { countPublicSchedules, listPublicSchedules } from "@/db/queries/schedules";
import { HeadToHeadPanel } from "./_components/HeadToHeadPanel";
import { listTasks } from "@/db/queries/tasks";
import { parseDefinition } from "@/lib/schedules";
import { LineChart } from "./_components/LineChart";
import { previewCurve } from "@/lib/preview/curve";

// StepDecay against AutoDecay is the comparison the platform exists for; show both shapes up front.
function featuredCurves() {
  const stepDecay = parseDefinition({ kind: "multiStep", lr: 0.1, milestones: [100, 150], gamma: 0.1 });
  const autoDecay = parseDefinition({ kind: "autoDecay", lr: 0.1 });
  if (!stepDecay.ok || !autoDecay.ok) return [];
  return [
    { label: "StepDecay (x0.1 at 100, 150)", points: previewCurve(stepDecay.definition, 200).lr, color: "#4f46e5" },
    { label: "AutoDecay (synthetic loss)", points: previewCurve(autoDecay.definition, 200).lr, color: "#d97706" },
  ].map((s) => ({ ...s, stepped: true, points: s.points.map((lr, t): [number, number] => [t, lr]) }));
}

export default async function HomePage() {
  const { db } = await getDb();
  const [tasks, scheduleCount, schedules] = await Promise.all([listTasks(db), countPublicSchedules(db), listPublicSchedules(db)]);
  // The comparison the platform exists for, from the baseline replays on PS10 smoke.
  const stepDecay = schedules.find((s) => s.isBaseline && s.taskId === "ps10-noise" && s.name.endsWith("smoke"));
  const autoDecay = schedules.find((s) => s.isBaseline && s.kind === "autoDecay");
  const curves = featuredCurves();

  return (
    <div className="space-y-12">
      <section className="grid gap-8 md:grid-cols-2 md:items-center">
        <div className="space-y-4">
          <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Learning-rate schedules, measured.</h1>
          <p className="text-slate-700">
            Training curves sit flat for many epochs, then drop sharply when the learning rate is decayed. Which
            schedule to use (step decay, AutoDecay, cosine, cyclical, 1cycle, warm restarts) is still argued from
            anecdotes. lrbench replays each schedule on standard tasks, with the same data, model and seeds, and
            compares the results.
          </p>
          <div className="flex flex-wrap gap-3">
            <Link href="/schedules" className="rounded bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
              Browse {scheduleCount} schedules
            </Link>
            <Link href="/schedules/new" className="rounded border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100">
              Define a schedule
            </Link>
          </div>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <LineChart series={curves} xLabel="epoch" yLabel="learning rate (log)" logY title="StepDecay and AutoDecay" />
          <ul className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
            {curves.map((c) => (
              <li key={c.label} className="flex items-center gap-1">
                <span className="inline-block h-2 w-4 rounded" style={{ background: c.color }} /> {c.label}
              </li>
            ))}
          </ul>
        </div>
      </section>

      {stepDecay && autoDecay && <HeadToHeadPanel db={db} a={stepDecay} b={autoDecay} taskId="ps10-noise" tier="smoke" />}

      <section className="grid gap-4 md:grid-cols-3">
        <Feature title="Exact schedules">
          One JSON definition means the same rates everywhere: the live preview, the <code>lrbench</code> command
          line, the workers, and the PyTorch, optax and Keras code you can export. It matches PyTorch&apos;s
          lr_scheduler to a relative 1e-6.
        </Feature>
        <Feature title="Standard tasks">
          CIFAR-10 on a Wide ResNet, PS10 with label noise (simple vs complex patterns, noise memorisation), and
          ImageNet-subset transfer (what each decay stage learns), each in smoke, short and full tiers.
        </Feature>
        <Feature title="The paper's questions">
          Following &lsquo;How Does Learning Rate Decay Help Modern Neural Networks?&rsquo;: does a large initial
          rate stop memorisation of noise, are complex patterns learned after decays, and does AutoDecay match
          StepDecay in fewer epochs?
        </Feature>
      </section>

      <section>
        <h2 className="mb-3 text-xl font-semibold">Tasks</h2>
        <ul className="grid gap-3 md:grid-cols-3">
          {tasks.map((task) => (
            <li key={task.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <Link href={`/tasks#${task.id}`} className="font-medium text-indigo-700 hover:underline">
                {task.name}
              </Link>
              <p className="mt-1 text-sm text-slate-600">{task.summary}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Feature({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="font-semibold">{title}</h3>
      <p className="mt-1 text-sm text-slate-600">{children}</p>
    </div>
  );
}
