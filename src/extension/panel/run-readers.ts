// What the panel reads from the run store: the item summaries as a stream and one item's steps, never the whole run.
import path from 'node:path';
import type { ForecastCompute } from '../../audit/forecast-compute';
import { RunItemIndex } from '../../audit/item-index';
import { optimalActions, type RunCounts } from '../../audit/run-counts';
import { forEachCompleteItemSummary, loadRunContext } from '../../audit/run-files';
import { RunForecasts } from '../../audit/run-forecast';
import type { RunStore } from '../../audit/run-store';
import { checkSensor } from '../../audit/sensor-check';
import type { RunSensor } from '../../shared/sensor-check';
import type { ItemSummary, RunMeta } from '../../audit/run-types';
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
      const meta = await store().readMeta(runId); // also lets the store's queued appends land first
      const utility = meta.profile.utility ?? meta.profile.cost?.map((row) => row.map((c) => -c));
      const optimal = utility ? optimalActions({ utility }) : null;
      await forEachCompleteItemSummary(path.join(store().dir, runId), meta.header.agents, optimal, each);
    },
    async readItem(runId: string, item: number): Promise<ItemChain> {
      await store().readMeta(runId); // lets the store's queued appends land first
      return indexOf(path.join(store().dir, runId)).readItem(item);
    },
  };
}

/** The panel's forecasts beside each run, computed once per run by `compute` (a worker thread) and cached in the run folder. */
export function panelForecasts(store: () => RunStore, compute: ForecastCompute) {
  const forecasts = new RunForecasts(compute);
  return (runId: string, meta: RunMeta, counts: RunCounts) => forecasts.forRun(path.join(store().dir, runId), meta, counts);
}

/** The sensor check beside a labelled dataset run, from its counts and its profile's B (read once per run). */
export function panelSensorChecks(store: () => RunStore) {
  const likelihoods = new Map<string, Promise<number[][]>>();
  return async (runId: string, meta: RunMeta, counts: RunCounts): Promise<RunSensor> => {
    if (counts.labelled === 0)
      return { status: 'unavailable', reason: 'no labelled rows: the sensor check compares the answers with the labels' };
    const runDir = path.join(store().dir, runId);
    const id = `${runDir}|${meta.createdAt}`;
    let likelihood = likelihoods.get(id);
    if (!likelihood) likelihoods.set(id, (likelihood = loadRunContext(runDir).then((ctx) => ctx.model.likelihood)));
    try {
      return { status: 'ready', check: checkSensor(counts.observationsByLabel, await likelihood, meta.header.states) };
    } catch (err) {
      likelihoods.delete(id);
      return { status: 'unavailable', reason: err instanceof Error ? err.message : String(err) };
    }
  };
}
