// Reading herding out of the step records (spec §4.2: agent k herds when π_{k−1} lies in the herding region).
import type { StepRecord } from '../../src/audit/step-record';

/** The first agent (1-based) whose step is in a cascade, or null. `steps` is in agent order. */
export function cascadeOnset(steps: readonly StepRecord[]): number | null {
  for (const s of steps) if (s.cascade) return s.index;
  return null;
}

/** Contiguous runs of cascade steps as [firstAgent, lastAgent] pairs. */
export function cascadeRanges(steps: readonly StepRecord[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const s of steps) {
    if (!s.cascade) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === s.index - 1) last[1] = s.index;
    else ranges.push([s.index, s.index]);
  }
  return ranges;
}

export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** The LLM's action differs from the Bayes-rational one (interacting mode). */
export function disagrees(step: StepRecord): boolean {
  return step.llmAction !== undefined && step.llmAction !== null && step.bayesAction !== null && step.llmAction !== step.bayesAction;
}
