// The prior grid (NumPy's linspace, bit for bit) and the initial public belief of a chain.
import { InputError } from '../errors';
import type { PriorFamily } from './types';

/** linspace(0, 1, G) as NumPy computes it: i·(1/(G−1)), with the last point exactly 1; G = 1 gives [0]. */
export function linspace01(G: number): number[] {
  if (!Number.isInteger(G) || G < 1) throw new InputError('--priors', `must be a positive integer, got ${G}`);
  if (G === 1) return [0];
  const step = 1 / (G - 1);
  const grid = Array.from({ length: G }, (_, i) => i * step);
  grid[G - 1] = 1;
  return grid;
}

export function assertPriorValue(p: number, field: string): number {
  if (!Number.isFinite(p) || p < 0 || p > 1) throw new InputError(field, `must be a number in [0, 1], got ${p}`);
  return p;
}

/**
 * π0 for prior value p and true state x*.
 * Filter mode: p·e_anchor + (1 − p)·e_x* (for x* = anchor this is e_anchor exactly).
 * Code parity (rule 1): built by assignment, π0 = 0; π0[anchor] = p; π0[x*] = 1 − p, so for x* = anchor it sums
 * to 1 − p (the zero vector at p = 1), as in the authors' notebook.
 */
export function initialBelief(family: PriorFamily, X: number, p: number, trueState: number, codeParity: boolean, out: Float64Array): void {
  out.fill(0, 0, X);
  if (codeParity) {
    out[family.anchor] = p;
    out[trueState] = 1 - p;
  } else {
    out[family.anchor] += p;
    out[trueState] += 1 - p;
  }
}
