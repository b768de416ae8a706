// Aggregates per-chain outcomes into the per-prior / per-state statistics of the simulate output.
import { chainIndex, type SimulationOutcome } from './types';
import { wilsonInterval } from './wilson';

export interface SimulationSummary {
  prior_grid: number[];
  true_states: number[];
  /** Mean action over runs and agents, [G][S]. */
  mean_action_by_prior_state: number[][];
  /** Fraction of the R·S chains of each prior that herd. */
  herding_rate_by_prior: number[];
  /** Wilson 95% interval of herding_rate_by_prior. */
  herding_rate_ci95_by_prior: Array<[number, number]>;
  herding_rate_by_prior_state: number[][];
  /** Mean 1-based herding step over the chains of each prior that herd; null if none does. */
  mean_herd_step_by_prior: Array<number | null>;
  /** Fraction of the R·S chains of each prior that herd on an action other than their true state. */
  wrong_herd_rate_by_prior: number[];
  /** [G][S]: the cell's actions are the same for every observation sequence its source can produce. */
  deterministic_by_prior_state: boolean[][];
  herded_chains: number;
  nonabsorbing_chains: number;
  /** Chains whose public belief became NaN (code parity: the zero prior at p = 1 for x* = anchor). */
  degenerate_nan_chains: number;
}

export function summarise(outcome: SimulationOutcome, deterministic: Uint8Array): SimulationSummary {
  const { plan, X } = outcome;
  const G = plan.priorGrid.length;
  const S = plan.trueStates.length;
  const N = plan.agents;
  const R = plan.runs;
  const actionSum = grid(G, S);
  const herdCount = grid(G, S);
  const herdStepSum = new Array<number>(G).fill(0);
  const wrong = new Array<number>(G).fill(0);
  let herded = 0;
  let nonabsorbing = 0;
  let degenerate = 0;
  for (let run = 0; run < R; run++) {
    for (let g = 0; g < G; g++) {
      for (let s = 0; s < S; s++) {
        const c = chainIndex(plan, run, g, s);
        for (let k = 0; k < N; k++) actionSum[g][s] += outcome.actions[c * N + k];
        if (outcome.herdingStep[c] > 0) {
          herded++;
          herdCount[g][s]++;
          herdStepSum[g] += outcome.herdingStep[c];
          if (outcome.herdAction[c] !== plan.trueStates[s]) wrong[g]++;
        }
        nonabsorbing += outcome.nonAbsorbing[c];
        if (hasNaN(outcome.finalBelief, c * X, X)) degenerate++;
      }
    }
  }
  const herdsByPrior = herdCount.map((row) => row.reduce((a, b) => a + b, 0));
  return {
    prior_grid: [...plan.priorGrid],
    true_states: [...plan.trueStates],
    mean_action_by_prior_state: actionSum.map((row) => row.map((v) => v / (R * N))),
    herding_rate_by_prior: herdsByPrior.map((h) => h / (R * S)),
    herding_rate_ci95_by_prior: herdsByPrior.map((h) => wilsonInterval(h, R * S)),
    herding_rate_by_prior_state: herdCount.map((row) => row.map((h) => h / R)),
    mean_herd_step_by_prior: herdStepSum.map((sum, g) => (herdsByPrior[g] > 0 ? sum / herdsByPrior[g] : null)),
    wrong_herd_rate_by_prior: wrong.map((w) => w / (R * S)),
    deterministic_by_prior_state: Array.from({ length: G }, (_, g) => Array.from({ length: S }, (_, s) => deterministic[g * S + s] === 1)),
    herded_chains: herded,
    nonabsorbing_chains: nonabsorbing,
    degenerate_nan_chains: degenerate,
  };
}

function grid(G: number, S: number): number[][] {
  return Array.from({ length: G }, () => new Array<number>(S).fill(0));
}

export function hasNaN(v: Float64Array, off: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (v[off + i] !== v[off + i]) return true;
  return false;
}
