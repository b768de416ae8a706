// Stopping policies: linear (hyperplane) threshold policies of spec §5.1 — a single threshold on π(s) is the special
// case weights = e_s — and the tabulated grid policy that value iteration produces for two states.
import { InputError } from '../errors';

/**
 * 'continue-below' (the §7.10 default): continue (agents reveal) while w'π < b, stop once w'π ≥ b.
 * 'stop-below' is the mirror image: stop while w'π < b, continue once w'π ≥ b.
 */
export type Orientation = 'continue-below' | 'stop-below';

export interface LinearPolicy {
  kind: 'linear';
  weights: number[];
  /** b, or one b per stage (the last repeats). */
  offset: number | number[];
  orientation: Orientation;
}

/** Two states only: stop decisions tabulated on the grid π(1) = i/(G−1), per stage (the last stage repeats). */
export interface GridPolicy {
  kind: 'grid';
  stopByStage: boolean[][];
}

export type StoppingPolicy = LinearPolicy | GridPolicy;

/** Threshold π* on π(stateIndex) (a number or one per stage). */
export function thresholdPolicy(
  X: number,
  stateIndex: number,
  threshold: number | number[],
  orientation: Orientation = 'continue-below',
): LinearPolicy {
  if (!Number.isInteger(stateIndex) || stateIndex < 0 || stateIndex >= X)
    throw new InputError('stateIndex', `must be an integer in 0..${X - 1}, got ${stateIndex}`);
  const thresholds = typeof threshold === 'number' ? [threshold] : threshold;
  thresholds.forEach((t, i) => {
    if (!Number.isFinite(t))
      throw new InputError(typeof threshold === 'number' ? 'threshold' : `threshold[${i}]`, `must be a finite number, got ${t}`);
  });
  return { kind: 'linear', weights: Array.from({ length: X }, (_, x) => (x === stateIndex ? 1 : 0)), offset: threshold, orientation };
}

/**
 * The spec's linear MLR threshold policy for X states, θ ∈ ℝ^{X−1}: stop iff π(1) + Σ_{i=2}^{X−1} θ_{i−1} π(i) ≥ sin²(θ_{X−1})
 * (orientation 'continue-below'). For X = 2 this is the threshold policy π(1) ≥ sin²θ.
 */
export function hyperplanePolicy(theta: readonly number[], orientation: Orientation = 'continue-below'): LinearPolicy {
  const X = theta.length + 1;
  if (X < 2) throw new InputError('theta', 'needs at least one entry');
  const weights = [0, 1, ...theta.slice(0, X - 2)];
  return { kind: 'linear', weights, offset: Math.sin(theta[X - 2]) ** 2, orientation };
}

export function offsetAt(policy: LinearPolicy, stage: number): number {
  return typeof policy.offset === 'number' ? policy.offset : policy.offset[Math.min(stage, policy.offset.length - 1)];
}

/** True when the controller stops at stage k with public belief π. */
export function shouldStop(policy: StoppingPolicy, pi: readonly number[], stage: number): boolean {
  if (policy.kind === 'grid') {
    const row = policy.stopByStage[Math.min(stage, policy.stopByStage.length - 1)];
    return row[Math.round(pi[1] * (row.length - 1))];
  }
  let score = 0;
  for (let i = 0; i < pi.length; i++) score += policy.weights[i] * pi[i];
  const above = score >= offsetAt(policy, stage);
  return policy.orientation === 'continue-below' ? above : !above;
}
