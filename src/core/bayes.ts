// The single-agent step (spec §2.1): prediction P'π, private belief (2.1) and myopic action (2.2).
import type { DecisionModel } from './model';

/** P'π: the belief about the next state before any observation. Identity (absent P) returns a copy of π. */
export function predict(model: DecisionModel, pi: readonly number[]): number[] {
  const P = model.transition;
  if (!P) return [...pi];
  const X = pi.length;
  const out = new Array<number>(X).fill(0);
  for (let j = 0; j < X; j++) {
    let s = 0;
    for (let i = 0; i < X; i++) s += P[i][j] * pi[i];
    out[j] = s;
  }
  return out;
}

/**
 * η = B_y P'π / (1'B_y P'π) (eq. 2.1), given the predicted belief P'π.
 * Null when the observation has probability 0 under it (1'B_y P'π = 0): there is no posterior.
 */
export function posteriorFromPredicted(model: DecisionModel, predicted: readonly number[], y: number): number[] | null {
  return normalizeJoint(jointWithObservation(model, predicted, y));
}

/** B_y P'π: the joint P(x, y) given the predicted belief. */
export function jointWithObservation(model: DecisionModel, predicted: readonly number[], y: number): number[] {
  return predicted.map((p, x) => model.likelihood[x][y] * p);
}

function normalizeJoint(joint: readonly number[]): number[] | null {
  let s = 0;
  for (const v of joint) s += v;
  if (!(s > 0)) return null;
  return joint.map((v) => v / s);
}

/** Private belief (eq. 2.1) of an agent that starts from public belief π and observes y; null if y is impossible. */
export function privateBelief(model: DecisionModel, pi: readonly number[], y: number): number[] | null {
  return posteriorFromPredicted(model, predict(model, pi), y);
}

/** Expected utility u_a'η, summed over states in index order. */
export function expectedUtility(model: DecisionModel, eta: readonly number[], a: number): number {
  let s = 0;
  for (let x = 0; x < eta.length; x++) s += model.utility[x][a] * eta[x];
  return s;
}

/** argmax_a u_a'η (eq. 2.2; η may be any non-negative multiple of a belief); exact `>` so the lowest index wins ties. */
export function myopicAction(model: DecisionModel, eta: readonly number[]): number {
  const A = model.utility[0].length;
  let best = 0;
  let bestValue = expectedUtility(model, eta, 0);
  for (let a = 1; a < A; a++) {
    const v = expectedUtility(model, eta, a);
    if (v > bestValue) {
      best = a;
      bestValue = v;
    }
  }
  return best;
}

/**
 * Action taken on an observation y that is impossible under the public belief (1'B_y P'π = 0).
 * The spec's rule argmax_a u_a'(B_y P'π) then compares all-zero expected utilities, so the lowest index wins.
 * Such a y has weight B[x][y] > 0 only in states x that the belief rules out, so T(π,a) and σ(π,a) never depend on it.
 */
export const UNREACHABLE_OBSERVATION_ACTION = 0;

export interface AgentDecision {
  privateBelief: number[] | null;
  action: number;
}

/**
 * What an agent with predicted belief P'π does on observation y. The one decision rule used everywhere.
 * The action compares u_a'(B_y P'π) before normalising: the same argmax as on η (scale-invariant), with one rounding
 * step fewer, so ties that are exact in the data (e.g. dyadic probabilities, integer utilities) stay exact.
 */
export function decideFromPredicted(model: DecisionModel, predicted: readonly number[], y: number): AgentDecision {
  const joint = jointWithObservation(model, predicted, y);
  const privateBelief = normalizeJoint(joint);
  return { privateBelief, action: privateBelief ? myopicAction(model, joint) : UNREACHABLE_OBSERVATION_ACTION };
}
