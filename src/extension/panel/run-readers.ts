// What the panel reads from the run store: the item summaries as a stream and one item's steps, never the whole run.
import path from 'node:path';
import { RunItemIndex } from '../../audit/item-index';
import { forEachItemSummary } from '../../audit/run-files';
import type { RunStore } from '../../audit/run-store';
import type { ItemSummary } from '../../audit/run-types';
import type { ItemChain } from './audit-panel';

/** Runs whose item index is kept (the panel shows one run; a few recent ones are cheap to keep). */
const INDEXED_RUNS = 4;

export function panelRunReaders(store: () => RunStore) {
  const indexes = new Map<string, RunItemIndex>();
  const indexOf = (runDir: string): RunItemIndex => {
    let index = indexes.get(runDir);
    if (index) indexes.delete(runDir);
    else index = new RunItemIndex(runDir);
    indexes.set(runDir, index); // most recently used last
    if (indexes.size > INDEXED_RUNS) indexes.delete(indexes.keys().next().value as string);
    return index;
  };
  return {
    async forEachItem(runId: string, each: (summary: ItemSummary) => void): Promise<void> {
      await store().readMeta(runId); // lets the store's queued appends land first
      await forEachItemSummary(path.join(store().dir, runId), each);
    },
    async readItem(runId: string, item: number): Promise<ItemChain> {
      await store().readMeta(runId); // lets the store's queued appends land first
      return indexOf(path.join(store().dir, runId)).readItem(item);
    },
  };
}
