// The incentive threshold γ: a sweep over a grid, and SPSA over θ with γ = sin²θ (spec §5.2, §5.3).
// Objective: E Σ_k |i_k| + misclassificationWeight · (1 − classification rate); the notebook used weight 0.
import { InputError } from '../errors';
import { simulateIncentives, validateSetting, type IncentiveSetting, type IncentiveSimulation } from './incentives';
import { spsa, type SpsaGains, type SpsaOptions } from './spsa';

export type IncentiveSpsaPresetName = 'canonical' | 'code-incentives';

export interface IncentiveSpsaSettings {
  theta0: number;
  iterations: number;
  gains: SpsaGains;
  perturbation: SpsaOptions['perturbation'];
  commonRandomNumbers: boolean;
  runsPerEvaluation: number;
  /** Agents per trajectory during the search (the notebook: 10). */
  horizon: number;
}

/**
 * 'code-incentives' (incentivizedherding.ipynb): θ_0 = π/16, δ ≡ 1, ε linear 0.5 → 0.05, Δ ≡ +1, no clipping,
 * 1000 trajectories of 10 agents, 100 iterations, no common random numbers.
 * 'canonical': the same start and trajectories, Rademacher Δ, Spall gains (c = 0.1, a calibrated to a first step
 * of 0.1), common random numbers, 100 iterations of 200 trajectories.
 */
export function incentiveSpsaPreset(name: IncentiveSpsaPresetName): IncentiveSpsaSettings {
  if (name === 'code-incentives') {
    return {
      theta0: Math.PI / 16,
      iterations: 100,
      gains: { kind: 'linear', epsilonStart: 0.5, epsilonEnd: 0.05, deltaStart: 1, deltaDecay: 1 },
      perturbation: 'plus-one',
      commonRandomNumbers: false,
      runsPerEvaluation: 1000,
      horizon: 10,
    };
  }
  if (name !== 'canonical') throw new InputError('preset', `must be canonical or code-incentives, got ${JSON.stringify(name)}`);
  return {
    theta0: Math.PI / 16,
    iterations: 100,
    gains: { kind: 'spall', a: 'calibrate', c: 0.1, S: 10, alpha: 0.602, gamma: 0.101, calibrationStep: 0.1 },
    perturbation: 'rademacher',
    commonRandomNumbers: true,
    runsPerEvaluation: 200,
    horizon: 10,
  };
}

export function incentiveObjective(sim: IncentiveSimulation, misclassificationWeight: number): number {
  return sim.totalIncentive.mean + misclassificationWeight * (1 - sim.classificationRate);
}

export interface IncentiveSweepPoint {
  gamma: number;
  totalIncentive: number;
  totalIncentiveSe: number;
  classificationRate: number;
  paidFraction: number;
}

/** Every γ of the grid evaluated on the same seeded runs (common random numbers across γ). */
export function sweepIncentiveThreshold(
  setting: IncentiveSetting,
  gammas: readonly number[],
  runs: number,
  seed: number,
): { seed: number; runs: number; points: IncentiveSweepPoint[] } {
  const points = gammas.map((gamma) => {
    const sim = simulateIncentives({ ...setting, gamma }, { runs, seed });
    return {
      gamma,
      totalIncentive: sim.totalIncentive.mean,
      totalIncentiveSe: sim.totalIncentive.se,
      classificationRate: sim.classificationRate,
      paidFraction: sim.paidFraction,
    };
  });
  return { seed, runs, points };
}

export interface IncentiveSpsaOptions extends Partial<IncentiveSpsaSettings> {
  preset?: IncentiveSpsaPresetName;
  seed: number;
  misclassificationWeight?: number;
}

export interface IncentiveSpsaResult {
  seed: number;
  preset: IncentiveSpsaPresetName;
  settings: IncentiveSpsaSettings;
  misclassificationWeight: number;
  stepNumerator: number | null;
  theta: number;
  gamma: number;
  trace: {
    iteration: number;
    theta: number;
    gamma: number;
    costEstimate: number;
    costPlus: number;
    costMinus: number;
    delta: number;
    stepSize: number;
  }[];
}

export function learnIncentiveThreshold(setting: IncentiveSetting, opts: IncentiveSpsaOptions): IncentiveSpsaResult {
  const preset = opts.preset ?? 'canonical';
  const base = incentiveSpsaPreset(preset);
  const settings: IncentiveSpsaSettings = {
    theta0: opts.theta0 ?? base.theta0,
    iterations: opts.iterations ?? base.iterations,
    gains: opts.gains ?? base.gains,
    perturbation: opts.perturbation ?? base.perturbation,
    commonRandomNumbers: opts.commonRandomNumbers ?? base.commonRandomNumbers,
    runsPerEvaluation: opts.runsPerEvaluation ?? base.runsPerEvaluation,
    horizon: opts.horizon ?? base.horizon,
  };
  const weight = opts.misclassificationWeight ?? 0;
  if (!(weight >= 0)) throw new InputError('misclassificationWeight', `must be ≥ 0, got ${weight}`);
  const search: IncentiveSetting = { ...setting, horizon: settings.horizon };
  validateSetting(search);
  const cost = (theta: readonly number[], seed: number) =>
    incentiveObjective(
      simulateIncentives({ ...search, gamma: Math.sin(theta[0]) ** 2 }, { runs: settings.runsPerEvaluation, seed }),
      weight,
    );
  const run = spsa(cost, { ...settings, theta0: [settings.theta0], seed: opts.seed });
  return {
    seed: opts.seed,
    preset,
    settings,
    misclassificationWeight: weight,
    stepNumerator: run.a,
    theta: run.theta[0],
    gamma: Math.sin(run.theta[0]) ** 2,
    trace: run.trace.map((t) => ({
      iteration: t.iteration,
      theta: t.theta[0],
      gamma: Math.sin(t.theta[0]) ** 2,
      costEstimate: t.costEstimate,
      costPlus: t.costPlus,
      costMinus: t.costMinus,
      delta: t.delta,
      stepSize: t.stepSize,
    })),
  };
}
