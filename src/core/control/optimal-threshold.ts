// The optimal stopping threshold of a decision model under the stopping problem of §5.1 (default costs §7.11), as one
// threshold on one π(s) that whatIfControlled can replay: value iteration for two states (exact on the belief grid),
// a seeded Monte Carlo search over a grid of thresholds on π(0) for more states.
import { InputError } from '../errors';
import { dims, type DecisionModel } from '../model';
import { evaluateStoppingPolicy } from './monte-carlo';
import { linspace } from './statistics';
import { stoppingProblem, type StoppingProblem, type StoppingProblemOptions } from './stopping-problem';
import { thresholdPolicy, type Orientation } from './threshold-policy';
import { solveTwoStateStopping } from './value-iteration';

export interface OptimalThreshold {
  /** π*: with 'continue-below' agents reveal while π(stateIndex) < π*; with 'stop-below' while π(stateIndex) ≥ π*. */
  threshold: number;
  stateIndex: number;
  orientation: Orientation;
  method: 'value-iteration' | 'monte-carlo-grid';
  /** Two states: value iteration's stage-0 policy is a single threshold (or constant). Null when not checked (X > 2). */
  isThreshold: boolean | null;
  /** Value iteration: points of the belief grid (π* is one of them). */
  gridSize: number | null;
  /** Monte Carlo: thresholds tried, runs per threshold, seed, and the chosen threshold's mean cost ± standard error. */
  candidates: number | null;
  runs: number | null;
  seed: number | null;
  cost: { mean: number; se: number } | null;
  discount: number;
  horizon: number;
}

export interface OptimalThresholdOptions {
  problem?: StoppingProblemOptions;
  /** Value iteration grid (default 1001, so π* is a multiple of 0.001). */
  gridSize?: number;
  /** Monte Carlo: thresholds linspace(0, 1, candidates) (default 21) × runs (default 40) with common random numbers. */
  candidates?: number;
  runs?: number;
  seed?: number;
}

export function optimalThresholdFor(model: DecisionModel, opts: OptimalThresholdOptions = {}): OptimalThreshold {
  const problem = stoppingProblem(model, opts.problem);
  if (!Number.isFinite(problem.horizon)) throw new InputError('horizon', 'the optimal threshold needs a finite horizon');
  if (dims(model).X === 2) return byValueIteration(problem, opts);
  // The default costs charge d_k·π(0) for revealing and 700·(1 − π(0)) at the stop, so the controller reveals while π(0) is low.
  return byMonteCarloGrid(problem, 0, ['continue-below'], opts, null);
}

function byValueIteration(problem: StoppingProblem, opts: OptimalThresholdOptions): OptimalThreshold {
  const gridSize = opts.gridSize ?? 1001;
  const { shape } = solveTwoStateStopping(problem, { gridSize });
  const base = {
    stateIndex: 1,
    method: 'value-iteration' as const,
    isThreshold: true,
    gridSize,
    candidates: null,
    runs: null,
    seed: null,
    cost: null,
    discount: problem.discount,
    horizon: problem.horizon,
  };
  // Constant policies as thresholds: 'stop' = stop before the first agent, 'continue' = never stop.
  if (shape.constantAction === 'stop') return { ...base, threshold: 0, orientation: 'continue-below' };
  if (shape.constantAction === 'continue') return { ...base, threshold: 0, orientation: 'stop-below' };
  if (shape.isThreshold && shape.orientation) {
    // The first grid point of the upper region: the replayed rule then acts exactly as the grid policy on every grid point.
    return { ...base, threshold: shape.regions[1].from, orientation: shape.orientation };
  }
  return byMonteCarloGrid(problem, 1, ['continue-below', 'stop-below'], opts, false);
}

function byMonteCarloGrid(
  problem: StoppingProblem,
  stateIndex: number,
  orientations: Orientation[],
  opts: OptimalThresholdOptions,
  isThreshold: boolean | null,
): OptimalThreshold {
  const candidates = opts.candidates ?? 21;
  const runs = opts.runs ?? 40;
  const seed = opts.seed ?? 0;
  if (!Number.isInteger(candidates) || candidates < 2) throw new InputError('candidates', `must be an integer ≥ 2, got ${candidates}`);
  const X = dims(problem.model).X;
  let best: { threshold: number; orientation: Orientation; cost: { mean: number; se: number } } | null = null;
  for (const orientation of orientations) {
    for (const threshold of linspace(0, 1, candidates)) {
      const { cost } = evaluateStoppingPolicy(problem, thresholdPolicy(X, stateIndex, threshold, orientation), { runs, seed });
      if (!best || cost.mean < best.cost.mean) best = { threshold, orientation, cost: { mean: cost.mean, se: cost.se } };
    }
  }
  const chosen = best!;
  return {
    threshold: chosen.threshold,
    stateIndex,
    orientation: chosen.orientation,
    method: 'monte-carlo-grid',
    isThreshold,
    gridSize: null,
    candidates,
    runs,
    seed,
    cost: chosen.cost,
    discount: problem.discount,
    horizon: problem.horizon,
  };
}
