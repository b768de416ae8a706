// E4 (spec §5.1/§5.3, optimalstopping.ipynb): optimal stopping by value iteration (threshold structure) and the
// threshold learned by SPSA without the model, with the notebook's two-state problem and the §7.10/§7.11 resolutions.
import {
  checkStructuralConditions,
  evaluateStoppingPolicy,
  learnStoppingThreshold,
  solveTwoStateStopping,
  stoppingProblem,
  thresholdPolicy,
  type StoppingProblem,
  type StoppingSpsaResult,
  type StructuralConditions,
  type ValueIterationResult,
} from '../src/core/control';
import type { DecisionModel } from '../src/core/model';
import { fmt, type Claim } from './claims';
import { lineChart, panels } from './svg';

export interface E4Size {
  gridSize: number;
  spsaIterations: number;
  runsPerEvaluation: number;
  evaluationRuns: number;
  seed: number;
}

export const E4_FULL: E4Size = { gridSize: 1001, spsaIterations: 300, runsPerEvaluation: 100, evaluationRuns: 2000, seed: 0 };

/** optimalstopping.ipynb: B = [[0.7,0.3],[0.1,0.9]], u = I, π0 = [0.4, 0.6] (the SPSA run); ρ = 0.99, N = 100. */
export const E4_MODEL: DecisionModel = {
  prior: [0.4, 0.6],
  likelihood: [
    [0.7, 0.3],
    [0.1, 0.9],
  ],
  utility: [
    [1, 0],
    [0, 1],
  ],
};

export interface E4Result {
  problem: Omit<StoppingProblem, 'model'>;
  valueIteration: Pick<
    ValueIterationResult,
    'gridSize' | 'grid' | 'values' | 'stopCost' | 'continueValue' | 'shape' | 'stages' | 'converged' | 'iterations'
  >;
  conditions: StructuralConditions;
  spsa: StoppingSpsaResult;
  /** The canonical preset with its calibrated step, for comparison. */
  spsaCalibrated: StoppingSpsaResult;
  /** Monte Carlo cost (same seed, common random numbers) of the optimal (grid) policy, the SPSA threshold and baselines. */
  costs: { policy: string; cost: number; se: number; meanStopTime: number; accuracy: number }[];
}

export function runE4(size: E4Size): E4Result {
  const problem = stoppingProblem(E4_MODEL);
  const vi = solveTwoStateStopping(problem, { gridSize: size.gridSize });
  // SPSA searches thresholds of the orientation value iteration finds optimal (§7.10: orientation is a parameter);
  // θ is clipped to [0.05, π/2]: sin²θ then covers (0.0025, 1] once (unclipped, large early steps wrap θ through 0,
  // and at θ = 0 the threshold never stops and the SPSA gradient of the symmetric sin² vanishes).
  const orientation = vi.stages[0].orientation ?? 'continue-below';
  const common = {
    seed: size.seed,
    orientation,
    runsPerEvaluation: size.runsPerEvaluation,
    clip: [0.05, Math.PI / 2] as [number, number],
    finalRuns: 0,
  };
  const calibrated = learnStoppingThreshold(problem, { ...common, preset: 'canonical', iterations: size.spsaIterations });
  // Spall gains with a fixed small step: the calibrated step overshoots the cost cliffs of this problem.
  const spsa = learnStoppingThreshold(problem, {
    ...common,
    iterations: size.spsaIterations,
    gains: { kind: 'spall', a: 0.003, c: 0.05, S: 20, alpha: 0.602, gamma: 0.101 },
  });
  const evaluate = (policy: string, p: Parameters<typeof evaluateStoppingPolicy>[1]) => {
    const e = evaluateStoppingPolicy(problem, p, { runs: size.evaluationRuns, seed: size.seed + 7 });
    return { policy, cost: e.cost.mean, se: e.cost.se, meanStopTime: e.meanStopTime, accuracy: e.accuracy };
  };
  const costs = [
    evaluate('optimal (value iteration, stage-wise grid policy)', vi.policy),
    evaluate(`SPSA threshold (a = 0.003): stop when π(1) < ${fmt(spsa.threshold)}`, spsa.policy),
    evaluate(`SPSA threshold (calibrated a): stop when π(1) < ${fmt(calibrated.threshold)}`, calibrated.policy),
    evaluate('stop at once (herding allowed from agent 1)', thresholdPolicy(2, 1, 0, 'continue-below')),
    evaluate('never stop (every agent reveals)', thresholdPolicy(2, 1, 1.0000001, 'continue-below')),
  ];
  const { discount, horizon, delay, delayWeights, terminalWeights, classificationCost } = problem;
  const rest = { discount, horizon, delay, delayWeights, terminalWeights, classificationCost };
  const { gridSize, grid, values, stopCost, continueValue, shape, stages, converged, iterations } = vi;
  return {
    problem: rest,
    valueIteration: { gridSize, grid, values, stopCost, continueValue, shape, stages, converged, iterations },
    conditions: checkStructuralConditions(problem, vi),
    spsa,
    spsaCalibrated: calibrated,
    costs,
  };
}

export function e4Claims(r: E4Result): Claim[] {
  const stages = r.valueIteration.stages;
  const thresholdStages = stages.filter((s) => s.isThreshold).length;
  const [optimal, learned, calibrated, stopNow, never] = r.costs;
  const gap = (learned.cost - optimal.cost) / Math.abs(optimal.cost);
  return [
    {
      experiment: 'E4',
      claim: 'the optimal stopping policy has a threshold structure in the public belief',
      holds: thresholdStages === stages.length,
      evidence: `value iteration on ${r.valueIteration.gridSize} belief points: ${thresholdStages} of ${stages.length} stages are a single threshold on π(1) (stage 0: ${stages[0].orientation ?? stages[0].constantAction ?? '—'} at ${fmt(stages[0].threshold)}); sufficient conditions: ${r.conditions.checks.map((c) => `${c.name} ${c.pass === null ? 'n/a' : c.pass ? 'pass' : 'fail'}`).join(', ')}`,
    },
    {
      experiment: 'E4',
      claim: 'SPSA learns a threshold without the model whose cost is close to the optimum',
      holds: gap < 0.1,
      evidence: `SPSA (Rademacher, common random numbers, Spall gains a = 0.003, c = 0.05, ${r.spsa.trace.length} iterations, seed ${r.spsa.seed}, orientation ${r.spsa.policy.orientation}) → threshold ${fmt(r.spsa.threshold)}; Monte Carlo cost ${fmt(learned.cost, 1)} ± ${fmt(learned.se, 1)} vs optimal ${fmt(optimal.cost, 1)} ± ${fmt(optimal.se, 1)} (${fmt(gap * 100, 1)}% above), stop at once ${fmt(stopNow.cost, 1)}, never stop ${fmt(never.cost, 1)}. With the canonical calibrated step SPSA ends at ${fmt(r.spsaCalibrated.threshold)} (cost ${fmt(calibrated.cost, 1)}): the cost has plateaus and cliffs in the threshold`,
    },
    {
      experiment: 'E4',
      claim: 'controlling (delaying herding) beats letting the agents herd from the start',
      holds: optimal.cost < stopNow.cost,
      evidence: `accuracy ${fmt(optimal.accuracy, 3)} (optimal) vs ${fmt(stopNow.accuracy, 3)} (stop at once); mean agents revealing ${fmt(optimal.meanStopTime, 1)} vs ${fmt(stopNow.meanStopTime, 1)}`,
    },
  ];
}

export function e4Figures(r: E4Result): Record<string, string> {
  const vi = r.valueIteration;
  const pi1 = vi.grid;
  const t0 = vi.stages[0].threshold;
  const value = lineChart({
    title: 'Stage-0 Bellman equation (value iteration)',
    xLabel: 'public belief π(1) (HSP)',
    yLabel: 'cost',
    xRange: [0, 1],
    width: 620,
    series: [
      { label: 'V(π)', x: pi1, y: vi.values },
      { label: 'stop cost C(π,1)', x: pi1, y: vi.stopCost, dashed: true },
      { label: 'continue value', x: pi1, y: vi.continueValue, dashed: true },
    ],
    markers: t0 === null ? [] : [{ x: t0, label: `threshold ${fmt(t0)}` }],
  });
  const stageThresholds = lineChart({
    title: 'Optimal threshold by stage',
    xLabel: 'stage k (agent)',
    yLabel: 'threshold on π(1)',
    yRange: [0, 1],
    width: 620,
    series: [
      { label: 'value iteration', x: vi.stages.map((s) => s.stage), y: vi.stages.map((s) => s.threshold) },
      { label: 'SPSA (stationary)', x: vi.stages.map((s) => s.stage), y: vi.stages.map(() => r.spsa.threshold), dashed: true },
    ],
  });
  const trace = r.spsa.trace;
  const convergence = lineChart({
    title: 'SPSA convergence',
    xLabel: 'iteration',
    yLabel: 'threshold sin²θ',
    yRange: [0, 1],
    width: 620,
    series: [
      { label: 'a = 0.003', x: trace.map((t) => t.iteration), y: trace.map((t) => t.threshold) },
      {
        label: 'calibrated a',
        x: r.spsaCalibrated.trace.map((t) => t.iteration),
        y: r.spsaCalibrated.trace.map((t) => t.threshold),
        dashed: true,
      },
    ],
  });
  const cost = lineChart({
    title: 'SPSA cost estimate',
    xLabel: 'iteration',
    yLabel: 'Monte Carlo cost',
    width: 620,
    series: [{ label: 'cost estimate', x: trace.map((t) => t.iteration), y: trace.map((t) => t.costEstimate) }],
  });
  return { 'e4-optimal-stopping.svg': panels([value, stageThresholds], 1), 'e4-spsa.svg': panels([convergence, cost], 1) };
}
