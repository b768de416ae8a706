// "What if a controller had intervened": replays a realised run (one observation per agent) twice — the plain
// social-learning chain, and the chain under the threshold controller of §5.1 (agents reveal their observation while
// the controller continues; after its absorbing stop they act myopically) — and compares them.
import { predict } from '../bayes';
import { InputError } from '../errors';
import { dims, type DecisionModel } from '../model';
import { socialUpdateFromTable, tabulateAgent, type AgentTable } from './agent-table';
import { argmax } from './statistics';
import { shouldStop, thresholdPolicy, type Orientation } from './threshold-policy';

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

function agentIsInformative(table: AgentTable): boolean {
  let seen: number | null = null;
  for (let y = 0; y < table.actions.length; y++) {
    if (table.posteriors[y] === null) continue;
    if (seen === null) seen = table.actions[y];
    else if (seen !== table.actions[y]) return true;
  }
  return false;
}

interface Replay {
  beliefs: number[][];
  informative: number;
  revealed: number;
  stopStep: number | null;
}

function replay(model: DecisionModel, observations: readonly (number | null)[], control: ((pi: number[], k: number) => boolean) | null): Replay {
  let pi = [...model.prior];
  const beliefs = [pi];
  let informative = 0;
  let revealed = 0;
  let stopStep: number | null = null;
  observations.forEach((y, k) => {
    if (y === null) {
      beliefs.push(pi);
      return;
    }
    const predicted = predict(model, pi);
    const table = tabulateAgent(model, predicted);
    const controlled = control !== null && stopStep === null && !control(pi, k);
    if (control !== null && stopStep === null && !controlled) stopStep = k + 1;
    if (controlled) {
      revealed++;
      informative++;
      pi = table.posteriors[y] ?? predicted;
    } else {
      if (agentIsInformative(table)) informative++;
      pi = socialUpdateFromTable(model, table, table.actions[y]) ?? predicted;
    }
    beliefs.push(pi);
  });
  return { beliefs, informative, revealed, stopStep };
}

export function whatIfControlled(model: DecisionModel, observations: readonly (number | null)[], opts: WhatIfOptions): WhatIfResult {
  const { X, Y } = dims(model);
  const stateIndex = opts.stateIndex ?? Math.min(1, X - 1);
  const orientation = opts.orientation ?? 'continue-below';
  if (!(opts.threshold >= 0 && opts.threshold <= 1)) throw new InputError('threshold', `must be in [0, 1], got ${opts.threshold}`);
  observations.forEach((y, i) => {
    if (y !== null && !(Number.isInteger(y) && y >= 0 && y < Y)) throw new InputError(`observations[${i}]`, `must be an integer in 0..${Y - 1} or null, got ${JSON.stringify(y)}`);
  });
  const trueState = opts.trueState ?? null;
  if (trueState !== null && !(Number.isInteger(trueState) && trueState >= 0 && trueState < X)) throw new InputError('trueState', `must be an integer in 0..${X - 1}, got ${trueState}`);
  const policy = thresholdPolicy(X, stateIndex, opts.threshold, orientation);
  const without = replay(model, observations, null);
  const withControl = replay(model, observations, (pi, k) => shouldStop(policy, pi, k));
  const final = (r: Replay) => r.beliefs[r.beliefs.length - 1];
  const accuracy = (pi: number[]) => (trueState !== null ? pi[trueState] : pi[argmax(pi)]);
  const correct = (pi: number[]) => (trueState !== null ? argmax(pi) === trueState : null);
  return {
    threshold: opts.threshold,
    stateIndex,
    orientation,
    agents: observations.length,
    informativeAgentsWith: withControl.informative,
    informativeAgentsWithout: without.informative,
    revealedAgents: withControl.revealed,
    accuracyWith: observations.length ? accuracy(final(withControl)) : null,
    accuracyWithout: observations.length ? accuracy(final(without)) : null,
    accuracyMeasure: observations.length ? (trueState !== null ? 'posterior-of-true-state' : 'posterior-of-map-state') : null,
    correctWith: correct(final(withControl)),
    correctWithout: correct(final(without)),
    publicBeliefsWith: withControl.beliefs,
    publicBeliefsWithout: without.beliefs,
    stopStep: withControl.stopStep,
  };
}
