// The correct social-learning filter of spec §4, operation for operation as core learn() (bayes, cascade, social-learning).
import { scaleToUnitMax } from '../exact-scale';
import type { FlatModel } from './flat-model';
import { predictInto } from './flat-model';
import type { BeliefKernel } from './kernel';

/**
 * A node holds what core learn() carries between agents: the public belief as weights (unnormalised, rescaled by
 * powers of two), starting from π0 as given. With q = P'w: the action on y is the first strict maximum of
 * Σ_x u(x,a)·(B[x][y]·q[x]) when Σ_x B[x][y]·q[x] > 0, else 0; the herd test runs over those reachable y;
 * R[x][a] sums B[x][y] over the y whose action is a, from 0 in observation order; w' = R∘q rescaled by a power of
 * two (core scaleToUnitMax), or q rescaled when R∘q is all zero; the belief reported is w / Σw.
 * The equality with core learn() is asserted on random models in test/core/simulate.
 */
export class FilterKernel implements BeliefKernel {
  readonly extraSize = 0;
  private readonly q: Float64Array;
  private readonly joint: Float64Array;
  private readonly weights: number[];

  constructor(readonly m: FlatModel) {
    this.q = new Float64Array(m.X);
    this.joint = new Float64Array(m.X);
    this.weights = new Array<number>(m.X).fill(0);
  }

  analyse(pi: Float64Array, piOff: number, act: Int8Array, actOff: number): number {
    const { X, Y, A, B, U } = this.m;
    const { q, joint } = this;
    predictInto(this.m, pi, piOff, q);
    let herd = -1;
    let herding = true;
    for (let y = 0; y < Y; y++) {
      let s = 0;
      for (let x = 0; x < X; x++) {
        const v = B[x * Y + y] * q[x];
        joint[x] = v;
        s += v;
      }
      if (!(s > 0)) {
        act[actOff + y] = 0;
        continue;
      }
      let best = 0;
      let bestValue = 0;
      for (let a = 0; a < A; a++) {
        let v = 0;
        for (let x = 0; x < X; x++) v += U[x * A + a] * joint[x];
        if (a === 0 || v > bestValue) {
          best = a;
          bestValue = v;
        }
      }
      act[actOff + y] = best;
      if (herd < 0) herd = best;
      else if (herd !== best) herding = false;
    }
    return herding ? herd : -1;
  }

  successor(
    pi: Float64Array,
    piOff: number,
    act: Int8Array,
    actOff: number,
    _extra: Int32Array,
    _extraOff: number,
    a: number,
    out: Float64Array,
  ): void {
    const { X, Y, B } = this.m;
    const { q, weights } = this;
    predictInto(this.m, pi, piOff, q);
    let positive = false;
    for (let x = 0; x < X; x++) {
      let r = 0;
      for (let y = 0; y < Y; y++) if (act[actOff + y] === a) r += B[x * Y + y];
      weights[x] = r * q[x];
      if (weights[x] > 0) positive = true;
    }
    if (!positive) for (let x = 0; x < X; x++) weights[x] = q[x];
    out.set(scaleToUnitMax(weights));
  }

  belief(state: Float64Array, off: number, out: Float64Array, outOff: number): void {
    const X = this.m.X;
    let s = 0;
    for (let x = 0; x < X; x++) s += state[off + x];
    for (let x = 0; x < X; x++) out[outOff + x] = state[off + x] / s;
  }
}
