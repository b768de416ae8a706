// Validation and small helpers for probability vectors and stochastic matrices.
import { InputError } from './errors';
import { describeValue } from './untrusted-text';

/** Tolerance for "sums to 1" (issue 2: within 1e-9). */
export const SUM_TOLERANCE = 1e-9;

export function assertFiniteVector(v: unknown, field: string, length?: number): number[] {
  if (!Array.isArray(v)) throw new InputError(field, 'must be an array of numbers');
  if (length !== undefined && v.length !== length) throw new InputError(field, `must have ${length} entries, got ${v.length}`);
  if (v.length === 0) throw new InputError(field, 'must not be empty');
  v.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw new InputError(`${field}[${i}]`, `must be a finite number, got ${describeValue(x)}`);
  });
  return v as number[];
}

/** A probability vector: finite, non-negative, summing to 1 within SUM_TOLERANCE. */
export function assertProbabilityVector(v: unknown, field: string, length?: number): number[] {
  const p = assertFiniteVector(v, field, length);
  p.forEach((x, i) => {
    if (x < 0) throw new InputError(`${field}[${i}]`, `must be non-negative, got ${x}`);
  });
  const sum = p.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) throw new InputError(field, `must sum to 1, sums to ${sum}`);
  return p;
}

export function assertMatrix(m: unknown, field: string, rows?: number, cols?: number): number[][] {
  if (!Array.isArray(m) || m.length === 0) throw new InputError(field, 'must be a non-empty array of rows');
  if (rows !== undefined && m.length !== rows) throw new InputError(field, `must have ${rows} rows, got ${m.length}`);
  const width = cols ?? (Array.isArray(m[0]) ? m[0].length : undefined);
  return m.map((row, i) => assertFiniteVector(row, `${field}[${i}]`, width));
}

/** A row-stochastic matrix: every row a probability vector of the same length. */
export function assertStochasticMatrix(m: unknown, field: string, rows?: number, cols?: number): number[][] {
  const checked = assertMatrix(m, field, rows, cols);
  checked.forEach((row, i) => assertProbabilityVector(row, `${field}[${i}]`));
  return checked;
}

export function sum(v: readonly number[]): number {
  let s = 0;
  for (const x of v) s += x;
  return s;
}
