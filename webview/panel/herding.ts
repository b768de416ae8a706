// Reading the step records for the panel: the most probable state and LLM/Bayes disagreement.
import type { StepRecord } from '../../src/shared/step-record';

export { cascadeOnset } from '../../src/shared/chart-geometry';

export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** The LLM's action differs from the Bayes-rational one (interacting mode). */
export function disagrees(step: StepRecord): boolean {
  return step.llmAction !== undefined && step.llmAction !== null && step.bayesAction !== null && step.llmAction !== step.bayesAction;
}
