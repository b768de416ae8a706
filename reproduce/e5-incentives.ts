// E5 (spec §5.2, incentivizedherding.ipynb): autonomous agents paid to reveal — belief trajectory with and without
// incentives, classification rate and total incentive against the threshold γ, and SPSA over γ.
import {
  incentivePreset,
  learnIncentiveThreshold,
  simulateIncentives,
  sweepIncentiveThreshold,
  type IncentiveSetting,
  type IncentiveSpsaResult,
} from '../src/core/control';
import { fmt, type Claim } from './claims';
import { lineChart, panels } from './svg';

export interface E5Size {
  trajectoryRuns: number;
  sweepPoints: number;
  sweepRuns: number;
  spsaIterations: number;
  seed: number;
}

export const E5_FULL: E5Size = { trajectoryRuns: 1000, sweepPoints: 21, sweepRuns: 200, spsaIterations: 100, seed: 0 };

interface Trajectory {
  label: string;
  meanBelief1: number[];
  sdBelief1: number[];
  meanIncentive: number[];
  classificationRate: number;
  totalIncentive: number;
}

export interface E5Result {
  trajectories: Trajectory[];
  sweep: { gamma: number; totalIncentive: number; classificationRate: number; paidFraction: number }[];
  spsa: IncentiveSpsaResult;
}

function trajectory(label: string, setting: IncentiveSetting, runs: number, seed: number): Trajectory {
  const sim = simulateIncentives(setting, { runs, seed, trajectories: true });
  const t = sim.trajectories!;
  return {
    label,
    meanBelief1: t.meanPublicBelief.map((b) => b[1]),
    sdBelief1: t.sdPublicBelief.map((b) => b[1]),
    meanIncentive: t.meanIncentive,
    classificationRate: sim.classificationRate,
    totalIncentive: sim.totalIncentive.mean,
  };
}

export function runE5(size: E5Size): E5Result {
  const corrected = incentivePreset('experiment1').setting;
  const code = incentivePreset('experiment1', 'code').setting;
  // γ = 1 pays only when π(0) = 1 exactly: the same agents, in practice without incentives.
  const trajectories = [
    trajectory('incentives, γ = 0.4', corrected, size.trajectoryRuns, size.seed),
    trajectory('no incentives (γ = 1)', { ...corrected, gamma: 1 }, size.trajectoryRuns, size.seed),
    trajectory('incentives, as the notebook computed', code, size.trajectoryRuns, size.seed),
  ];
  const setting2 = incentivePreset('experiment2').setting;
  const gammas = Array.from({ length: size.sweepPoints }, (_, i) => i / (size.sweepPoints - 1));
  const sweep = sweepIncentiveThreshold(setting2, gammas, size.sweepRuns, size.seed).points.map((p) => ({
    gamma: p.gamma,
    totalIncentive: p.totalIncentive,
    classificationRate: p.classificationRate,
    paidFraction: p.paidFraction,
  }));
  const spsa = learnIncentiveThreshold(setting2, { seed: size.seed, preset: 'canonical', iterations: size.spsaIterations });
  return { trajectories, sweep, spsa };
}

/** Sign of the rank correlation between two sequences (Spearman, ties averaged). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const rank = (v: readonly number[]) => {
    const order = v.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < order.length;) {
      let j = i;
      while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
      for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  ra.forEach((x, i) => {
    num += (x - ma) * (rb[i] - mb);
    da += (x - ma) ** 2;
    db += (rb[i] - mb) ** 2;
  });
  return da > 0 && db > 0 ? num / Math.sqrt(da * db) : 0;
}

export function e5Claims(r: E5Result): Claim[] {
  const [paid, none, code] = r.trajectories;
  const last = (t: Trajectory) => t.meanBelief1[t.meanBelief1.length - 1];
  const gammas = r.sweep.map((p) => p.gamma);
  const incentiveTrend = spearman(
    gammas,
    r.sweep.map((p) => p.totalIncentive),
  );
  const rateTrend = spearman(
    gammas,
    r.sweep.map((p) => p.classificationRate),
  );
  const trace = r.spsa.trace;
  const head = trace.slice(0, 10).reduce((s, t) => s + t.costEstimate, 0) / Math.min(10, trace.length);
  const tail = trace.slice(-10).reduce((s, t) => s + t.costEstimate, 0) / Math.min(10, trace.length);
  return [
    {
      experiment: 'E5',
      claim: 'incentives delay herding: the public belief keeps learning the true state (HSP) where unpaid agents herd',
      holds: last(paid) > last(none) && paid.classificationRate >= none.classificationRate,
      evidence: `experiment 1 (true state 1, ${fmt(paid.meanBelief1.length, 0)} agents): final mean π(1) ${fmt(last(paid))} with incentives (γ = 0.4) vs ${fmt(last(none))} without; classification rate ${fmt(paid.classificationRate)} vs ${fmt(none.classificationRate)}; mean total incentive ${fmt(paid.totalIncentive, 2)}. As the notebook computed it: final π(1) ${fmt(last(code))}, rate ${fmt(code.classificationRate)}`,
    },
    {
      experiment: 'E5',
      claim: 'raising the threshold γ trades incentive spending against classification (experiment 2)',
      holds: incentiveTrend < 0,
      evidence: `Spearman correlation with γ: total incentive ${fmt(incentiveTrend, 2)}, classification rate ${fmt(rateTrend, 2)} (γ = 0: incentive ${fmt(r.sweep[0].totalIncentive, 2)}, rate ${fmt(r.sweep[0].classificationRate, 2)}; γ = 1: incentive ${fmt(r.sweep[r.sweep.length - 1].totalIncentive, 2)}, rate ${fmt(r.sweep[r.sweep.length - 1].classificationRate, 2)})`,
    },
    {
      experiment: 'E5',
      claim: 'SPSA over the incentive threshold reduces the expected total incentive',
      holds: tail <= head,
      evidence: `mean cost estimate over the first 10 iterations ${fmt(head, 3)}, last 10 ${fmt(tail, 3)}; learned γ = ${fmt(r.spsa.gamma)} (seed ${r.spsa.seed}, ${trace.length} iterations)`,
    },
  ];
}

export function e5Figures(r: E5Result): Record<string, string> {
  const k = r.trajectories[0].meanBelief1.map((_, i) => i + 1);
  const belief = lineChart({
    title: 'Experiment 1: public belief of the true state (mean ± sd)',
    xLabel: 'agent k',
    yLabel: 'π_k(1)',
    yRange: [0, 1],
    width: 640,
    series: r.trajectories.map((t, i) => ({
      label: t.label,
      x: k,
      y: t.meanBelief1,
      dashed: i === 2,
      band:
        i < 2 ? { low: t.meanBelief1.map((m, j) => m - t.sdBelief1[j]), high: t.meanBelief1.map((m, j) => m + t.sdBelief1[j]) } : undefined,
    })),
  });
  const incentive = lineChart({
    title: 'Experiment 1: incentive paid to agent k (mean)',
    xLabel: 'agent k',
    yLabel: 'incentive',
    width: 640,
    series: r.trajectories.filter((_, i) => i !== 1).map((t) => ({ label: t.label, x: k, y: t.meanIncentive })),
  });
  const sweep = lineChart({
    title: 'Experiment 2: threshold sweep',
    xLabel: 'threshold γ',
    yLabel: 'rate / incentive (scaled to max 1)',
    yRange: [0, 1.05],
    width: 640,
    series: [
      { label: 'classification rate', x: r.sweep.map((p) => p.gamma), y: r.sweep.map((p) => p.classificationRate) },
      {
        label: 'total incentive / max',
        x: r.sweep.map((p) => p.gamma),
        y: r.sweep.map((p) => p.totalIncentive / Math.max(...r.sweep.map((q) => q.totalIncentive), 1e-12)),
      },
    ],
  });
  const min = Math.min(...r.spsa.trace.map((t) => t.costEstimate));
  const spsa = lineChart({
    title: 'SPSA over γ: cost minus its minimum',
    xLabel: 'iteration',
    yLabel: 'cost estimate − min',
    width: 640,
    series: [{ label: 'cost − min', x: r.spsa.trace.map((t) => t.iteration), y: r.spsa.trace.map((t) => t.costEstimate - min) }],
  });
  return { 'e5-incentives.svg': panels([belief, incentive], 1), 'e5-threshold-sweep.svg': panels([sweep, spsa], 1) };
}
