// Where the cascade region ℋ (spec §4.2) lies: intervals of π(0) for two states, its share of the simplex otherwise.
import { herdAction } from '../cascade';
import type { DecisionModel } from '../model';
import { createRng } from '../random';
import { wilsonInterval } from '../simulate/wilson';
import { CHECKPOINT_EVERY, runToEnd, type ForecastWork } from './cancellation';
import type { CascadeRegion, PriorInterval } from './types';

export interface RegionOptions {
  samples: number;
  seed: number;
}

/** The cascade region of the model itself (its B and utility, static state), located relative to its prior. */
export function cascadeRegion(model: DecisionModel, opts: RegionOptions): CascadeRegion {
  return runToEnd(cascadeRegionWork(model, opts));
}

/** cascadeRegion as cancellable work: a checkpoint every CHECKPOINT_EVERY.simplexPoints simplex points. */
export function* cascadeRegionWork(model: DecisionModel, opts: RegionOptions): ForecastWork<CascadeRegion> {
  const priorHerdAction = herdAction(model, model.prior);
  const atPrior = { priorInRegion: priorHerdAction !== null, priorHerdAction };
  if (model.prior.length === 2) {
    const intervals = priorAxisIntervals(model);
    return { kind: 'prior-axis', intervals, share: intervals.reduce((s, r) => s + (r.to - r.from), 0), ...atPrior };
  }
  return { kind: 'simplex-share', ...(yield* simplexShare(model, opts)), ...atPrior };
}

/**
 * Two states: on π = (p, 1 − p) the expected utility of each action, given y, is linear in p, so the action on each
 * y can only change where two of these lines cross. Between consecutive crossings the herd test is constant (it is
 * evaluated at the midpoint); the crossings and the ends 0 and 1 are evaluated themselves (ties and the
 * observations that become impossible at p = 0 or 1 decide there). Every evaluation is core herdAction. A crossing
 * is evaluated on the unnormalised belief (|d1|, |d0|) that makes its two lines equal exactly when the data allow
 * (e.g. 0.7·0.3 = 0.3·0.7), not on (p, 1 − p), where 1 − p may be off by a rounding and break the tie.
 */
export function priorAxisIntervals(model: DecisionModel): PriorInterval[] {
  const points = crossings(model);
  const pieces: Array<{ from: number; to: number; action: number | null }> = [];
  const at = (p: number) => herdAction(model, [p, 1 - p]);
  points.forEach(({ p, weights }, j) => {
    pieces.push({ from: p, to: p, action: herdAction(model, weights) });
    if (j + 1 < points.length) pieces.push({ from: p, to: points[j + 1].p, action: at((p + points[j + 1].p) / 2) });
  });
  const out: PriorInterval[] = [];
  for (const piece of pieces) {
    if (piece.action === null) continue;
    const isPoint = piece.from === piece.to;
    const last = out[out.length - 1];
    if (last && last.herdAction === piece.action && last.to === piece.from && (last.toIncluded || isPoint)) {
      last.to = piece.to;
      last.toIncluded = isPoint;
      continue;
    }
    out.push({ from: piece.from, to: piece.to, fromIncluded: isPoint, toIncluded: isPoint, herdAction: piece.action });
  }
  return out;
}

interface Crossing {
  p: number;
  /** The belief evaluated at p (unnormalised). */
  weights: number[];
}

/** 0, 1 and every p in (0, 1) where two actions' expected utilities given some y are equal, sorted. */
function crossings(model: DecisionModel): Crossing[] {
  const { likelihood: B, utility: U } = model;
  const A = U[0].length;
  const points = new Map<number, number[]>([
    [0, [0, 1]],
    [1, [1, 0]],
  ]);
  for (let y = 0; y < B[0].length; y++) {
    for (let a = 0; a < A; a++) {
      for (let b = a + 1; b < A; b++) {
        // u_a − u_b given y at π = (w0, w1): d0·w0 + d1·w1, zero at w = (|d1|, |d0|) when d0 and d1 differ in sign.
        const d0 = (U[0][a] - U[0][b]) * B[0][y];
        const d1 = (U[1][a] - U[1][b]) * B[1][y];
        if (!(d0 * d1 < 0)) continue;
        const w = [Math.abs(d1), Math.abs(d0)];
        const p = w[0] / (w[0] + w[1]);
        if (p > 0 && p < 1 && !points.has(p)) points.set(p, w);
      }
    }
  }
  return [...points.entries()].map(([p, weights]) => ({ p, weights })).sort((x, y) => x.p - y.p);
}

/** Uniform points of the simplex (normalised exponentials, createRng(seed)); the share of them in ℋ. */
function* simplexShare(model: DecisionModel, { samples, seed }: RegionOptions) {
  const X = model.prior.length;
  const A = model.utility[0].length;
  const rng = createRng(seed);
  const byAction = new Array<number>(A).fill(0);
  let inside = 0;
  const pi = new Array<number>(X);
  for (let s = 0; s < samples; s++) {
    if (s % CHECKPOINT_EVERY.simplexPoints === CHECKPOINT_EVERY.simplexPoints - 1)
      yield { phase: 'cascade-region' as const, done: s, total: samples };
    let total = 0;
    for (let x = 0; x < X; x++) total += pi[x] = -Math.log(1 - rng.next());
    for (let x = 0; x < X; x++) pi[x] = total > 0 ? pi[x] / total : 1 / X;
    const h = herdAction(model, pi);
    if (h === null) continue;
    inside += 1;
    byAction[h] += 1;
  }
  return {
    share: samples > 0 ? inside / samples : 0,
    interval: wilsonInterval(inside, samples),
    samples,
    seed,
    shareByAction: byAction.map((n) => (samples > 0 ? n / samples : 0)),
  };
}
