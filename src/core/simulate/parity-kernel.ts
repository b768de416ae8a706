// The authors' E2 computation (issue 6, code-parity rules 2–5), reproduced operation for operation.
import type { FlatModel } from './flat-model';
import { predictInto } from './flat-model';
import type { BeliefKernel } from './kernel';

/**
 * (2) η = B_y∘q / Σq (q = P'π, possibly unnormalised); action = first index of the exact maximum of U'η, NaN first
 *     (NumPy argmax), so a NaN belief gives action 0.
 * (3) a is weakly optimal for y when U'(B_y∘q) at a is ≥ every entry (ties count; a NaN makes nothing optimal);
 *     R[x] = 1 + Σ_y B[x,y]·weak(a,y), accumulated from 1 in observation order.
 * (4) π' = R∘q / Σ(R∘q); NaN propagates.
 * (5) herding: the action is the same for every y with Σ(B_y∘q) > 0; none such (zero or NaN belief) herds on 0.
 * The extra data per node is weak(a,y) as Y·A bytes.
 */
export class ParityKernel implements BeliefKernel {
  readonly extraSize: number;
  private readonly q: Float64Array;
  private readonly v: Float64Array;
  private readonly eta: Float64Array;
  private readonly score: Float64Array;
  /** B and U transposed: Bt[y·X + x] = B[x][y], Ut[a·X + x] = u(x, a), so the state loops read contiguously. */
  private readonly Bt: Float64Array;
  private readonly Ut: Float64Array;

  constructor(readonly m: FlatModel) {
    this.extraSize = m.Y * m.A;
    this.q = new Float64Array(m.X);
    this.v = new Float64Array(m.X);
    this.eta = new Float64Array(m.X);
    this.score = new Float64Array(m.A);
    this.Bt = transpose(m.B, m.X, m.Y);
    this.Ut = transpose(m.U, m.X, m.A);
  }

  analyse(pi: Float64Array, piOff: number, act: Int8Array, actOff: number, weak: Uint8Array, weakOff: number): number {
    const { X, Y, A } = this.m;
    const { q, v, eta, score, Bt, Ut } = this;
    predictInto(this.m, pi, piOff, q);
    let total = 0;
    for (let x = 0; x < X; x++) total += q[x];
    let herd = -1;
    let herding = true;
    for (let y = 0; y < Y; y++) {
      let mass = 0;
      for (let x = 0; x < X; x++) {
        const w = Bt[y * X + x] * q[x];
        v[x] = w;
        eta[x] = w / total;
        mass += w;
      }
      // One pass over the actions: U'η for the action (NumPy argmax: first NaN, else first maximum) and U'v for
      // weak optimality (every comparison false once a score is NaN).
      let action = 0;
      let best = 0;
      let max = -Infinity;
      let anyNaN = false;
      for (let a = 0; a < A; a++) {
        let se = 0;
        let sv = 0;
        for (let x = 0; x < X; x++) {
          const u = Ut[a * X + x];
          se += u * eta[x];
          sv += u * v[x];
        }
        if (a === 0) {
          action = 0;
          best = se;
        } else if (best === best && (se !== se || se > best)) {
          action = a;
          best = se;
        }
        score[a] = sv;
        if (sv !== sv) anyNaN = true;
        else if (sv > max) max = sv;
      }
      const off = weakOff + y * A;
      for (let a = 0; a < A; a++) weak[off + a] = !anyNaN && score[a] >= max ? 1 : 0;
      act[actOff + y] = action;
      if (mass > 0) {
        if (herd < 0) herd = action;
        else if (herd !== action) herding = false;
      }
    }
    if (!herding) return -1;
    return herd < 0 ? 0 : herd;
  }

  successor(pi: Float64Array, piOff: number, _act: Int8Array, _actOff: number, weak: Uint8Array, weakOff: number, a: number, out: Float64Array): void {
    const { X, Y, A, B } = this.m;
    const { q } = this;
    predictInto(this.m, pi, piOff, q);
    let sigma = 0;
    for (let x = 0; x < X; x++) {
      let r = 1;
      for (let y = 0; y < Y; y++) if (weak[weakOff + y * A + a] === 1) r += B[x * Y + y];
      const u = r * q[x];
      out[x] = u;
      sigma += u;
    }
    for (let x = 0; x < X; x++) out[x] = out[x] / sigma;
  }

  /** The authors carry the normalised belief itself. */
  belief(state: Float64Array, off: number, out: Float64Array, outOff: number): void {
    for (let x = 0; x < this.m.X; x++) out[outOff + x] = state[off + x];
  }
}

function transpose(M: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = M[r * cols + c];
  return out;
}
