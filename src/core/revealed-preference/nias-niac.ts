// The max-margin NIAS/NIAC test with lexicographic margins (spec §3.3): first ε_s, then ε_c with ε_s held at its optimum.
import { grossUtilities, niasSlacks } from './gross-utility';
import { buildRpProgram, type RpLayout } from './lp-builder';
import type { LinearProgram } from './linear-program';
import { loadLpSolver, LpSolverError, type LpSolver, type LpSolverLoadOptions } from './solver';
import { PASS_TOLERANCE, type ChoiceData, type MaxMarginResult, type RpOptions } from './types';

/** Stage 2 may give back at most this much of the stage-1 NIAS margin (spec §3.3). */
export const STAGE_TWO_SLACK = 1e-9;

/** Loads HiGHS if needed and runs the two-stage max-margin LP. */
export async function maxMarginUtility(data: ChoiceData, options: RpOptions & LpSolverLoadOptions = {}): Promise<MaxMarginResult> {
  return solveMaxMargin(await loadLpSolver(options), data, options);
}

export function solveMaxMargin(solver: LpSolver, data: ChoiceData, options: RpOptions = {}): MaxMarginResult {
  const commonUtility = options.commonUtility ?? false;
  const { lp, layout } = buildRpProgram(data, commonUtility);

  const stageOne = withObjective(lp, layout.niasMargin);
  const first = solveOptimal(solver, stageOne, 'stage 1 (maximise the NIAS margin)');
  const niasMargin = first[layout.niasMargin];

  let solution = first;
  let niacMargin: number | null = null;
  if (layout.environments > 1) {
    const stageTwo = withObjective(lp, layout.niacMargin);
    stageTwo.colLower[layout.niasMargin] = Math.max(0, niasMargin - STAGE_TWO_SLACK);
    solution = solveOptimal(solver, stageTwo, 'stage 2 (maximise the NIAC margin)');
    niacMargin = solution[layout.niacMargin];
  }

  const utilities = readUtilities(layout, solution);
  return {
    niasMargin,
    niacMargin,
    passes: niasMargin > PASS_TOLERANCE,
    commonUtility,
    utilities,
    costs: data.environments.map((_, m) => solution[layout.cost(m)]),
    grossUtility: grossUtilities(data, utilities),
    niasSlack: niasSlacks(data, utilities),
  };
}

/** r_m(x,a) as M×X×A; with a common utility the shared matrix is repeated per environment. */
export function readUtilities(layout: RpLayout, values: readonly number[]): number[][][] {
  return Array.from({ length: layout.environments }, (_, m) =>
    Array.from({ length: layout.states }, (_, x) => Array.from({ length: layout.actions }, (_, a) => values[layout.utility(m, x, a)])),
  );
}

function withObjective(lp: LinearProgram, column: number): LinearProgram {
  const colCost = lp.colCost.map((_, j) => (j === column ? 1 : 0));
  return { ...lp, colCost, colLower: [...lp.colLower], colUpper: [...lp.colUpper], sense: 'maximize' };
}

/** These LPs are always feasible (r constant, margins 0) and bounded (r in a box), so anything but optimal is a solver fault. */
function solveOptimal(solver: LpSolver, lp: LinearProgram, stage: string): number[] {
  const outcome = solver.solve(lp);
  if (outcome.status !== 'optimal')
    throw new LpSolverError(`${stage}: the LP solver reported ${outcome.status}, which cannot happen for valid data`);
  return outcome.values;
}
