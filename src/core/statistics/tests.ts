// Goodness-of-fit, multiple-testing and paired tests: the G-test, Holm's correction, McNemar's test.
import { chiSquareSurvival, logGamma } from './gamma';

export interface GTestResult {
  /** G = 2 Σ_{O_y > 0} O_y ln(O_y / (n E_y)); Infinity when some O_y > 0 has E_y = 0. */
  g: number;
  /** (number of y with E_y > 0) − 1. */
  df: number;
  /** P(χ²_df ≥ G); 0 when the counts are impossible under E. */
  p: number;
  n: number;
  /** Observation indices seen although E gives them probability 0 (then E is rejected outright). */
  impossible: number[];
}

/** G-test of observed counts against expected probabilities (one multinomial sample of size n = Σ O). */
export function gTest(observed: readonly number[], expected: readonly number[]): GTestResult {
  if (observed.length !== expected.length)
    throw new RangeError(`gTest needs one expected probability per count (${observed.length}), got ${expected.length}`);
  const n = observed.reduce((a, b) => a + b, 0);
  let g = 0;
  let support = 0;
  const impossible: number[] = [];
  observed.forEach((o, y) => {
    const e = expected[y];
    if (e > 0) support += 1;
    if (o <= 0) return;
    if (e > 0) g += o * Math.log(o / (n * e));
    else impossible.push(y);
  });
  const df = Math.max(0, support - 1);
  if (impossible.length > 0) return { g: Infinity, df, p: 0, n, impossible };
  g = Math.max(0, 2 * g); // G ≥ 0 by Gibbs' inequality; clamp rounding below zero
  return { g, df, p: n === 0 ? 1 : chiSquareSurvival(g, df), n, impossible };
}

/** Holm's step-down adjusted p-values, in the input order (null entries are not tests and stay null). */
export function holm(pValues: ReadonlyArray<number | null>): Array<number | null> {
  const tested = pValues.map((p, i) => ({ p, i })).filter((t): t is { p: number; i: number } => t.p !== null);
  tested.sort((a, b) => a.p - b.p || a.i - b.i);
  const m = tested.length;
  const out: Array<number | null> = pValues.map(() => null);
  let running = 0;
  tested.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}

export interface McNemarResult {
  /** Pairs right in the first run only, and in the second only. */
  b: number;
  c: number;
  /** 'exact': two-sided binomial test of b ~ Bin(b + c, ½); 'chi-square': (|b − c| − 1)² / (b + c) on 1 df (continuity-corrected). */
  method: 'exact' | 'chi-square';
  statistic: number | null;
  p: number;
}

/** Below this many discordant pairs the exact test is used (the usual rule: the χ² approximation needs b + c ≥ 25). */
export const MCNEMAR_EXACT_BELOW = 25;

export function mcnemar(b: number, c: number): McNemarResult {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0)
    throw new RangeError(`mcnemar needs non-negative integer counts, got b=${b}, c=${c}`);
  if (b + c < MCNEMAR_EXACT_BELOW) return { b, c, method: 'exact', statistic: null, p: mcnemarExact(b, c) };
  const statistic = mcnemarChiSquareStatistic(b, c);
  return { b, c, method: 'chi-square', statistic, p: chiSquareSurvival(statistic, 1) };
}

/** Two-sided exact p-value: 2·P(Bin(b + c, ½) ≤ min(b, c)), capped at 1; 1 when there are no discordant pairs. */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  let tail = 0;
  if (n <= 1000) {
    // C(n, i)/2^n by the product recurrence: exact-looking for small n (2·(1 + 8)/2⁸ comes out as 0.0703125).
    let term = 0.5 ** n;
    for (let i = 0; i <= k; i++) {
      tail += term;
      term = (term * (n - i)) / (i + 1);
    }
  } else {
    const logHalfN = n * Math.log(0.5);
    for (let i = 0; i <= k; i++) tail += Math.exp(logChoose(n, i) + logHalfN);
  }
  return Math.min(1, 2 * tail);
}

export function mcnemarChiSquareStatistic(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 0;
  const d = Math.max(0, Math.abs(b - c) - 1);
  return (d * d) / n;
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}
