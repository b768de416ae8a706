// The herding (cascade) region ℋ of spec §4.2 and the two-state closed form used as a cross-check.
import { InputError } from './errors';
import { decideFromPredicted, predict } from './bayes';
import type { DecisionModel } from './model';

/** The common action of every reachable observation given the predicted belief P'π, or null if actions differ. */
export function herdActionFromPredicted(model: DecisionModel, predicted: readonly number[]): number | null {
  let herd: number | null = null;
  for (let y = 0; y < model.likelihood[0].length; y++) {
    const { privateBelief, action } = decideFromPredicted(model, predicted, y);
    if (privateBelief === null) continue; // unreachable: not part of the ℋ test
    if (herd === null) herd = action;
    else if (herd !== action) return null;
  }
  return herd;
}

/** a* if π ∈ ℋ (the same action for every observation y with 1'B_y P'π > 0), else null. */
export function herdAction(model: DecisionModel, pi: readonly number[]): number | null {
  return herdActionFromPredicted(model, predict(model, pi));
}

export function inHerdingRegion(model: DecisionModel, pi: readonly number[]): boolean {
  return herdAction(model, pi) !== null;
}

/**
 * Symmetric 2×2 case (B = [[p,1-p],[1-p,p]], p > 0.5, 0-1 loss, P = I): agents herd on action 0 iff π(0) ≥ p
 * (equality is a tie, resolved to action 0) and on action 1 iff π(0) < 1 - p.
 */
export function twoStateCascadeThresholds(p: number): { herdOn1Below: number; herdOn0From: number } {
  if (!(p > 0.5 && p <= 1)) throw new InputError('p', `must be in (0.5, 1], got ${p}`);
  return { herdOn1Below: 1 - p, herdOn0From: p };
}

/** The closed-form herd action for the symmetric two-state case: 0, 1, or null when the agent still learns. */
export function twoStateHerdAction(p: number, pi0: number): 0 | 1 | null {
  const { herdOn1Below, herdOn0From } = twoStateCascadeThresholds(p);
  if (pi0 >= herdOn0From) return 0;
  if (pi0 < herdOn1Below) return 1;
  return null;
}
