// "What if a controller had intervened": replays a realised run (one observation per agent) twice — the plain
// social-learning chain, and the chain under the threshold controller of §5.1 (agents reveal their observation while
// the controller continues; after its absorbing stop they act myopically) — and compares them.
import { InputError } from '../errors';
import { dims, type DecisionModel } from '../model';
import { controlledChain, type ControlledChain } from './controlled-chain';
import { argmax } from './statistics';
import type { Orientation } from './threshold-policy';

export interface WhatIfOptions {
  /** π*: with 'continue-below' agents reveal while π(stateIndex) < π*; 0 never intervenes. */
  threshold: number;
  /** Default 1 (the "bad"/HSP state), as in §7.10. */
  stateIndex?: number;
  orientation?: Orientation;
  /** The true state or the item's label, when known. */
  trueState?: number | null;
}

export interface WhatIfResult {
  threshold: number;
  stateIndex: number;
  orientation: Orientation;
  agents: number;
  /** Agents whose observation reached the public: revealed under control, or acted outside the cascade region. */
  informativeAgentsWith: number;
  informativeAgentsWithout: number;
  /** Agents made to reveal by the controller. */
  revealedAgents: number;
  /** Final public belief's probability of the true state (if known), else of its MAP state. */
  accuracyWith: number | null;
  accuracyWithout: number | null;
  accuracyMeasure: 'posterior-of-true-state' | 'posterior-of-map-state' | null;
  /** MAP of the final public belief equals the true state (null when it is unknown). */
  correctWith: boolean | null;
  correctWithout: boolean | null;
  /** π_0, π_1, …, π_N (N + 1 entries) for each chain. */
  publicBeliefsWith: number[][];
  publicBeliefsWithout: number[][];
  /** 1-based index of the first agent after the controller's stop (null: it never stopped within the run). */
  stopStep: number | null;
}

export function whatIfControlled(model: DecisionModel, observations: readonly (number | null)[], opts: WhatIfOptions): WhatIfResult {
  const { X } = dims(model);
  const stateIndex = opts.stateIndex ?? Math.min(1, X - 1);
  const orientation = opts.orientation ?? 'continue-below';
  if (!(opts.threshold >= 0 && opts.threshold <= 1)) throw new InputError('threshold', `must be in [0, 1], got ${opts.threshold}`);
  const trueState = opts.trueState ?? null;
  if (trueState !== null && !(Number.isInteger(trueState) && trueState >= 0 && trueState < X))
    throw new InputError('trueState', `must be an integer in 0..${X - 1}, got ${trueState}`);
  const withControl = controlledChain(model, observations, { threshold: opts.threshold, stateIndex, orientation });
  // The plain chain: a controller that stops before the first agent.
  const without = controlledChain(model, observations, { threshold: 0, stateIndex, orientation: 'continue-below' });
  const final = (c: ControlledChain) => c.publicBeliefs[c.publicBeliefs.length - 1];
  const count = (flags: boolean[]) => flags.filter(Boolean).length;
  const accuracy = (pi: number[]) => (trueState !== null ? pi[trueState] : pi[argmax(pi)]);
  const correct = (pi: number[]) => (trueState !== null ? argmax(pi) === trueState : null);
  return {
    threshold: opts.threshold,
    stateIndex,
    orientation,
    agents: observations.length,
    informativeAgentsWith: count(withControl.informative),
    informativeAgentsWithout: count(without.informative),
    revealedAgents: count(withControl.revealed),
    accuracyWith: observations.length ? accuracy(final(withControl)) : null,
    accuracyWithout: observations.length ? accuracy(final(without)) : null,
    accuracyMeasure: observations.length ? (trueState !== null ? 'posterior-of-true-state' : 'posterior-of-map-state') : null,
    correctWith: correct(final(withControl)),
    correctWithout: correct(final(without)),
    publicBeliefsWith: withControl.publicBeliefs,
    publicBeliefsWithout: without.publicBeliefs,
    stopStep: withControl.stopStep,
  };
}
