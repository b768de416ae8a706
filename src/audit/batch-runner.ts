// Runs every dataset row through the chain: items in parallel up to a limit, cancel keeps finished work, resume continues.
import pLimit from 'p-limit';
import type { DecisionModel } from '../core/model';
import { runChain } from './chain-runner';
import type { DatasetRow } from './dataset';
import type { ObservationSource } from './observation-source';
import type { Profile } from './profile';
import { agentsVerdict } from './rp-audit';
import type { RunStore } from './run-store';
import { summarizeRun } from './run-summary';
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
  rows: readonly DatasetRow[];
  profile: Profile;
  model: DecisionModel;
  source: ObservationSource;
  agents?: number;
  /** Items in flight at once (default 2). */
  concurrency?: number;
  /** Sensor mode: LLM calls in flight within one item (default 4). */
  agentConcurrency?: number;
  /** Items already finished (from prepareResume); they are skipped. */
  completed?: ReadonlySet<number>;
  /** Test agents' decisions for revealed preferences when rows have labels (default true). */
  revealedPreferences?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
  onStep?: (step: StepRecord) => void;
  onItem?: (summary: ItemSummary) => void;
}

export interface BatchResult {
  cancelled: boolean;
  summary: RunSummary;
  rp: RunRp | null;
}

/** Runs the pending rows, then attaches the summary (and RP verdicts) to run.json and sets the final status. */
export async function runBatch(input: BatchInput): Promise<BatchResult> {
  const { store, runId, profile } = input;
  const completed = input.completed ?? new Set<number>();
  const pending = input.rows.filter((r) => !completed.has(r.item));
  const resumed = input.rows.length - pending.length;
  let done = resumed;
  let cancelled = false;
  input.onProgress?.({ done, total: input.rows.length, resumed });
  const limit = pLimit(Math.max(1, input.concurrency ?? 2));
  try {
    await Promise.all(
      pending.map((row) =>
        limit(async () => {
          if (input.signal?.aborted) {
            cancelled = true;
            return;
          }
          const result = await runChain({
            runId,
            item: row.item,
            text: row.text,
            label: row.label,
            profile,
            model: input.model,
            source: input.source,
            agents: input.agents,
            concurrency: input.agentConcurrency,
            signal: input.signal,
            onStep: async (step) => {
              await store.appendStep(runId, step);
              input.onStep?.(step);
            },
          });
          if (result.cancelled) {
            cancelled = true; // its steps stay in steps.jsonl; prepareResume drops them and the item is redone
            return;
          }
          await store.appendItem(runId, result.summary);
          input.onItem?.(result.summary);
          done++;
          input.onProgress?.({ done, total: input.rows.length, item: row.item, resumed });
        }),
      ),
    );
  } catch (error) {
    await store.setStatus(runId, 'failed', error instanceof Error ? error.message : String(error)).catch(() => undefined);
    throw error;
  }
  const { summary, rp } = await finishRun(input);
  await store.setStatus(runId, cancelled ? 'cancelled' : 'completed', cancelled ? `stopped after ${done} of ${input.rows.length} items; resume to continue` : undefined);
  return { cancelled, summary, rp };
}

async function finishRun(input: BatchInput): Promise<{ summary: RunSummary; rp: RunRp | null }> {
  const { store, runId, profile } = input;
  const run = await store.load(runId);
  const agents = input.agents ?? profile.agents.count;
  const summary = summarizeRun(run.items, run.steps, profile.states.length, profile.actions.length, agents);
  const labels = new Map<number, number>();
  for (const item of run.items) if (item.label !== null) labels.set(item.item, item.label);
  const finishedSteps = run.steps.filter((s) => labels.has(s.item));
  let rp: RunRp | null = null;
  let rpError: string | undefined;
  if (input.revealedPreferences !== false && labels.size > 0) {
    try {
      rp = await agentsVerdict(finishedSteps, labels, profile.states.length, profile.actions.length);
    } catch (error) {
      rpError = error instanceof Error ? error.message : String(error);
    }
  }
  await store.update(runId, (meta) => {
    meta.summary = summary;
    if (rp) meta.rp = rp;
    if (rpError) meta.rpError = rpError;
  });
  return { summary, rp };
}
