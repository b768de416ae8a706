// Revealed preferences (spec §3): is the data consistent with a rationally inattentive Bayesian utility maximiser?
export * from './types';
export {
  parseChoiceData,
  checkEnvironments,
  choiceProbabilitiesFromCounts,
  perturbChoices,
  jointProbabilities,
  actionMarginals,
  posteriorsGivenAction,
} from './choice-data';
export { grossUtilities, niasSlacks, niacSlack } from './gross-utility';
export { buildRpProgram, type RpLayout } from './lp-builder';
export type { LinearProgram, SparseRow } from './linear-program';
export { loadLpSolver, LpSolverError, type LpSolver, type LpOutcome, type LpSolverLoadOptions } from './solver';
export { maxMarginUtility, solveMaxMargin, STAGE_TWO_SLACK } from './nias-niac';
export { sparsestUtility, solveSparsest } from './sparsest';
