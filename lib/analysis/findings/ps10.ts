import { PS10_CLASSES } from "../../tasks/ps10/constants";
import { pickByRole, type ScheduleIdentity } from "../schedule-roles";
import { formatNumber, isFiniteNumber, type Point, type SeriesMap } from "../series";
import { estimateDifference, estimateMean, formatEstimate, formatSeeds, type SeedValue } from "./estimates";
import { judge, missing, type Finding } from "./verdict";

export interface Ps10Run {
  seed: number | null;
  series: SeriesMap;
  /** The run's decays (first x at each new rate), sorted. */
  decayXs: number[];
}

export interface Ps10Schedule extends ScheduleIdentity {
  runs: Ps10Run[];
}

const SIMPLE = "train_acc_simple";
const COMPLEX = "train_acc_complex";
const NOISE = "train_acc_noise";
/** Where training starts on any subset: chance over the classes. */
const CHANCE = 1 / PS10_CLASSES;
/** "Learned" for the question of which patterns come first. */
export const LEARNED_AT = 0.9;

function lastFinite(points: Point[] | undefined, before = Infinity): number | null {
  let last: number | null = null;
  for (const [x, y] of points ?? []) if (x < before && isFiniteNumber(y)) last = y;
  return last;
}

function firstReaching(points: Point[] | undefined, level: number): number | null {
  for (const [x, y] of points ?? []) if (isFiniteNumber(y) && y >= level) return x;
  return null;
}

function finalValues(schedule: Ps10Schedule, name: string): SeedValue[] {
  return schedule.runs.flatMap((run) => {
    const value = lastFinite(run.series[name]);
    return value === null ? [] : [{ seed: run.seed, value }];
  });
}

const countOf = (n: number, of: number) => (n === of ? `all ${of}` : `${n} of ${of}`);

/** Figure 9: did the complex patterns' training accuracy rise mainly after the decays? */
function complexGain(schedule: Ps10Schedule): Finding {
  const question = `${schedule.name}: did the complex patterns' training accuracy rise mainly after the decays?`;
  const per = schedule.runs.flatMap((run) => {
    const first = run.decayXs[0];
    if (first === undefined) return [];
    const atDecay = lastFinite(run.series[COMPLEX], first);
    const atEnd = lastFinite(run.series[COMPLEX]);
    return atDecay === null || atEnd === null ? [] : [{ before: atDecay - CHANCE, after: atEnd - atDecay, decay: first }];
  });
  const undecayed = schedule.runs.filter((run) => run.decayXs.length === 0).length;
  if (per.length === 0) {
    return missing(question, undecayed > 0 ? `no seed of ${schedule.name} decayed (${undecayed} seeds).` : `no run reports ${COMPLEX} around a decay.`);
  }
  const before = estimateMean(per.map((p) => p.before));
  const after = estimateMean(per.map((p) => p.after));
  const shift = estimateMean(per.map((p) => p.after - p.before));
  const decayEpochs = [...new Set(per.map((p) => formatNumber(p.decay)))];
  const total = before.mean + after.mean;
  const sentences = [
    `Training accuracy on the complex patterns rose by ${formatEstimate(before, "points")} from chance (${formatNumber(CHANCE * 100)}%) to the first decay ` +
      `(epoch ${decayEpochs.join(", ")}) and by ${formatEstimate(after, "points")} from there to the end, ${formatSeeds(before)}` +
      (total > 0 ? `: ${Math.round((100 * after.mean) / total)}% of the gain came after the first decay.` : "."),
  ];
  if (undecayed > 0) sentences.push(`${countOf(undecayed, schedule.runs.length)} seeds never decayed and are left out.`);
  const { verdict, conclusion } = judge(shift, {
    effect: "the complex patterns were learned mainly after the decays",
    opposite: "the complex patterns were learned mainly before the first decay",
    expected: "positive",
    measure: "gain after minus gain before",
    unit: "points",
  });
  return { question, sentences, verdict, conclusion };
}

function controlLabel(lr: number, stepDecay: Ps10Schedule, stepRates: number[]): string {
  const stage = stepRates.findIndex((rate) => Math.abs(rate - lr) <= 1e-9 * Math.max(rate, lr));
  return stage >= 0 ? `constant ${formatNumber(lr)} (${stepDecay.name}'s stage-${stage + 1} rate)` : `constant ${formatNumber(lr)}`;
}

/** The rate of each of a multi-step schedule's stages: the rates the controls of figures 9 and 10 hold constant. */
export function stageRates(definition: unknown): number[] {
  const { lr, milestones, gamma = 0.1 } = (definition ?? {}) as { lr?: unknown; milestones?: unknown; gamma?: unknown };
  if (typeof lr !== "number" || typeof gamma !== "number") return [];
  const decays = Array.isArray(milestones) ? milestones.length : 0;
  return Array.from({ length: decays + 1 }, (_, i) => lr * gamma ** i);
}

/** Figure 10: did a small constant rate memorise more noise than the large rate with decays? */
function noiseAgainst(stepDecay: Ps10Schedule, control: { group: Ps10Schedule; lr: number }, stepRates: number[]): Finding {
  const label = controlLabel(control.lr, stepDecay, stepRates);
  const question = `Noise memorised at the end: ${stepDecay.name} against ${label}`;
  const step = finalValues(stepDecay, NOISE);
  const constant = finalValues(control.group, NOISE);
  if (step.length === 0 || constant.length === 0) return missing(question, `no finished run of ${step.length === 0 ? stepDecay.name : control.group.name} reports ${NOISE}.`);
  const difference = estimateDifference(step, constant);
  const sentences = [
    `At the end of training ${stepDecay.name} predicted the noisy label of ${formatEstimate(estimateMean(step.map((v) => v.value)), "percent")} of the noisy samples ` +
      `and ${control.group.name} of ${formatEstimate(estimateMean(constant.map((v) => v.value)), "percent")}: ` +
      `a difference of ${formatEstimate(difference, "points")}, ${formatSeeds(difference)}.`,
  ];
  // A rate too small to fit the clean patterns has not reached the noise yet: low memorisation then says little.
  const stepComplex = finalValues(stepDecay, COMPLEX);
  const controlComplex = finalValues(control.group, COMPLEX);
  if (stepComplex.length > 0 && controlComplex.length > 0) {
    const gap = estimateDifference(stepComplex, controlComplex);
    if (gap.mean > 0.05) {
      sentences.push(
        `${control.group.name} had not fitted the clean complex patterns by then (${formatEstimate(estimateMean(controlComplex.map((v) => v.value)), "percent")} ` +
          `against ${formatEstimate(estimateMean(stepComplex.map((v) => v.value)), "percent")}): a rate that has not fitted the clean patterns has not reached the noise.`,
      );
    }
  }
  const initialRate = stepRates[0];
  if (initialRate !== undefined && control.lr >= initialRate) {
    // The paper's claim is about small rates; the initial rate without decay is shown for reference.
    return { question, sentences, verdict: "noData", conclusion: `${label} is the initial rate kept constant: the paper's claim is about smaller rates, so this comparison is for reference only.` };
  }
  const { verdict, conclusion } = judge(difference, {
    effect: `${label} memorised more noise than ${stepDecay.name}`,
    opposite: `${label} memorised less noise than ${stepDecay.name}`,
    expected: "negative",
    measure: `${stepDecay.name} minus ${label}`,
    unit: "points",
  });
  return { question, sentences, verdict, conclusion };
}

/** Section 5: were the simple patterns learned before the complex ones? */
function simpleFirst(schedules: Ps10Schedule[], decider: Ps10Schedule): Finding {
  const question = `Were the simple patterns learned before the complex ones (first epoch at ${LEARNED_AT * 100}% training accuracy)?`;
  const sentences: string[] = [];
  let decided: { verdict: Finding["verdict"]; conclusion: string } | null = null;
  for (const schedule of schedules) {
    const per = schedule.runs.map((run) => ({ simple: firstReaching(run.series[SIMPLE], LEARNED_AT), complex: firstReaching(run.series[COMPLEX], LEARNED_AT) }));
    const both = per.filter((p): p is { simple: number; complex: number } => p.simple !== null && p.complex !== null);
    const simpleOnly = per.filter((p) => p.simple !== null && p.complex === null).length;
    const complexOnly = per.filter((p) => p.simple === null && p.complex !== null).length;
    const parts: string[] = [];
    let outcome: { verdict: Finding["verdict"]; conclusion: string };
    if (both.length > 0) {
      const lag = estimateMean(both.map((p) => p.complex - p.simple));
      parts.push(
        `simple patterns reached ${LEARNED_AT * 100}% at ${formatEstimate(estimateMean(both.map((p) => p.simple)), "epochs")} and complex ones at ` +
          `${formatEstimate(estimateMean(both.map((p) => p.complex)), "epochs")}: a lag of ${formatEstimate(lag, "epochSpan")}, ${formatSeeds(lag)}`,
      );
      outcome = judge(lag, {
        effect: "the simple patterns were learned first",
        opposite: "the complex patterns were learned first",
        expected: "positive",
        measure: "complex epoch minus simple epoch",
        unit: "epochSpan",
      });
    } else if (simpleOnly > 0 && complexOnly === 0) {
      outcome =
        simpleOnly >= 2
          ? { verdict: "shown", conclusion: `The data shows the paper's effect: the simple patterns were learned first (in ${countOf(simpleOnly, per.length)} seeds only they reached ${LEARNED_AT * 100}%).` }
          : { verdict: "tooFewSeeds", conclusion: `The data cannot show the paper's effect yet: one seed, in which only the simple patterns reached ${LEARNED_AT * 100}%. Replay more seeds.` };
    } else {
      outcome = { verdict: "noData", conclusion: `The data cannot answer this yet: neither subset of ${schedule.name} reached ${LEARNED_AT * 100}% in ${countOf(per.length - simpleOnly - complexOnly, per.length)} seeds.` };
    }
    if (simpleOnly > 0) parts.push(`in ${countOf(simpleOnly, per.length)} seeds only the simple patterns reached ${LEARNED_AT * 100}% within the budget`);
    if (complexOnly > 0) parts.push(`in ${countOf(complexOnly, per.length)} seeds only the complex patterns did`);
    if (parts.length > 0) sentences.push(`${schedule.name}: ${parts.join("; ")}.`);
    if (schedule === decider) decided = outcome;
  }
  const { verdict, conclusion } = decided!;
  return { question, sentences, verdict, conclusion: `${decider.name}: ${conclusion}` };
}

/**
 * The plain-words reading of the ps10-noise stage data (figures 9 and 10, section 5), from the
 * schedules that have runs, found by what they are (schedule-roles). Each finding carries its 95%
 * interval over seeds and says when the data do not show the paper's effect.
 */
export function ps10Findings(schedules: Ps10Schedule[]): Finding[] {
  const withRuns = schedules.filter((s) => s.runs.length > 0).map((s) => ({ ...s, seeds: s.runs.length }));
  if (withRuns.length === 0) return [];
  const roles = pickByRole(withRuns);
  const findings: Finding[] = [];
  const { stepDecay, autoDecay, controls } = roles;
  if (!stepDecay) {
    findings.push(missing("Did the complex patterns rise mainly after the decays?", "no StepDecay (multi-step) schedule has finished runs on this tier."));
  } else {
    findings.push(complexGain(stepDecay));
  }
  if (autoDecay) findings.push(complexGain(autoDecay));
  if (stepDecay) {
    const stepRates = stageRates(stepDecay.definition);
    if (controls.length === 0) {
      findings.push(missing(`Noise memorised: ${stepDecay.name} against a small constant rate`, "no constant-rate control has finished runs on this tier."));
    }
    // Smallest rate first: the paper's "small constant rate" is the comparison that decides.
    for (const control of [...controls].reverse()) findings.push(noiseAgainst(stepDecay, control, stepRates));
  }
  const ordered = [stepDecay, autoDecay, ...controls.map((c) => c.group)].filter((s): s is (typeof withRuns)[number] => s !== null);
  if (ordered.length > 0) findings.push(simpleFirst(ordered, ordered[0]));
  return findings;
}
