// The authors' E2 computation (issue 6, code-parity rules 2–5), reproduced operation for operation.
import type { FlatModel } from './flat-model';
import { allFinite, predictInto } from './flat-model';
import type { BeliefKernel } from './kernel';

/**
 * (2) η = B_y∘q / Σq (q = P'π, possibly unnormalised); action = first index of the exact maximum of U'η, NaN first
 *     (NumPy argmax), so a NaN belief gives action 0.
 * (3) a is weakly optimal for y when U'(B_y∘q) at a is ≥ every entry (ties count; a NaN makes nothing optimal);
 *     R[x] = 1 + Σ_y B[x,y]·weak(a,y), accumulated from 1 in observation order.
 * (4) π' = R∘q / Σ(R∘q); NaN propagates.
 * (5) herding: the action is the same for every y with Σ(B_y∘q) > 0; none such (zero or NaN belief) herds on 0.
 * The extra data per node is weak(a,y) as one bit mask over y per action: bit y & 31 of word a·W + (y >>> 5).
 */
export class ParityKernel implements BeliefKernel {
  readonly extraSize: number;
  /** 32-bit words per action in the weak-optimality masks. */
  private readonly W: number;
  private readonly q: Float64Array;
  private readonly v: Float64Array;
  private readonly eta: Float64Array;
  private readonly score: Float64Array;
  /** The states whose terms can change a sum over states for the current belief (see supportOf). */
  private readonly support: Int32Array;
  /** B and U transposed: Bt[y·X + x] = B[x][y], Ut[a·X + x] = u(x, a), so the state loops read contiguously. */
  private readonly Bt: Float64Array;
  private readonly Ut: Float64Array;
  /** B and U finite and B ≥ 0: a state with q[x] = 0 then only adds exact ±0 terms and keeps R∘q at q[x]. */
  private readonly sparseSafe: boolean;

  constructor(readonly m: FlatModel) {
    this.W = (m.Y + 31) >>> 5;
    this.extraSize = m.A * this.W;
    this.q = new Float64Array(m.X);
    this.v = new Float64Array(m.X);
    this.eta = new Float64Array(m.X);
    this.score = new Float64Array(m.A);
    this.support = new Int32Array(m.X);
    this.Bt = transpose(m.B, m.X, m.Y);
    this.Ut = transpose(m.U, m.X, m.A);
    this.sparseSafe = allFinite(m.B) && allFinite(m.U) && m.B.every((b) => b >= 0);
  }

  analyse(pi: Float64Array, piOff: number, act: Int8Array, actOff: number, weak: Int32Array, weakOff: number): number {
    const { X, Y, A } = this.m;
    const { q, v, eta, score, Bt, Ut, support, W } = this;
    predictInto(this.m, pi, piOff, q);
    for (let i = 0; i < this.extraSize; i++) weak[weakOff + i] = 0;
    let total = 0;
    for (let x = 0; x < X; x++) total += q[x];
    const n = this.supportOf(q, total);
    if (n <= 2 && X >= 2) return this.analysePair(total, act, actOff, weak, weakOff, n);
    let herd = -1;
    let herding = true;
    for (let y = 0; y < Y; y++) {
      let mass = 0;
      for (let j = 0; j < n; j++) {
        const x = support[j];
        const w = Bt[y * X + x] * q[x];
        v[j] = w;
        eta[j] = w / total;
        mass += w;
      }
      // One pass over the actions: U'η for the action (NumPy argmax: first NaN, else first maximum) and U'v for
      // weak optimality (every comparison false once a score is NaN).
      let action = 0;
      let best = 0;
      let max = -Infinity;
      let first = 0;
      let anyNaN = false;
      for (let a = 0; a < A; a++) {
        let se = 0;
        let sv = 0;
        for (let j = 0; j < n; j++) {
          const u = Ut[a * X + support[j]];
          se += u * eta[j];
          sv += u * v[j];
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
        else if (sv > max) {
          max = sv;
          first = a;
        }
      }
      if (!anyNaN) markWeak(weak, weakOff + (y >>> 5), W, 1 << (y & 31), score, first, max, A);
      act[actOff + y] = action;
      if (mass > 0) {
        if (herd < 0) herd = action;
        else if (herd !== action) herding = false;
      }
    }
    if (!herding) return -1;
    return herd < 0 ? 0 : herd;
  }

  /**
   * analyse for a belief supported on at most two states x0 < x1 (the common case: the two-point prior keeps its
   * support), the same operations in the same order unrolled. With one state, x1 is any state with q[x1] = 0,
   * whose ±0 terms change no sum wherever they are added.
   */
  private analysePair(total: number, act: Int8Array, actOff: number, weak: Int32Array, weakOff: number, n: number): number {
    const { X, Y, A } = this.m;
    const { q, score, Bt, Ut, support, W } = this;
    const x0 = support[0];
    const x1 = n === 2 ? support[1] : x0 === 0 ? 1 : 0;
    const q0 = q[x0];
    const q1 = q[x1];
    let herd = -1;
    let herding = true;
    for (let y = 0; y < Y; y++) {
      const v0 = Bt[y * X + x0] * q0;
      const v1 = Bt[y * X + x1] * q1;
      const e0 = v0 / total;
      const e1 = v1 / total;
      let action = 0;
      let best = 0;
      let max = -Infinity;
      let first = 0;
      let anyNaN = false;
      for (let a = 0; a < A; a++) {
        const u0 = Ut[a * X + x0];
        const u1 = Ut[a * X + x1];
        const se = 0 + u0 * e0 + u1 * e1;
        const sv = 0 + u0 * v0 + u1 * v1;
        if (a === 0) best = se;
        else if (best === best && (se !== se || se > best)) {
          action = a;
          best = se;
        }
        score[a] = sv;
        if (sv !== sv) anyNaN = true;
        else if (sv > max) {
          max = sv;
          first = a;
        }
      }
      if (!anyNaN) markWeak(weak, weakOff + (y >>> 5), W, 1 << (y & 31), score, first, max, A);
      act[actOff + y] = action;
      if (0 + v0 + v1 > 0) {
        if (herd < 0) herd = action;
        else if (herd !== action) herding = false;
      }
    }
    if (!herding) return -1;
    return herd < 0 ? 0 : herd;
  }

  successor(
    pi: Float64Array,
    piOff: number,
    _act: Int8Array,
    _actOff: number,
    weak: Int32Array,
    weakOff: number,
    a: number,
    out: Float64Array,
  ): void {
    const { X, Y, B } = this.m;
    const { q, W } = this;
    const masks = weakOff + a * W;
    predictInto(this.m, pi, piOff, q);
    const skipZeros = this.sparseSafe;
    let sigma = 0;
    for (let x = 0; x < X; x++) {
      // r ≥ 1 finite, so r·q[x] is q[x] itself (±0) and adds nothing to σ (which starts at +0).
      if (skipZeros && q[x] === 0) {
        out[x] = q[x];
        continue;
      }
      let r = 1;
      // The weak observations of a in increasing y: the lowest set bit of each mask word first.
      for (let w = 0; w < W; w++) {
        for (let bits = weak[masks + w]; bits !== 0; bits &= bits - 1) r += B[x * Y + w * 32 + 31 - Math.clz32(bits & -bits)];
      }
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

  /**
   * Fills support with the states a sum over states must visit and returns their count. When the model is
   * sparseSafe, q is finite and Σq is neither 0 nor NaN, a state with q[x] = 0 contributes B·0 = ±0 to v and
   * 0/Σq = ±0 to η, hence only ±0 terms to sums that start at +0 (never −0), which leaves them bit for bit as they
   * are: it is skipped. Otherwise every state is visited.
   */
  private supportOf(q: Float64Array, total: number): number {
    const X = this.m.X;
    const support = this.support;
    let n = 0;
    let sparse = this.sparseSafe && total === total && total !== 0;
    for (let x = 0; x < X && sparse; x++) {
      const qx = q[x];
      if (qx - qx !== 0) sparse = false;
      else if (qx !== 0) support[n++] = x;
    }
    if (sparse) return n;
    for (let x = 0; x < X; x++) support[x] = x;
    return X;
  }
}

/**
 * Sets bit `bit` of word `word + a·W` for every a with score[a] ≥ max (no NaN among the scores). `first` is the first
 * index of the maximum (0 if every score is −∞): below it every score is < max, from it on ≥ is the same test.
 */
function markWeak(
  weak: Int32Array,
  word: number,
  W: number,
  bit: number,
  score: Float64Array,
  first: number,
  max: number,
  A: number,
): void {
  for (let a = first; a < A; a++) if (score[a] >= max) weak[word + a * W] |= bit;
}

function transpose(M: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = M[r * cols + c];
  return out;
}
