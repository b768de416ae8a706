// Filters of the dataset item list, chosen from the overview (a histogram bar, a confusion row, the errors figure).
// They read only the item summaries the panel already holds, never the steps.
import type { ItemSummary } from '../../src/shared/protocol';
import { labelOf } from './format';

export type ItemFilter =
  | { kind: 'herded-at'; agent: number }
  | { kind: 'label'; label: number }
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
    case 'errors':
      return s.errors > 0;
    case 'herded':
      return s.herdingStep !== null;
    case 'not-herded':
      return s.herdingStep === null;
  }
}

export function describe(filter: ItemFilter, states: readonly string[]): string {
  switch (filter.kind) {
    case 'herded-at':
      return `herded at agent ${filter.agent}`;
    case 'label':
      return `label = ${labelOf(states, filter.label)}`;
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
