// Independent plain-loop reference of the authors' E2 computation, written from the issue's code-parity rules (1)–(5).
import type { DecisionModel } from '../../../src/core/model';

export interface ReferenceChain {
  actions: number[];
  beliefs: number[][];
  herdingStep: number | null;
  herdAction: number | null;
  nonAbsorbing: boolean;
}

/** Rule (1): π0 = 0; π0[anchor] = p; π0[x*] = 1 − p. */
export function parityPrior(X: number, anchor: number, p: number, trueState: number): number[] {
  const pi = new Array<number>(X).fill(0);
  pi[anchor] = p;
  pi[trueState] = 1 - p;
  return pi;
}

export function referenceParityChain(model: DecisionModel, pi0: readonly number[], observations: readonly number[]): ReferenceChain {
  const X = pi0.length;
  const Y = model.likelihood[0].length;
  const A = model.utility[0].length;
  const B = model.likelihood;
  const U = model.utility;

  const predict = (pi: number[]): number[] => {
    const P = model.transition;
    if (!P) return [...pi];
    const q: number[] = [];
    for (let j = 0; j < X; j++) {
      let s = 0;
      for (let i = 0; i < X; i++) s += P[i][j] * pi[i];
      q.push(s);
    }
    return q;
  };
  const total = (v: number[]) => v.reduce((s, x) => s + x, 0);
  const joint = (q: number[], y: number) => q.map((qx, x) => B[x][y] * qx);
  const scores = (v: number[]) => {
    const out: number[] = [];
    for (let a = 0; a < A; a++) {
      let s = 0;
      for (let x = 0; x < X; x++) s += U[x][a] * v[x];
      out.push(s);
    }
    return out;
  };
  // Rule (2): η = B_y q / Σq; NumPy argmax (a NaN wins at its first position).
  const actionFor = (q: number[], y: number): number => {
    const s = total(q);
    const eta = joint(q, y).map((w) => w / s);
    const sc = scores(eta);
    const firstNaN = sc.findIndex((v) => Number.isNaN(v));
    if (firstNaN >= 0) return firstNaN;
    return sc.indexOf(Math.max(...sc));
  };
  // Rule (3): weakly optimal on the unnormalised B_y q, every comparison ≥ (false against NaN).
  const weaklyOptimal = (q: number[], y: number, a: number): boolean => {
    const sc = scores(joint(q, y));
    return sc.every((other) => sc[a] >= other);
  };
  // Rule (5): the same action for every y with Σ B_y q > 0; none such herds on 0.
  const herdOf = (q: number[]): number | null => {
    const acts = new Set<number>();
    for (let y = 0; y < Y; y++) if (total(joint(q, y)) > 0) acts.add(actionFor(q, y));
    if (acts.size === 0) return 0;
    return acts.size === 1 ? [...acts][0] : null;
  };

  let pi = [...pi0];
  const actions: number[] = [];
  const beliefs: number[][] = [];
  let herdingStep: number | null = null;
  let herdAction: number | null = null;
  let nonAbsorbing = false;
  observations.forEach((y, k) => {
    const q = predict(pi);
    const herd = herdOf(q);
    if (herdingStep === null && herd !== null) {
      herdingStep = k + 1;
      herdAction = herd;
    } else if (herdingStep !== null && herd !== herdAction) nonAbsorbing = true;
    const a = actionFor(q, y);
    actions.push(a);
    // Rule (4): π' = R∘q / Σ with R[x] = 1 + Σ_y B[x][y]·weak(a, y).
    const next = q.map((qx, x) => {
      let r = 1;
      for (let yy = 0; yy < Y; yy++) r += weaklyOptimal(q, yy, a) ? B[x][yy] : 0;
      return r * qx;
    });
    const sigma = total(next);
    pi = next.map((v) => v / sigma);
    beliefs.push(pi);
  });
  return { actions, beliefs, herdingStep, herdAction, nonAbsorbing };
}
