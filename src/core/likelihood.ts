// Estimating the LLM sensor's likelihood B(y|x) from labelled observations (spec §2.4, §7.4).
import { InputError } from './errors';
import { describeValue } from './untrusted-text';

export interface LabelledObservation {
  state: number;
  y: number;
}

function assertIndex(v: unknown, n: number, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) {
    throw new InputError(field, `must be an integer in 0..${n - 1}, got ${describeValue(v)}`);
  }
  return v;
}

/** counts[x][y] = #{rows with state x and observation y} (the confusion table of state × observation). */
export function countTable(rows: readonly LabelledObservation[], X: number, Y: number): number[][] {
  if (!Number.isInteger(X) || X < 1) throw new InputError('X', `must be a positive integer, got ${X}`);
  if (!Number.isInteger(Y) || Y < 1) throw new InputError('Y', `must be a positive integer, got ${Y}`);
  const counts = Array.from({ length: X }, () => new Array<number>(Y).fill(0));
  rows.forEach((row, i) => {
    const x = assertIndex(row.state, X, `rows[${i}].state`);
    const y = assertIndex(row.y, Y, `rows[${i}].y`);
    counts[x][y] += 1;
  });
  return counts;
}

/** The same table from parallel arrays of true states and predicted labels (e.g. an LLM's classes). */
export function confusionTable(states: readonly number[], labels: readonly number[], X: number, Y: number): number[][] {
  if (states.length !== labels.length)
    throw new InputError('labels', `must have one entry per state (${states.length}), got ${labels.length}`);
  return countTable(
    states.map((state, i) => ({ state, y: labels[i] })),
    X,
    Y,
  );
}

/**
 * B[x][y] = (counts[x][y] + s) / (Σ_y counts[x][y] + Y·s), additive (Laplace) smoothing with pseudo-count s
 * (default 1). A state with no data and s = 0 has no estimate and is an InputError.
 */
export function estimateLikelihood(counts: readonly (readonly number[])[], opts: { smoothing?: number } = {}): number[][] {
  const s = opts.smoothing ?? 1;
  if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) throw new InputError('smoothing', `must be a finite number >= 0, got ${s}`);
  if (counts.length === 0) throw new InputError('counts', 'must be a non-empty table');
  const Y = counts[0].length;
  if (Y === 0) throw new InputError('counts[0]', 'must not be empty');
  return counts.map((row, x) => {
    if (row.length !== Y) throw new InputError(`counts[${x}]`, `must have ${Y} entries, got ${row.length}`);
    row.forEach((c, y) => {
      if (typeof c !== 'number' || !Number.isFinite(c) || c < 0)
        throw new InputError(`counts[${x}][${y}]`, `must be a finite count >= 0, got ${c}`);
    });
    const total = row.reduce((a, b) => a + b, 0) + Y * s;
    if (!(total > 0)) throw new InputError(`counts[${x}]`, 'state has no observations; use smoothing > 0 or add data');
    return row.map((c) => (c + s) / total);
  });
}
