// Belief-state costs of the stopping problem: conditional expectations given the public belief, so a Monte Carlo
// average of them is an unbiased estimate of J_μ and value iteration on the same quantities solves the same problem.
import { classificationCostFromTable, tabulateAgent } from './agent-table';
import { delayAt, dot, type StoppingProblem } from './stopping-problem';

/** κ(π) = Σ_y Σ_x (P'π)(x) B[x][y] c(x, a(π,y)): the expected classification cost of agent k's myopic action. */
export function expectedClassificationCost(problem: StoppingProblem, predicted: readonly number[]): number {
  return classificationCostFromTable(problem.model, tabulateAgent(problem.model, predicted), problem.classificationCost);
}

/** C(π,2) at stage k: d_k · delayWeights'P'π + κ(π). */
export function continueCost(problem: StoppingProblem, predicted: readonly number[], k: number): number {
  return delayAt(problem, k) * dot(problem.delayWeights, predicted) + expectedClassificationCost(problem, predicted);
}

/** The terminal cost charged once, at the stopping time τ (or at N if the controller never stops). */
export function terminalCost(problem: StoppingProblem, pi: readonly number[]): number {
  return dot(problem.terminalWeights, pi);
}

/** σ(π,y) = 1'B_y P'π. */
export function observationProbability(problem: StoppingProblem, predicted: readonly number[], y: number): number {
  let s = 0;
  for (let x = 0; x < predicted.length; x++) s += problem.model.likelihood[x][y] * predicted[x];
  return s;
}
