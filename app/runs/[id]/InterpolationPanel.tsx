import type { Job } from "@/db/schema";
import { INTERPOLATION_ALPHAS, readInterpolation } from "@/lib/analysis/interpolation";
import { Chart } from "../../_components/Chart";
import { SERIES_COLORS } from "../../_components/Legend";
import { InterpolationRequest } from "./InterpolationRequest";

interface Props {
  runId: string;
  snapshots: string[];
  latest: { job: Job; pending: Job | null; series: Record<string, [number, number][]> } | null;
  canRequest: boolean;
}

const ends = [
  { x: 0, label: "b (alpha 0)" },
  { x: 1, label: "a (alpha 1)" },
];

/** One chart per measure, each with the training subset's curve solid and the test set's dashed. */
const CHARTS = [
  { measure: "loss", train: "interpolation/train_loss", test: "interpolation/test_loss" },
  { measure: "accuracy", train: "interpolation/train_acc", test: "interpolation/test_acc" },
];

/** Smith and Topin's test on the run page: loss and accuracy along the line through two snapshots. */
export function InterpolationPanel({ runId, snapshots, latest, canRequest }: Props) {
  const series = latest?.series ?? {};
  const measured = latest?.job.state === "succeeded" ? (latest.job.progress as { a?: string; b?: string; trainSubset?: number; testSamples?: number; batchNormRecomputed?: boolean } | null) : null;
  const reading = series["interpolation/train_loss"] ? readInterpolation(series["interpolation/train_loss"]) : null;
  const line = (name: string, label: string, color: string, dashed = false) => ({ label, color, dashed, points: series[name] ?? [] });
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="interpolation">
      <h2 className="font-semibold">Between two snapshots: the same minimum or a different one?</h2>
      <p className="text-sm text-slate-600">
        The network at alpha x a + (1 - alpha) x b for {INTERPOLATION_ALPHAS.length} values of alpha from {INTERPOLATION_ALPHAS[0]} to{" "}
        {INTERPOLATION_ALPHAS[INTERPOLATION_ALPHAS.length - 1]} (Smith and Topin): a training loss that rises between the two
        snapshots above both ends is a barrier between two minima. BatchNorm&apos;s running statistics, where the network has
        any, are recomputed on the training subset at each alpha rather than interpolated. Torch engine only.
      </p>
      {measured && (
        <>
          <p className="text-sm" data-testid="interpolation-pair">
            a = <code>{measured.a}</code>, b = <code>{measured.b}</code>; test set of {measured.testSamples} images, training subset of {measured.trainSubset}
            {measured.batchNormRecomputed ? ", BatchNorm statistics recomputed per alpha" : " (no BatchNorm)"}.
          </p>
          {reading && <p className="text-sm font-medium" data-testid="interpolation-verdict">{reading.sentence}</p>}
          <div className="grid gap-4 lg:grid-cols-2">
            {CHARTS.map(({ measure, train, test }) => (
              <Chart
                key={measure}
                series={[line(train, `training ${measure} (subset)`, SERIES_COLORS[0]), line(test, `test ${measure}`, SERIES_COLORS[1], true)]}
                markers={ends}
                xLabel="alpha"
                yLabel={measure}
                height={240}
                title={`${measure} against alpha`}
              />
            ))}
          </div>
        </>
      )}
      {latest?.pending && <p className="text-sm text-slate-600">An interpolation is {latest.pending.state}: it appears here when a worker with the torch engine has scored it.</p>}
      {latest?.job.state === "failed" && <p className="text-sm text-red-700">The last interpolation failed: {latest.job.lastError}</p>}
      {canRequest && snapshots.length >= 2 && <InterpolationRequest runId={runId} snapshots={snapshots} />}
    </section>
  );
}
