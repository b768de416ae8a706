// The parameter sets of the incentive experiments (spec §5.2, from incentivizedherding.ipynb), as IncentiveSettings
// in the corrected form (§7.13: minimal incentive + ε, incentivized public filter), or exactly as the notebook ran.
import { InputError } from '../errors';
import type { IncentiveSetting } from './incentives';

export type IncentivePresetName = 'experiment1' | 'experiment2';

export interface IncentivePreset {
  setting: IncentiveSetting;
  /** Monte Carlo runs the notebook used (per γ for experiment 2). */
  runs: number;
  /** Experiment 2: the γ grid of the threshold sweep (100 points in [0,1]). */
  gammaGrid?: number[];
  /** Unused by the agent's decision in the notebook (α); kept for the record. */
  misclassificationCoefficients: number[];
  notes: string;
}

const identity2 = [
  [1, 0],
  [0, 1],
];

/**
 * experiment1 (incentivizedexample.pdf): B = [[0.7,0.3],[0.3,0.7]], c = [[0,10],[10,0]], ω = [0.8,1.3], δ = [0.1,0.5],
 * γ = 0.4, π_0 = [0.5,0.5], true state 1, 1000 runs × 100 agents.
 * experiment2 (threshold sweep and SPSA): B = [[0.6,0.4],[0.2,0.8]], c = [[0,1],[1,0]], ω = [0.4,0.2], δ = [0.4,0.4],
 * action cost [0.1,0.1], state uniform; π_0 = [0.5,0.5] and 100 agents are assumptions (the notebook's are not
 * recoverable). Because ω_1 − ω_0 < 0 a payment can only push towards action 0, so the corrected preset allows signed
 * incentives. With mode 'code' the settings are the notebook's: its incentive formula, the unnormalised private
 * belief in the agent's score, the un-incentivized public filter and the (I + R) update.
 */
export function incentivePreset(name: IncentivePresetName, mode: 'corrected' | 'code' = 'corrected'): IncentivePreset {
  const code = mode === 'code';
  const common = {
    payState: 0,
    epsilon: 1e-6,
    rule: code ? ('code' as const) : ('minimal' as const),
    publicFilter: code ? ('unincentivized' as const) : ('incentivized' as const),
    codeParityUpdate: code,
  };
  if (name === 'experiment1') {
    return {
      setting: {
        ...common,
        model: {
          prior: [0.5, 0.5],
          likelihood: [
            [0.7, 0.3],
            [0.3, 0.7],
          ],
          utility: identity2,
        },
        agent: { utility: identity2, incentiveWeights: [0.8, 1.3], privacyCosts: [0.1, 0.5], actionCosts: [0, 0] },
        gamma: 0.4,
        sign: 'non-negative',
        codeCost: [
          [0, 10],
          [10, 0],
        ],
        horizon: 100,
        trueState: 1,
      },
      runs: 1000,
      misclassificationCoefficients: [0.2, 0.5],
      notes: 'incentivizedexample.pdf: mean ± sd of π_k(1) and of the incentive over 1000 runs',
    };
  }
  if (name !== 'experiment2') throw new InputError('preset', `must be experiment1 or experiment2, got ${JSON.stringify(name)}`);
  return {
    setting: {
      ...common,
      model: {
        prior: [0.5, 0.5],
        likelihood: [
          [0.6, 0.4],
          [0.2, 0.8],
        ],
        utility: identity2,
      },
      agent: { utility: identity2, incentiveWeights: [0.4, 0.2], privacyCosts: [0.4, 0.4], actionCosts: [0.1, 0.1] },
      gamma: 0.5,
      sign: code ? 'non-negative' : 'signed',
      codeCost: [
        [0, 1],
        [1, 0],
      ],
      horizon: 100,
      trueState: 'uniform',
    },
    runs: 100,
    gammaGrid: Array.from({ length: 100 }, (_, i) => i / 99),
    misclassificationCoefficients: [0.4, 0.4],
    notes: 'incentivizedexample_threshold_vary.pdf (γ sweep, 100 runs per γ) and incentives_optimization.pdf (SPSA)',
  };
}
