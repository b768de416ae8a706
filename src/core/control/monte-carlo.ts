// Seeded Monte Carlo evaluation of a stopping policy on the textbook problem (absorbing stop, terminal cost at τ).
// Run r draws from its own stream createRng(seed, r), and every stage draws the same numbers whatever the policy
// does, so two policies evaluated with the same seed see the same states and observations (common random numbers).
import { predict } from '../bayes';
import { InputError } from '../errors';
import { createRng } from '../random';
import { classificationCostFromTable, socialUpdateFromTable, tabulateAgent } from './agent-table';
import { terminalCost } from './stage-costs';
import { delayAt, dot, type StoppingProblem } from './stopping-problem';
import { argmax, meanEstimate, type MeanEstimate } from './statistics';
import { shouldStop, type StoppingPolicy } from './threshold-policy';

export interface EvaluationOptions {
  runs: number;
  seed: number;
  /** Fixed true initial state; default: drawn from the model's prior. */
  trueState?: number;
  /** Keep each run's cost (for variance studies). */
  keepCosts?: boolean;
}

export interface PolicyEvaluation {
  seed: number;
  runs: number;
  cost: MeanEstimate;
  /** τ = number of agents that revealed before the stop (N if the controller never stopped). */
  meanStopTime: number;
  stoppedFraction: number;
  /** Fraction of runs whose final public belief has its maximum (lowest index on ties) at the true final state. */
  accuracy: number;
  costs?: number[];
}

interface RunOutcome {
  cost: number;
  stopTime: number;
  stopped: boolean;
  correct: boolean;
}

export function simulateStoppingRun(
  problem: StoppingProblem,
  policy: StoppingPolicy,
  seed: number,
  run: number,
  trueState?: number,
): RunOutcome {
  const { model, discount, horizon } = problem;
  if (!Number.isFinite(horizon)) throw new InputError('horizon', 'Monte Carlo needs a finite horizon');
  const rng = createRng(seed, run);
  let x = trueState ?? rng.categorical(model.prior);
  let pi = [...model.prior];
  let cost = 0;
  let weight = 1;
  let stopTime = -1;
  for (let k = 0; k < horizon; k++) {
    const predicted = predict(model, pi);
    if (model.transition) x = rng.categorical(model.transition[x]);
    const y = rng.categorical(model.likelihood[x]);
    if (stopTime < 0 && shouldStop(policy, pi, k)) {
      stopTime = k;
      cost += weight * terminalCost(problem, pi);
    }
    const table = tabulateAgent(model, predicted);
    cost += weight * classificationCostFromTable(model, table, problem.classificationCost);
    if (stopTime < 0) {
      cost += weight * delayAt(problem, k) * dot(problem.delayWeights, predicted);
      pi = table.posteriors[y] ?? predicted;
    } else {
      pi = socialUpdateFromTable(model, table, table.actions[y]) ?? predicted;
    }
    weight *= discount;
  }
  const stopped = stopTime >= 0;
  if (!stopped) cost += weight * terminalCost(problem, pi);
  return { cost, stopTime: stopped ? stopTime : horizon, stopped, correct: argmax(pi) === x };
}

export function evaluateStoppingPolicy(problem: StoppingProblem, policy: StoppingPolicy, opts: EvaluationOptions): PolicyEvaluation {
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new InputError('runs', `must be a positive integer, got ${opts.runs}`);
  const costs: number[] = [];
  let stopSum = 0;
  let stoppedCount = 0;
  let correct = 0;
  for (let r = 0; r < opts.runs; r++) {
    const out = simulateStoppingRun(problem, policy, opts.seed, r, opts.trueState);
    costs.push(out.cost);
    stopSum += out.stopTime;
    if (out.stopped) stoppedCount++;
    if (out.correct) correct++;
  }
  const result: PolicyEvaluation = {
    seed: opts.seed,
    runs: opts.runs,
    cost: meanEstimate(costs),
    meanStopTime: stopSum / opts.runs,
    stoppedFraction: stoppedCount / opts.runs,
    accuracy: correct / opts.runs,
  };
  if (opts.keepCosts) result.costs = costs;
  return result;
}
