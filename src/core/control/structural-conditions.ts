// The sufficient conditions of spec §5.1 for a threshold (MLR-monotone) optimal stopping policy, checked one by one:
// (i) B TP2, (ii) P = I or TP2, (iii) C(π,1) − C(π,2) monotone in π(1) with C(π,2) ≥ 0, (iv) C(π,1) concave.
// (iii) and (iv) are checked on the value-iteration grid (two states only), on the stage-0 costs.
import { predict } from '../bayes';
import { dims } from '../model';
import { continueCost } from './stage-costs';
import type { StoppingProblem } from './stopping-problem';
import type { Orientation } from './threshold-policy';
import type { ValueIterationResult } from './value-iteration';

export interface ConditionCheck {
  name: 'likelihood-tp2' | 'transition-tp2' | 'submodular-costs' | 'stop-cost-concave';
  /** null: not checkable here (e.g. X > 2 for the grid checks). */
  pass: boolean | null;
  detail: string;
}

export interface StructuralConditions {
  checks: ConditionCheck[];
  /** Every check passed: the threshold structure is guaranteed (not merely observed). */
  allPass: boolean;
  /** (iii) decreasing ⇒ continue-below; increasing ⇒ stop-below (the mirror image). */
  impliedOrientation: Orientation | null;
}

const TOLERANCE = 1e-12;

/** Most negative 2×2 minor M[i][j]M[i'][j'] − M[i][j']M[i'][j] (i < i', j < j'); ≥ 0 means TP2. */
export function worstTp2Minor(M: readonly (readonly number[])[]): number {
  let worst = Infinity;
  for (let i = 0; i < M.length; i++)
    for (let i2 = i + 1; i2 < M.length; i2++)
      for (let j = 0; j < M[i].length; j++)
        for (let j2 = j + 1; j2 < M[i].length; j2++) worst = Math.min(worst, M[i][j] * M[i2][j2] - M[i][j2] * M[i2][j]);
  return worst === Infinity ? 0 : worst;
}

export function isTp2(M: readonly (readonly number[])[], tolerance = TOLERANCE): boolean {
  return worstTp2Minor(M) >= -tolerance;
}

function likelihoodCheck(B: number[][]): ConditionCheck {
  const worst = worstTp2Minor(B);
  if (worst >= -TOLERANCE) return { name: 'likelihood-tp2', pass: true, detail: `B is TP2 (smallest 2×2 minor ${fmt(worst)})` };
  const reversed = B.map((row) => [...row].reverse());
  const hint = isTp2(reversed) ? '; it is TP2 after reversing the observation order (relabel y → Y−1−y)' : '';
  return { name: 'likelihood-tp2', pass: false, detail: `B is not TP2 (smallest 2×2 minor ${fmt(worst)})${hint}` };
}

function transitionCheck(P: number[][] | undefined): ConditionCheck {
  if (!P) return { name: 'transition-tp2', pass: true, detail: 'P = I (static state)' };
  const identity = P.every((row, i) => row.every((v, j) => v === (i === j ? 1 : 0)));
  if (identity) return { name: 'transition-tp2', pass: true, detail: 'P = I (static state)' };
  const worst = worstTp2Minor(P);
  return {
    name: 'transition-tp2',
    pass: worst >= -TOLERANCE,
    detail: `P ${worst >= -TOLERANCE ? 'is' : 'is not'} TP2 (smallest 2×2 minor ${fmt(worst)})`,
  };
}

export function checkStructuralConditions(problem: StoppingProblem, vi?: ValueIterationResult): StructuralConditions {
  const checks: ConditionCheck[] = [likelihoodCheck(problem.model.likelihood), transitionCheck(problem.model.transition)];
  let impliedOrientation: Orientation | null = null;
  if (dims(problem.model).X === 2 && vi) {
    const stage0Continue = vi.grid.map((p) => continueCost(problem, predict(problem.model, [1 - p, p]), 0));
    const difference = vi.stopCost.map((c1, i) => c1 - stage0Continue[i]);
    const scale = Math.max(1, ...difference.map(Math.abs));
    const trend = monotoneTrend(difference, scale * 1e-9);
    const nonNegative = Math.min(...stage0Continue) >= -TOLERANCE;
    impliedOrientation = trend === 'decreasing' ? 'continue-below' : trend === 'increasing' ? 'stop-below' : null;
    checks.push({
      name: 'submodular-costs',
      pass: trend !== 'non-monotone' && nonNegative,
      detail:
        `C(π,1) − C(π,2) is ${trend} in π(1) on the grid` +
        (impliedOrientation ? ` (implies ${impliedOrientation})` : '') +
        (nonNegative ? '; C(π,2) ≥ 0' : '; C(π,2) takes negative values'),
    });
    const worst = worstConcavityViolation(vi.stopCost);
    const tol = Math.max(1, ...vi.stopCost.map(Math.abs)) * 1e-9;
    checks.push({
      name: 'stop-cost-concave',
      pass: worst <= tol,
      detail:
        worst <= tol
          ? 'C(π,1) is concave (or linear) in π(1) on the grid'
          : `C(π,1) is not concave: largest positive second difference ${fmt(worst)} (the herd continuation jumps at the cascade boundaries)`,
    });
  } else {
    const why = dims(problem.model).X === 2 ? 'needs the value-iteration grid' : 'checked on the grid for two states only';
    checks.push({ name: 'submodular-costs', pass: null, detail: why }, { name: 'stop-cost-concave', pass: null, detail: why });
  }
  return { checks, allPass: checks.every((c) => c.pass === true), impliedOrientation };
}

function monotoneTrend(v: readonly number[], tol: number): 'increasing' | 'decreasing' | 'constant' | 'non-monotone' {
  let up = false;
  let down = false;
  for (let i = 1; i < v.length; i++) {
    if (v[i] > v[i - 1] + tol) up = true;
    if (v[i] < v[i - 1] - tol) down = true;
  }
  return up && down ? 'non-monotone' : up ? 'increasing' : down ? 'decreasing' : 'constant';
}

/** Largest f(p_{i−1}) − 2f(p_i) + f(p_{i+1}); ≤ 0 everywhere means concave on the grid. */
function worstConcavityViolation(f: readonly number[]): number {
  let worst = -Infinity;
  for (let i = 1; i + 1 < f.length; i++) worst = Math.max(worst, f[i - 1] - 2 * f[i] + f[i + 1]);
  return worst;
}

const fmt = (x: number) => Number(x.toPrecision(4)).toString();
