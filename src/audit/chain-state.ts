// The public side of one chain as agents act: the belief shown, the exact weights every decision is made on (as core
// learn() carries them), the predecessors' actions and the herd action at the first cascade step.
import type { DecisionModel } from '../core/model';
import { agentStep, type StepContext } from './agent-step';
import type { AgentAnswer } from './observation-source';
import type { StepRecord } from '../shared/step-record';

export class ChainState {
  private weights: readonly number[];
  /** π_k after the agents so far (π_0 before any). */
  belief: number[];
  /** Public actions of the agents so far (null = no decision). */
  readonly predecessors: Array<number | null> = [];
  /** The action of the herd, decided on the exact weights where the chain first entered the cascade region; null until then. */
  herdAction: number | null = null;

  constructor(model: DecisionModel) {
    this.weights = [...model.prior];
    this.belief = [...model.prior];
  }

  /** Agent `ctx.agent` acts on `answer`; the state moves on to π_k. */
  next(ctx: Omit<StepContext, 'publicBelief' | 'publicWeights' | 'predecessors'>, answer: AgentAnswer): StepRecord {
    const { step, weightsAfter, herdAction } = agentStep(
      { ...ctx, publicBelief: this.belief, publicWeights: this.weights, predecessors: this.predecessors },
      answer,
    );
    if (this.herdAction === null) this.herdAction = herdAction; // non-null exactly when the agent acted in the cascade region
    this.predecessors.push(step.action);
    this.weights = weightsAfter;
    this.belief = step.publicBeliefAfter;
    return step;
  }
}
