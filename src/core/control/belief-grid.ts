// The two-state belief grid p = π(1) ∈ {i/(G−1)} with linear interpolation, and the one-step transitions of both
// filters (Bayes on a revealed observation, social learning on a myopic action) tabulated per grid point.
import { posteriorFromPredicted, predict } from '../bayes';
import { dims } from '../model';
import { actionLikelihoodFromPredicted } from '../social-learning';
import { expectedClassificationCost, observationProbability, terminalCost } from './stage-costs';
import { dot, type StoppingProblem } from './stopping-problem';

/** One successor belief: probability of the branch and its interpolation weights on the grid. */
export interface Branch {
  probability: number;
  lower: number;
  upper: number;
  upperWeight: number;
}

export interface GridPoint {
  p: number;
  /** Continue: one branch per observation y with σ(π,y) > 0. */
  reveal: Branch[];
  /** Stop (agents herd): one branch per action a with σ(π,a) > 0. */
  herd: Branch[];
  classificationCost: number;
  /** delayWeights'P'π: the continue cost at stage k is d_k times this plus the classification cost. */
  delayBase: number;
  terminal: number;
}

export function gridValue(values: Float64Array, b: Branch): number {
  return values[b.lower] * (1 - b.upperWeight) + values[b.upper] * b.upperWeight;
}

function branchTo(p: number, probability: number, size: number): Branch {
  const scaled = Math.min(Math.max(p, 0), 1) * (size - 1);
  const lower = Math.min(Math.floor(scaled), size - 2);
  return { probability, lower, upper: lower + 1, upperWeight: scaled - lower };
}

export function buildBeliefGrid(problem: StoppingProblem, size: number): GridPoint[] {
  const { model } = problem;
  const { Y, A } = dims(model);
  const points: GridPoint[] = [];
  for (let i = 0; i < size; i++) {
    const p = i / (size - 1);
    const pi = [1 - p, p];
    const predicted = predict(model, pi);
    const reveal: Branch[] = [];
    for (let y = 0; y < Y; y++) {
      const sigma = observationProbability(problem, predicted, y);
      const post = sigma > 0 ? posteriorFromPredicted(model, predicted, y) : null;
      if (post) reveal.push(branchTo(post[1], sigma, size));
    }
    const R = actionLikelihoodFromPredicted(model, predicted);
    const herd: Branch[] = [];
    for (let a = 0; a < A; a++) {
      const joint = predicted.map((q, x) => q * R[x][a]);
      const sigma = joint[0] + joint[1];
      if (sigma > 0) herd.push(branchTo(joint[1] / sigma, sigma, size));
    }
    points.push({
      p,
      reveal,
      herd,
      classificationCost: expectedClassificationCost(problem, predicted),
      delayBase: dot(problem.delayWeights, predicted),
      terminal: terminalCost(problem, pi),
    });
  }
  return points;
}
