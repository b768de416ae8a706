// Facts of one finished item that the counts and the item list share, defined once so that a confusion cell's count
// and the items its filter shows cannot disagree.
import type { StepRecord } from '../shared/step-record';

/** The public action of the last agent (within the first `agents`) that has one: the confusion table's column. */
export function finalActionOf(steps: readonly StepRecord[], agents = Infinity): number | null {
  let last: StepRecord | null = null;
  for (const s of steps) if (s.index >= 1 && s.index <= agents && s.action !== null && (!last || s.index > last.index)) last = s;
  return last ? last.action : null;
}

/** Herded on an action outside argmax_a u(label, a); null without a label. */
export function isWrongHerd(
  item: { label: number | null; herdingStep: number | null; herdAction: number | null },
  optimal: readonly (readonly boolean[])[],
): boolean | null {
  if (item.label === null) return null;
  return item.herdingStep !== null && item.herdAction !== null && !optimal[item.label]?.[item.herdAction];
}
