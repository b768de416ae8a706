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
}

export function flattenModel(model: DecisionModel): FlatModel {
  const { X, Y, A } = dims(model);
  return {
    X,
    Y,
    A,
    B: Float64Array.from(model.likelihood.flat()),
    U: Float64Array.from(model.utility.flat()),
    P: model.transition ? Float64Array.from(model.transition.flat()) : null,
  };
}

/** q = P'π, summed over i in index order from 0 exactly as core `predict`; without P a plain copy. */
export function predictInto(m: FlatModel, pi: Float64Array, piOff: number, q: Float64Array): void {
  const { X, P } = m;
  if (!P) {
    for (let x = 0; x < X; x++) q[x] = pi[piOff + x];
    return;
  }
  for (let j = 0; j < X; j++) {
    let s = 0;
    for (let i = 0; i < X; i++) s += P[i * X + j] * pi[piOff + i];
    q[j] = s;
  }
}
