// What the panel reads from the run store: the item summaries as a stream and one item's steps, never the whole run.
import path from 'node:path';
import type { ForecastCompute } from '../../audit/forecast-compute';
import type { RunCounts } from '../../audit/run-counts';
import { forEachItemSummary, readItemChain } from '../../audit/run-files';
import { RunForecasts } from '../../audit/run-forecast';
import type { RunStore } from '../../audit/run-store';
import type { ItemSummary, RunMeta } from '../../audit/run-types';
import type { ItemChain } from './audit-panel';

export function panelRunReaders(store: () => RunStore) {
  return {
    async forEachItem(runId: string, each: (summary: ItemSummary) => void): Promise<void> {
      await store().readMeta(runId); // lets the store's queued appends land first
      await forEachItemSummary(path.join(store().dir, runId), each);
    },
    async readItem(runId: string, item: number): Promise<ItemChain> {
      const meta = await store().readMeta(runId);
      return readItemChain(path.join(store().dir, runId), meta.header.agents, item);
    },
  };
}

/** The panel's forecasts beside each run, computed once per run by `compute` (a worker thread) and cached in the run folder. */
export function panelForecasts(store: () => RunStore, compute: ForecastCompute) {
  const forecasts = new RunForecasts(compute);
  return (runId: string, meta: RunMeta, counts: RunCounts) => forecasts.forRun(path.join(store().dir, runId), meta, counts);
}
