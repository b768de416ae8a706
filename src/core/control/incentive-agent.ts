// The autonomous agent of spec §5.2 with the §7.13 resolution: it maximises u_a'η + ω_a·i − δ_a − κ_a (ties to the
// lowest action index), and the platform pays the smallest incentive that makes a target action weakly optimal.
import { InputError } from '../errors';

export interface IncentiveAgent {
  /** u[x][a], X×A. */
  utility: number[][];
  /** ω_a: how much action a gains per unit of incentive. */
  incentiveWeights: number[];
  /** δ_a: privacy cost of action a. */
  privacyCosts: number[];
  /** A constant cost per action (experiment 2's action_cost); only differences across actions matter. */
  actionCosts: number[];
}

export function agentScore(agent: IncentiveAgent, eta: readonly number[], incentive: number, a: number): number {
  let s = 0;
  for (let x = 0; x < eta.length; x++) s += agent.utility[x][a] * eta[x];
  return s + agent.incentiveWeights[a] * incentive - agent.privacyCosts[a] - agent.actionCosts[a];
}

/** argmax_a of the agent's score; exact comparison, so ties go to the lowest index. */
export function incentivizedAction(agent: IncentiveAgent, eta: readonly number[], incentive: number): number {
  let best = 0;
  let bestScore = agentScore(agent, eta, incentive, 0);
  for (let a = 1; a < agent.incentiveWeights.length; a++) {
    const s = agentScore(agent, eta, incentive, a);
    if (s > bestScore) {
      best = a;
      bestScore = s;
    }
  }
  return best;
}

export interface MinimalIncentive {
  /** Smallest admissible i at which the target's score is ≥ every other action's score; null if none exists. */
  incentive: number | null;
  /** Largest admissible i that keeps the target weakly optimal (Infinity if unbounded). */
  upperBound: number;
}

/**
 * Constraints (u_t − u_a)'η − (δ_t + κ_t − δ_a − κ_a) + (ω_t − ω_a)·i ≥ 0 for every a ≠ t, solved for i.
 * sign 'non-negative': i ≥ 0 (a payment); 'signed': i ∈ ℝ (a negative incentive is a charge), the i closest to 0.
 */
export function minimalIncentive(
  agent: IncentiveAgent,
  eta: readonly number[],
  target: number,
  sign: 'non-negative' | 'signed' = 'non-negative',
): MinimalIncentive {
  let lower = sign === 'signed' ? -Infinity : 0;
  let upper = Infinity;
  for (let a = 0; a < agent.incentiveWeights.length; a++) {
    if (a === target) continue;
    const gap = agentScore(agent, eta, 0, target) - agentScore(agent, eta, 0, a);
    const slope = agent.incentiveWeights[target] - agent.incentiveWeights[a];
    if (slope > 0) lower = Math.max(lower, -gap / slope);
    else if (slope < 0) upper = Math.min(upper, gap / -slope);
    else if (gap < 0) return { incentive: null, upperBound: -Infinity };
  }
  if (lower > upper) return { incentive: null, upperBound: upper };
  const closestToZero = lower > 0 ? lower : upper < 0 ? upper : 0;
  return { incentive: sign === 'signed' ? closestToZero : Math.max(lower, 0), upperBound: upper };
}

export function validateIncentiveAgent(agent: IncentiveAgent, X: number): void {
  const A = agent.utility[0]?.length ?? 0;
  if (agent.utility.length !== X) throw new InputError('utility', `must have ${X} rows`);
  for (const [field, v] of [
    ['incentiveWeights', agent.incentiveWeights],
    ['privacyCosts', agent.privacyCosts],
    ['actionCosts', agent.actionCosts],
  ] as const) {
    if (!Array.isArray(v) || v.length !== A || !v.every(Number.isFinite))
      throw new InputError(field, `must be ${A} finite numbers (one per action)`);
  }
}
