// Filters of the dataset item list, chosen from the overview (a histogram bar, a confusion cell or row, the wrong-herd
// and errors figures). They read only the item summaries the panel already holds, never the steps.
import type { ItemSummary } from '../../src/shared/protocol';
import { labelOf } from './format';

export type ItemFilter =
  | { kind: 'herded-at'; agent: number }
  | { kind: 'label'; label: number }
  /** label = row and final action = column of the confusion table. */
  | { kind: 'confusion'; label: number; action: number }
  | { kind: 'wrong-herd' }
  | { kind: 'errors' }
  | { kind: 'herded' }
  | { kind: 'not-herded' };

export function matches(filter: ItemFilter, s: ItemSummary | undefined): boolean {
  if (!s) return false;
  switch (filter.kind) {
    case 'herded-at':
      return s.herdingStep === filter.agent;
    case 'label':
      return s.label === filter.label;
    case 'confusion':
      return s.label === filter.label && s.finalAction === filter.action;
    case 'wrong-herd':
      return s.wrongHerd === true;
    case 'errors':
      return s.errors > 0;
    case 'herded':
      return s.herdingStep !== null;
    case 'not-herded':
      return s.herdingStep === null;
  }
}

/** Whether a summary lacks the field the filter reads (a run recorded before summaries carried it). */
export function lacksField(filter: ItemFilter, s: ItemSummary | undefined): boolean {
  if (!s) return false;
  if (filter.kind === 'confusion') return s.finalAction === undefined && s.label === filter.label;
  if (filter.kind === 'wrong-herd') return s.wrongHerd === undefined && s.label !== null;
  return false;
}

export function describe(filter: ItemFilter, states: readonly string[], actions: readonly string[]): string {
  switch (filter.kind) {
    case 'herded-at':
      return `herded at agent ${filter.agent}`;
    case 'label':
      return `label = ${labelOf(states, filter.label)}`;
    case 'confusion':
      return `label = ${labelOf(states, filter.label)}, final action = ${labelOf(actions, filter.action)}`;
    case 'wrong-herd':
      return 'herded wrong';
    case 'errors':
      return 'with errors';
    case 'herded':
      return 'herded';
    case 'not-herded':
      return 'did not herd';
  }
}

export type ItemSort = 'item' | 'herding-step' | 'errors';

/** Sort key: rows without the quantity go last. */
export function sortKey(sort: ItemSort, item: number, s: ItemSummary | undefined): number {
  if (sort === 'herding-step') return s?.herdingStep ?? Number.MAX_SAFE_INTEGER;
  if (sort === 'errors') return -(s?.errors ?? 0);
  return item;
}
