// One agent's Bayesian bookkeeping (spec §2.1, §4.1–4.2): private belief, Bayes action, public update, cascade, herding.
import { decideFromPredicted, predict } from '../core/bayes';
import { herdActionFromPredicted } from '../core/cascade';
import { scaleToUnitMax } from '../core/exact-scale';
import { InputError } from '../core/errors';
import { dims, type DecisionModel } from '../core/model';
import { toBelief, weightsAfterAction } from '../core/social-learning';
import type { AgentAnswer } from './observation-source';
import type { StepRecord } from '../shared/step-record';

export interface StepContext {
  runId: string;
  item: number;
  agent: number;
  mode: 'sensor' | 'interacting';
  model: DecisionModel;
  /** π_{k−1}. */
  publicBelief: number[];
  /** π_{k−1} as the unnormalised weights core learn() carries (default: publicBelief); every decision is made on these. */
  publicWeights?: readonly number[];
  /** Public actions of agents 1..k−1 (null = no decision). */
  predecessors: Array<number | null>;
  codeParity?: boolean;
}

export interface AgentStepResult {
  step: StepRecord;
  /** π_k as weights, for the next agent's context. */
  weightsAfter: number[];
  /** The action every agent takes from here on when this agent acted in the cascade region, else null. */
  herdAction: number | null;
}

/**
 * Builds agent k's StepRecord from its answer.
 * - No observation (error): no action; the public belief only predicts, π_k = P'π_{k−1} (= π_{k−1} for a static state).
 * - Sensor mode: the public action is the Bayes action argmax_a u_a'η_k.
 * - Interacting mode: the public action is the LLM's own (Bayes-rational for a source that does not decide); `herding` flags an LLM action that differs from the action its
 *   observation alone implies (η from the prior π_0) and equals the predecessors' strict plurality action.
 * - The public update is T(π_{k−1}, a_k); if the model gives a_k probability 0 (an LLM acting against a cascade),
 *   the action carries no information and π_k = P'π_{k−1}, as in core learn().
 * Decisions are made on ctx.publicWeights (as learn() carries them); the result gives the next agent's weights.
 */
export function agentStep(ctx: StepContext, answer: AgentAnswer): AgentStepResult {
  const { model } = ctx;
  const before = ctx.publicBelief;
  const predicted = predict(model, ctx.publicWeights ?? before);
  const herdAction = herdActionFromPredicted(model, predicted);
  const unmoved = scaleToUnitMax(predicted);
  const base: StepRecord = {
    runId: ctx.runId,
    item: ctx.item,
    index: ctx.agent,
    provider: answer.provider,
    model: answer.model,
    promptHash: answer.promptHash,
    rawResponse: answer.rawResponse,
    observation: null,
    privateBelief: null,
    action: null,
    bayesAction: null,
    publicBeliefBefore: before,
    publicBeliefAfter: toBelief(unmoved),
    cascade: herdAction !== null,
    herding: false,
    tokens: answer.tokens,
    latencyMs: answer.latencyMs,
    costUsd: answer.costUsd,
    ...(answer.simulated ? { simulated: true } : {}),
    ...(answer.cached ? { cached: true } : {}),
    ...(answer.notes && answer.notes.length > 0 ? { notes: answer.notes } : {}),
  };
  if (ctx.mode === 'interacting') base.llmAction = answer.llmAction ?? null;
  const result = (step: StepRecord, weightsAfter = unmoved): AgentStepResult => ({ step, weightsAfter, herdAction });
  if (answer.error || answer.observation === null || answer.attributes === null) {
    return result({ ...base, error: answer.error ?? { kind: 'schema', message: 'no observation in the answer' } });
  }
  const y = answer.observation;
  const decision = decideFromPredicted(model, predicted, y);
  const step: StepRecord = {
    ...base,
    observation: { attributes: answer.attributes, index: y },
    privateBelief: decision.privateBelief,
    bayesAction: decision.action,
  };
  let action = decision.action;
  // A source that never decides (the simulated sensor) leaves llmAction undefined: its agents act Bayes-rationally.
  if (ctx.mode === 'interacting' && answer.llmAction !== undefined) {
    if (answer.llmAction === null) {
      return result({
        ...step,
        error: { kind: 'schema', message: 'the answer has no "action" (interacting mode needs the agent\'s own decision)' },
      });
    }
    action = answer.llmAction;
    step.privateAction = decideFromPredicted(model, predict(model, model.prior), y).action;
    const majority = pluralityAction(ctx.predecessors);
    step.herding = action !== step.privateAction && majority !== null && action === majority;
  }
  const { A } = dims(model);
  if (!Number.isInteger(action) || action < 0 || action >= A)
    throw new InputError('action', `must be an integer in 0..${A - 1}, got ${action}`);
  const after = weightsAfterAction(model, predicted, action, { codeParity: ctx.codeParity });
  step.action = action;
  step.publicBeliefAfter = toBelief(after ?? unmoved);
  if (after === null) step.notes = [...(step.notes ?? []), 'action has probability 0 under the model: public belief not updated'];
  return result(step, after ?? unmoved);
}

/** The action taken strictly most often among the predecessors' decisions, or null (none, or a tie). */
export function pluralityAction(actions: Array<number | null>): number | null {
  const counts = new Map<number, number>();
  for (const a of actions) if (a !== null) counts.set(a, (counts.get(a) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  let tied = false;
  for (const [a, c] of counts) {
    if (c > bestCount) {
      best = a;
      bestCount = c;
      tied = false;
    } else if (c === bestCount) tied = true;
  }
  return tied ? null : best;
}
