import Link from "next/link";
import { homePageData } from "./_lib/cached-reads";
import { HeadToHeadPanel } from "./_components/HeadToHeadPanel";
import { parseDefinition } from "@/lib/schedules";
import { LineChart } from "./_components/LineChart";
import { previewCurve } from "@/lib/preview/curve";
import { FEATURED, PS10_CONTROLS, taskRecipe } from "@/lib/baselines";

const FEATURED_EPOCHS = 30;
const CONTROL_COLORS = ["#94a3b8", "#64748b", "#334155"];

// The featured comparison's fixed shapes on ps10-noise smoke: StepDecay and the constant controls at its
// stage rates. AutoDecay's rates follow the training loss, so its decays are shown from real runs below.
function featuredCurves() {
  const shapes = [
    { label: `StepDecay (ps10-noise recipe, ${FEATURED_EPOCHS} epochs)`, definition: taskRecipe(FEATURED.taskId).definition, color: "#4f46e5" },
    ...PS10_CONTROLS.map((c, i) => ({ label: c.name, definition: c.definition, color: CONTROL_COLORS[i] })),
  ];
  return shapes.flatMap(({ label, definition, color }) => {
    const parsed = parseDefinition(definition);
    if (!parsed.ok) return [];
    const points = previewCurve(parsed.definition, FEATURED_EPOCHS).lr.map((lr, t): [number, number] => [t, lr]);
    return [{ label, color, stepped: true, points }];
  });
}

export default async function HomePage() {
  const { tasks, scheduleCount, stepDecay, autoDecay, controls, engines, articleSweep } = await homePageData();
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
          <LineChart series={curves} xLabel="epoch" yLabel="learning rate (log)" logY title="StepDecay and the constant controls on ps10-noise smoke" />
          <ul className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
            {curves.map((c) => (
              <li key={c.label} className="flex items-center gap-1">
                <span className="inline-block h-2 w-4 rounded" style={{ background: c.color }} /> {c.label}
              </li>
            ))}
          </ul>
        </div>
      </section>

      {engines.includes("tfjs") && (
        <p className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="slow-engine">
          These replays run on the tfjs engine (no PyTorch was found): the slower engine, about ten times slower than
          torch on this model, so they take longer to appear; they still finish.
        </p>
      )}
      {stepDecay && autoDecay && <HeadToHeadPanel a={stepDecay} b={autoDecay} taskId={FEATURED.taskId} tier={FEATURED.tier} />}
      {stepDecay && controls.length > 0 && (
        <p className="text-sm text-slate-600" data-testid="featured-controls">
          Is a gain after a decay the decay&apos;s, or just the smaller rate&apos;s? The controls of the paper&apos;s figures 9 and 10:{" "}
          {controls.map((control, i) => (
            <span key={control.id}>
              {i > 0 && " · "}
              <Link
                href={`/head-to-head?${new URLSearchParams({ a: stepDecay.id, b: control.id, task: FEATURED.taskId, tier: FEATURED.tier })}`}
                className="text-indigo-700 hover:underline"
              >
                StepDecay vs {control.name}
              </Link>
            </span>
          ))}
        </p>
      )}

      {articleSweep && (
        <p className="text-sm text-slate-600" data-testid="featured-sweep">
          The sweep that started it: a one-layer network on Fashion-MNIST with plain SGD at rates{" "}
          {articleSweep.values.join(", ")}, each curve overlaid and the final accuracy plotted against the rate.{" "}
          <Link href={`/sweeps/${articleSweep.id}`} className="text-indigo-700 hover:underline">See the sweep</Link>
        </p>
      )}

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
