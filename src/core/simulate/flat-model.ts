// The decision model as flat row-major Float64Arrays, the layout the simulation kernels read.
import { dims, type DecisionModel } from '../model';

export interface FlatModel {
  X: number;
  Y: number;
  A: number;
  /** B[x·Y + y] = P(y | x). */
  B: Float64Array;
  /** U[x·A + a] = u(x, a). */
  U: Float64Array;
  /** P[i·X + j] = P(x' = j | x = i); null when the model has no transition (static state, P'π = π). */
  P: Float64Array | null;
  /** Rows i with P[i][j] ≠ 0 for column j: PcolRow[PcolStart[j] .. PcolStart[j+1]). */
  PcolStart: Int32Array;
  PcolRow: Int32Array;
  /** P is the identity matrix: for a finite π, P'π is 0 + π entry by entry (what the column sums reduce to). */
  identity: boolean;
}

export function flattenModel(model: DecisionModel): FlatModel {
  const { X, Y, A } = dims(model);
  const P = model.transition ? Float64Array.from(model.transition.flat()) : null;
  const PcolStart = new Int32Array(X + 1);
  const rows: number[] = [];
  for (let j = 0; j < X && P; j++) {
    for (let i = 0; i < X; i++) if (P[i * X + j] !== 0) rows.push(i);
    PcolStart[j + 1] = rows.length;
  }
  return {
    X,
    Y,
    A,
    B: Float64Array.from(model.likelihood.flat()),
    U: Float64Array.from(model.utility.flat()),
    P,
    PcolStart,
    PcolRow: Int32Array.from(rows),
    identity: P !== null && isIdentityMatrix(P, X),
  };
}

function isIdentityMatrix(P: Float64Array, X: number): boolean {
  for (let i = 0; i < X; i++) for (let j = 0; j < X; j++) if (P[i * X + j] !== (i === j ? 1 : 0)) return false;
  return true;
}

/** True when every entry is a finite number (so a product with an exact zero is an exact ±0). */
export function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

/**
 * q = P'π, summed over i in index order from 0 exactly as core `predict`; without P a plain copy.
 * With P finite and π finite, a zero P[i][j] adds an exact ±0 to a sum that starts at +0 and so never changes it
 * (a sum from +0 is never −0): only the nonzero entries are visited, with the same bits as the full loop.
 */
export function predictInto(m: FlatModel, pi: Float64Array, piOff: number, q: Float64Array): void {
  const { X, P, PcolStart, PcolRow } = m;
  if (!P) {
    for (let x = 0; x < X; x++) q[x] = pi[piOff + x];
    return;
  }
  let finite = true;
  for (let i = 0; i < X && finite; i++) finite = pi[piOff + i] - pi[piOff + i] === 0;
  if (finite && m.identity) {
    // The column sum from +0 is 0 + 1·π[j]: π[j] itself, except −0 which becomes +0.
    for (let j = 0; j < X; j++) q[j] = 0 + pi[piOff + j];
    return;
  }
  if (finite) {
    for (let j = 0; j < X; j++) {
      let s = 0;
      for (let k = PcolStart[j]; k < PcolStart[j + 1]; k++) s += P[PcolRow[k] * X + j] * pi[piOff + PcolRow[k]];
      q[j] = s;
    }
    return;
  }
  for (let j = 0; j < X; j++) {
    let s = 0;
    for (let i = 0; i < X; i++) s += P[i * X + j] * pi[piOff + i];
    q[j] = s;
  }
}
