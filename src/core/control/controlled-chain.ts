// One chain of agents on given observations under a threshold controller (spec §5.1): while the controller continues,
// agent k's observation is revealed; otherwise agents act myopically and the public runs the social-learning filter.
// 'textbook' (§7.10): the stop is absorbing, a revealed y updates the public by Bayes (T(π,y)) and the revealing agent
// takes its myopic action. 'code-parity' (controllingherding.py): the rule is re-evaluated every step, a revealing
// agent's action is its observation, and every action goes through the authors' (I + R) filter with ties counted.
import { predict } from '../bayes';
import { InputError } from '../errors';
import { dims, type DecisionModel } from '../model';
import { socialUpdateFromTable, tabulateAgent, type AgentTable } from './agent-table';
import { notebookPublicUpdate } from './code-parity-stopping';
import { shouldStop, thresholdPolicy, type Orientation } from './threshold-policy';

export interface ControlledChainOptions {
  /** With 'continue-below', observations are revealed while π(stateIndex) < threshold. */
  threshold: number;
  stateIndex: number;
  orientation?: Orientation;
  mode?: 'textbook' | 'code-parity';
}

export interface ControlledChain {
  /** a_k per agent (null for an agent without an observation). */
  actions: (number | null)[];
  /** The controller made agent k reveal its observation. */
  revealed: boolean[];
  /** Agent k's observation reached the public: revealed, or its action depended on it (π_{k−1} ∉ ℋ). */
  informative: boolean[];
  /** π_0 … π_N. */
  publicBeliefs: number[][];
  /** Textbook: 1-based first agent after the absorbing stop; code parity: first agent not made to reveal. Null if none. */
  stopStep: number | null;
}

function actionDependsOnObservation(table: AgentTable): boolean {
  let seen: number | null = null;
  for (let y = 0; y < table.actions.length; y++) {
    if (table.posteriors[y] === null) continue;
    if (seen === null) seen = table.actions[y];
    else if (seen !== table.actions[y]) return true;
  }
  return false;
}

/** Pass a threshold that never continues (0 with 'continue-below') to get the plain chain. */
export function controlledChain(
  model: DecisionModel,
  observations: readonly (number | null)[],
  opts: ControlledChainOptions,
): ControlledChain {
  const { X, Y, A } = dims(model);
  const mode = opts.mode ?? 'textbook';
  if (mode === 'code-parity' && Y !== A)
    throw new InputError('mode', "code parity sets a revealing agent's action to its observation, so it needs Y = A");
  observations.forEach((y, i) => {
    if (y !== null && !(Number.isInteger(y) && y >= 0 && y < Y))
      throw new InputError(`observations[${i}]`, `must be an integer in 0..${Y - 1} or null, got ${JSON.stringify(y)}`);
  });
  const policy = thresholdPolicy(X, opts.stateIndex, opts.threshold, opts.orientation ?? 'continue-below');
  let pi = [...model.prior];
  const out: ControlledChain = { actions: [], revealed: [], informative: [], publicBeliefs: [pi], stopStep: null };
  let stopped = false;
  observations.forEach((y, k) => {
    if (y === null) {
      out.actions.push(null);
      out.revealed.push(false);
      out.informative.push(false);
      out.publicBeliefs.push(pi);
      return;
    }
    const predicted = predict(model, pi);
    const table = tabulateAgent(model, predicted);
    const reveal = !stopped && !shouldStop(policy, pi, k);
    if (!reveal && out.stopStep === null) out.stopStep = k + 1;
    if (mode === 'textbook' && !reveal) stopped = true;
    const action = reveal && mode === 'code-parity' ? y : table.actions[y];
    if (mode === 'code-parity') pi = notebookPublicUpdate(model, pi, action);
    else if (reveal) pi = table.posteriors[y] ?? predicted;
    else pi = socialUpdateFromTable(model, table, action) ?? predicted;
    out.actions.push(action);
    out.revealed.push(reveal);
    out.informative.push(reveal || actionDependsOnObservation(table));
    out.publicBeliefs.push(pi);
  });
  return out;
}
