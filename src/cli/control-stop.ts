// `herdscope control stop`: value iteration for the two-state stopping problem, its policy shape and conditions.
import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';
import { evaluateStoppingPolicy } from '../core/control/monte-carlo';
import { stoppingProblem } from '../core/control/stopping-problem';
import { checkStructuralConditions } from '../core/control/structural-conditions';
import { solveTwoStateStopping } from '../core/control/value-iteration';
import type { CliIo } from './command';
import { numberFlag, problemFlagSpec, problemOptions } from './control-flags';
import { readModelFile } from './input-files';
import { intFlagOptional } from './int-flag';

export const stopUsage = `herdscope control stop --model FILE [--grid 1001] [--discount 0.99] [--horizon 100|inf]
    [--delay D | D0,D1,...] [--terminal-cost 700] [--classification-cost JSON] [--tolerance 1e-9]
    [--evaluate RUNS --seed S]
  Solves the stopping problem of spec §5.1 (two states) by value iteration on a grid of π(1) with linear
  interpolation. Continue = the agent reveals its observation (Bayes update), cost d_k·π(0) + classification;
  stop (absorbing) = agents act myopically and may herd, cost terminal·π(1) + the herd's classification cost.
  Defaults (§7.11): ρ = 0.99, N = 100, d_k = linspace(1,100,100), terminal 700, c = regret of the utility.
  --horizon inf with a constant --delay solves the stationary problem to --tolerance (sup-norm change).
  --evaluate RUNS also evaluates the optimal policy by seeded Monte Carlo.
  Prints {policy, threshold, orientation, isThreshold, regions, stages, conditions, values, ...}.`;

export async function runStop(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      grid: { type: 'string' },
      tolerance: { type: 'string' },
      evaluate: { type: 'string' },
      seed: { type: 'string' },
      ...problemFlagSpec,
    },
    strict: true,
    allowPositionals: false,
  });
  const model = readModelFile(values.model);
  if (model.prior.length !== 2)
    throw new InputError(
      '--model',
      `value iteration needs 2 states, the model has ${model.prior.length} (use control spsa for a linear threshold policy)`,
    );
  const problem = stoppingProblem(model, problemOptions(values));
  const vi = solveTwoStateStopping(problem, {
    gridSize: intFlagOptional('--grid', values.grid, 3, 1_000_001),
    tolerance: numberFlag('--tolerance', values.tolerance, Number.MIN_VALUE),
  });
  const conditions = checkStructuralConditions(problem, vi);
  const runs = intFlagOptional('--evaluate', values.evaluate, 1);
  if (runs && !Number.isFinite(problem.horizon)) throw new InputError('--evaluate', 'needs a finite --horizon (Monte Carlo)');
  const seed = intFlagOptional('--seed', values.seed, -Number.MAX_SAFE_INTEGER) ?? 0;
  const evaluation = runs ? evaluateStoppingPolicy(problem, vi.policy, { runs, seed }) : null;
  const out = {
    problem: {
      discount: problem.discount,
      horizon: Number.isFinite(problem.horizon) ? problem.horizon : 'inf',
      delay: problem.delay,
      delayWeights: problem.delayWeights,
      terminalWeights: problem.terminalWeights,
      classificationCost: problem.classificationCost,
    },
    policy: vi.stop.map((s) => (s ? 'stop' : 'continue')),
    threshold: vi.shape.threshold,
    orientation: vi.shape.orientation,
    isThreshold: vi.shape.isThreshold,
    constantAction: vi.shape.constantAction,
    regions: vi.shape.regions,
    stages: vi.stages,
    conditions,
    values: { grid: vi.grid, value: vi.values, stopCost: vi.stopCost, continueValue: vi.continueValue },
    valueAtPrior: interpolate(vi.values, model.prior[1]),
    gridSize: vi.gridSize,
    iterations: vi.iterations,
    residual: vi.residual,
    tolerance: vi.tolerance,
    converged: vi.converged,
    evaluation,
  };
  io.stdout(`${JSON.stringify(out)}\n`);
  return 0;
}

function interpolate(values: number[], p: number): number {
  const scaled = p * (values.length - 1);
  const lo = Math.min(Math.floor(scaled), values.length - 2);
  const w = scaled - lo;
  return values[lo] * (1 - w) + values[lo + 1] * w;
}
