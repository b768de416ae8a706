// Runs every dataset row through the chain: rows pulled from an (async) iterator through a bounded window, one limit
// on the LLM calls in flight across rows and agents, counts added as each row finishes; cancel keeps finished work.
import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import type { DecisionModel } from '../core/model';
import { CallQueue } from './call-queue';
import { runChain } from './chain-runner';
import type { DatasetRow } from './dataset';
import { canPrefetch, type AgentRequest, type ObservationSource } from './observation-source';
import type { Profile } from './profile';
import { agentsVerdictFromCounts } from './rp-audit';
import { addItem, emptyCounts, optimalActions, type RunCounts } from './run-counts';
import type { RunStore } from './run-store';
import { summaryFromCounts } from './run-summary';
import type { ItemSummary, RunRp, RunSummary } from './run-types';
import type { StepRecord } from '../shared/step-record';

export interface BatchProgress {
  /** Items finished, including those finished before a resume. */
  done: number;
  total: number;
  /** The item that just finished (absent for the first report). */
  item?: number;
  /** Items skipped because a previous run already finished them. */
  resumed: number;
}

export interface BatchInput {
  store: RunStore;
  /** An existing run (store.create, or store.prepareResume to continue one). */
  runId: string;
  /** The rows, in file order; an async iterator is pulled only as the window frees up. */
  rows: Iterable<DatasetRow> | AsyncIterable<DatasetRow>;
  /** Rows in the dataset (default: rows.length for an array). */
  total?: number;
  profile: Profile;
  model: DecisionModel;
  source: ObservationSource;
  agents?: number;
  /** LLM calls in flight at once across rows and agents (default 8). */
  concurrency?: number;
  /** Sensor mode: cap on one row's calls in flight (default: no cap beyond `concurrency`). */
  agentConcurrency?: number;
  /** Items already finished (from prepareResume); they are skipped. */
  completed?: ReadonlySet<number>;
  /** The counts of the finished items (from prepareResume); the run's counts continue from them. */
  counts?: RunCounts | null;
  /** Test agents' decisions for revealed preferences when rows have labels (default true). */
  revealedPreferences?: boolean;
  /** Stored with each item (dataset runs: the row's hash). */
  rowHash?: (row: DatasetRow) => string;
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
  onStep?: (step: StepRecord) => void;
  onItem?: (summary: ItemSummary) => void;
}

export interface BatchResult {
  cancelled: boolean;
  summary: RunSummary;
  rp: RunRp | null;
  counts: RunCounts;
}

/** Runs the pending rows, then attaches the summary (and RP verdicts) to run.json and sets the final status. */
export async function runBatch(input: BatchInput): Promise<BatchResult> {
  const { store, runId, profile, model } = input;
  const agents = input.agents ?? profile.agents.count;
  const completed = input.completed ?? new Set<number>();
  const total = input.total ?? (Array.isArray(input.rows) ? input.rows.length : 0);
  const optimal = optimalActions(model);
  const dims = { states: profile.states.length, actions: profile.actions.length, observations: model.likelihood[0].length, agents };
  const counts = input.counts ?? (completed.size > 0 ? await store.recount(runId, dims, optimal) : emptyCounts(dims));
  store.attachCounts(runId, counts);
  const resumed = completed.size;
  let done = resumed;
  let cancelled = false;
  input.onProgress?.({ done, total, resumed });
  const concurrency = Math.max(1, input.concurrency ?? 8);
  const calls = new CallQueue(concurrency);
  const failure = new AbortController();
  const signal = input.signal ? AbortSignal.any([input.signal, failure.signal]) : failure.signal;
  setMaxListeners(0, signal); // every call in flight listens to it
  const runRow = async (row: DatasetRow) => {
    const rowLimit = input.agentConcurrency ? pLimit(input.agentConcurrency) : null;
    // Steps are queued for the store without waiting for the disk: the store writes an item line only after the
    // steps queued before it, so the chain never waits on a write and durability is unchanged.
    const writes: Array<Promise<void>> = [];
    const result = await runChain({
      runId,
      item: row.item,
      text: row.text,
      label: row.label,
      profile,
      model,
      source: input.source,
      agents,
      callLimit: <T>(call: () => Promise<T>, agent: number) =>
        rowLimit ? rowLimit(() => calls.run(row.item, agent, call)) : calls.run(row.item, agent, call),
      signal,
      onStep: (step) => {
        input.onStep?.(step);
        writes.push(store.appendStep(runId, step));
      },
    });
    if (result.cancelled) {
      await Promise.all(writes);
      cancelled = true; // its steps stay in steps.jsonl; prepareResume drops them and the item is redone
      return;
    }
    const summary = input.rowHash ? { ...result.summary, rowHash: input.rowHash(row) } : result.summary;
    await Promise.all([...writes, store.appendItem(runId, summary)]);
    addItem(counts, summary, result.steps, optimal);
    input.onItem?.(summary);
    done++;
    input.onProgress?.({ done, total, item: row.item, resumed });
  };
  // Rows in flight: enough that `concurrency` calls stay busy with one agent per row while finished rows are written.
  const window = 2 * concurrency + 1;
  const inFlight = new Set<Promise<void>>();
  try {
    for await (const row of prefetched(pending(input.rows, completed), input, agents, signal)) {
      if (signal.aborted) {
        cancelled = true;
        break;
      }
      const task: Promise<void> = runRow(row).finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= window) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (input.signal?.aborted) cancelled = true;
  } catch (error) {
    failure.abort();
    await Promise.allSettled(inFlight);
    await store.setStatus(runId, 'failed', error instanceof Error ? error.message : String(error)).catch(() => undefined);
    throw error;
  }
  const { summary, rp } = await finishRun(input, counts);
  await store.setStatus(
    runId,
    cancelled ? 'cancelled' : 'completed',
    cancelled ? `stopped after ${done} of ${total} items; resume to continue` : undefined,
  );
  return { cancelled, summary, rp, counts };
}

async function* pending(
  rows: Iterable<DatasetRow> | AsyncIterable<DatasetRow>,
  completed: ReadonlySet<number>,
): AsyncGenerator<DatasetRow> {
  for await (const row of rows) if (!completed.has(row.item)) yield row;
}

/** Sensor mode with a prefetching source: each chunk's (item, agent) requests go to the source before its rows run. */
async function* prefetched(
  rows: AsyncIterable<DatasetRow>,
  input: BatchInput,
  agents: number,
  signal: AbortSignal,
): AsyncGenerator<DatasetRow> {
  const source = input.source;
  if (input.profile.mode !== 'sensor' || !canPrefetch(source)) {
    yield* rows;
    return;
  }
  const size = Math.max(1, source.prefetchChunk ?? 1000);
  let chunk: DatasetRow[] = [];
  const flush = async function* () {
    const requests: AgentRequest[] = chunk.flatMap((row) =>
      Array.from({ length: agents }, (_, k) => ({
        item: row.item,
        agent: k + 1,
        text: row.text,
        predecessors: [],
        publicBelief: input.model.prior,
        trueState: row.label,
        signal,
      })),
    );
    await source.prefetch(requests, { runDir: input.store.runDir(input.runId), signal });
    yield* chunk;
    chunk = [];
  };
  for await (const row of rows) {
    chunk.push(row);
    if (chunk.length >= size) yield* flush();
  }
  if (chunk.length > 0) yield* flush();
}

/** Summary and revealed preferences from the counts alone; no step is read back. */
async function finishRun(input: BatchInput, counts: RunCounts): Promise<{ summary: RunSummary; rp: RunRp | null }> {
  const { store, runId } = input;
  const summary = summaryFromCounts(counts);
  let rp: RunRp | null = null;
  let rpError: string | undefined;
  if (input.revealedPreferences !== false && counts.labelled > 0) {
    try {
      rp = await agentsVerdictFromCounts(counts.labelActionByAgent);
    } catch (error) {
      rpError = error instanceof Error ? error.message : String(error);
    }
  }
  await store.update(runId, (meta) => {
    meta.summary = summary;
    meta.counts = counts;
    if (rp) meta.rp = rp;
    if (rpError) meta.rpError = rpError;
  });
  return { summary, rp };
}
