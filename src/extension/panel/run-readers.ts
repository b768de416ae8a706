// What the panel reads from the run store: the item summaries as a stream and one item's steps, never the whole run.
import path from 'node:path';
import { forEachCompleteItemSummary, readItemChain } from '../../audit/run-files';
import { optimalActions } from '../../audit/run-counts';
import type { RunStore } from '../../audit/run-store';
import type { ItemSummary } from '../../audit/run-types';
import type { ItemChain } from './audit-panel';

export function panelRunReaders(store: () => RunStore) {
  return {
    async forEachItem(runId: string, each: (summary: ItemSummary) => void): Promise<void> {
      const meta = await store().readMeta(runId); // also lets the store's queued appends land first
      const utility = meta.profile.utility ?? meta.profile.cost?.map((row) => row.map((c) => -c));
      const optimal = utility ? optimalActions({ utility }) : null;
      await forEachCompleteItemSummary(path.join(store().dir, runId), meta.header.agents, optimal, each);
    },
    async readItem(runId: string, item: number): Promise<ItemChain> {
      const meta = await store().readMeta(runId);
      return readItemChain(path.join(store().dir, runId), meta.header.agents, item);
    },
  };
}
