// Per-run summary of a batch: herding rate, accuracy against labels, per-agent action counts.
import type { RunCounts } from './run-counts';
import type { ItemSummary, RunSummary } from './run-types';
import type { StepRecord } from '../shared/step-record';

/**
 * Accuracy (actions name states, A = X): the final public action — the last agent's action that exists — equals the label,
 * over labelled items (spec §4.1 "accuracy"). wrongHerdRate: labelled items whose chain herded on an action other than the label.
 */
export function summarizeRun(
  items: readonly ItemSummary[],
  steps: readonly StepRecord[],
  states: number,
  actions: number,
  agents: number,
): RunSummary {
  const herded = items.filter((i) => i.herdingStep !== null);
  const labelled = items.filter((i) => i.label !== null);
  const finalAction = new Map<number, number>();
  const actionCounts = Array.from({ length: agents }, () => new Array<number>(actions).fill(0));
  for (const s of [...steps].sort((a, b) => a.item - b.item || a.index - b.index)) {
    if (s.action === null) continue;
    finalAction.set(s.item, s.action);
    if (s.index >= 1 && s.index <= agents) actionCounts[s.index - 1][s.action] += 1;
  }
  const comparable = states === actions && labelled.length > 0;
  const correct = labelled.filter((i) => finalAction.get(i.item) === i.label).length;
  const labelledHerded = labelled.filter((i) => i.herdingStep !== null);
  return {
    items: items.length,
    herdingRate: items.length > 0 ? herded.length / items.length : 0,
    meanHerdingStep: herded.length > 0 ? herded.reduce((s, i) => s + (i.herdingStep as number), 0) / herded.length : null,
    accuracy: comparable ? correct / labelled.length : null,
    wrongHerdRate: comparable ? labelledHerded.filter((i) => i.herdAction !== i.label).length / labelled.length : null,
    labelled: labelled.length,
    actionCounts,
    errors: steps.filter((s) => s.error).length,
    empiricalHerding: steps.filter((s) => s.herding).length,
  };
}

/** The same summary from the run's counts (no step is read): accuracy is the confusion diagonal over labelled items. */
export function summaryFromCounts(counts: RunCounts): RunSummary {
  const comparable = counts.states === counts.actions && counts.labelled > 0;
  const correct = counts.confusion.reduce((sum, row, x) => sum + (row[x] ?? 0), 0);
  const stepSum = counts.herdingSteps.reduce((sum, n, k) => sum + n * (k + 1), 0);
  const herdedInRange = counts.herdingSteps.reduce((a, b) => a + b, 0);
  return {
    items: counts.items,
    herdingRate: counts.items > 0 ? counts.herded / counts.items : 0,
    meanHerdingStep: herdedInRange > 0 ? stepSum / herdedInRange : null,
    accuracy: comparable ? correct / counts.labelled : null,
    wrongHerdRate: comparable ? counts.wrongHerds / counts.labelled : null,
    labelled: counts.labelled,
    actionCounts: counts.actionCounts.map((row) => [...row]),
    errors: counts.errorSteps,
    empiricalHerding: counts.empiricalHerding,
  };
}
