// The sparsest utility (spec §3.3): min Σ r subject to NIAS/NIAC with fixed margins ε̄_s, ε̄_c and r ≥ 0.
import { InputError } from '../errors';
import { buildRpProgram } from './lp-builder';
import { readUtilities } from './nias-niac';
import { loadLpSolver, LpSolverError, type LpSolver, type LpSolverLoadOptions } from './solver';
import type { ChoiceData, SparsestOptions, SparsestResult } from './types';

export async function sparsestUtility(data: ChoiceData, options: SparsestOptions & LpSolverLoadOptions): Promise<SparsestResult> {
  return solveSparsest(await loadLpSolver(options), data, options);
}

export function solveSparsest(solver: LpSolver, data: ChoiceData, options: SparsestOptions): SparsestResult {
  assertMargin(options.niasMargin, 'niasMargin');
  assertMargin(options.niacMargin, 'niacMargin');
  const { lp, layout } = buildRpProgram(data, options.commonUtility ?? false);
  for (let j = 0; j < layout.utilityColumns; j++) {
    lp.colUpper[j] = Infinity;
    lp.colCost[j] = 1;
  }
  lp.colLower[layout.niasMargin] = lp.colUpper[layout.niasMargin] = options.niasMargin;
  // With one environment there is no NIAC row, so ε̄_c constrains nothing.
  const niac = layout.environments > 1 ? options.niacMargin : 0;
  lp.colLower[layout.niacMargin] = lp.colUpper[layout.niacMargin] = niac;
  lp.sense = 'minimize';

  const outcome = solver.solve(lp);
  if (outcome.status === 'infeasible' || outcome.status === 'infeasible-or-unbounded') {
    return {
      feasible: false,
      reason: `no non-negative utility achieves NIAS margin ${options.niasMargin} and NIAC margin ${options.niacMargin} together`,
    };
  }
  // Σ r ≥ 0 bounds the objective, so the LP cannot be unbounded.
  if (outcome.status !== 'optimal') throw new LpSolverError(`sparsest utility: the LP solver reported ${outcome.status}`);
  return {
    feasible: true,
    totalUtility: outcome.objective,
    utilities: readUtilities(layout, outcome.values),
    costs: data.environments.map((_, m) => outcome.values[layout.cost(m)]),
  };
}

function assertMargin(value: number, field: string): void {
  if (!Number.isFinite(value) || value < 0) throw new InputError(field, `must be a finite non-negative number, got ${value}`);
}
