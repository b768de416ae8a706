// One text through the chain as a run: create it (when a store is given), stream its steps, record the item and the
// final status — completed, cancelled, or failed with the error — whatever the front end.
import { runChain } from '../chain-runner';
import { newRunHeader } from '../new-run-header';
import type { LoadedProfile } from '../profile-loader';
import type { RunStore } from '../run-store';
import type { ItemSummary, RunHeader, RunKind, RunRp, RunStatus } from '../run-types';
import type { BuiltSource, SourceSpec } from '../source-spec';
import type { StepRecord } from '../../shared/step-record';
import { prepareSource, profileRp } from './prepare-source';
import type { RunEvent } from './run-events';

export interface TextRunInput {
  /** Where the run is recorded; null runs it without storing (the CLI's `chain` without --out). */
  store: RunStore | null;
  kind: RunKind;
  title: string;
  text: string;
  label?: number | null;
  /** The item number the text's requests are keyed on (default 0; the demo's texts are items 0, 1, 2). */
  item?: number;
  loaded: LoadedProfile;
  source: SourceSpec | BuiltSource;
  /** Default: the profile's. */
  agents?: number;
  /** Sensor mode: calls in flight at once. */
  concurrency?: number;
  /** Shown as the run's provider (default: the source's description). */
  providerSummary?: string;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Warnings that do not stop the run (e.g. the profile's RP test failed). */
  onWarning?: (message: string) => void;
}

export interface TextRunOutcome {
  status: Exclude<RunStatus, 'running' | 'interrupted'>;
  message?: string;
  steps: StepRecord[];
  summary: ItemSummary;
  cancelled: boolean;
  rp: RunRp | null;
}

export interface StartedTextRun {
  /** null when not stored. */
  runId: string | null;
  header: RunHeader;
  source: BuiltSource;
  /** Settles when the run ends; rejects (after recording 'failed') when the chain threw. */
  done: Promise<TextRunOutcome>;
}

export async function startTextRun(input: TextRunInput): Promise<StartedTextRun> {
  const { store, loaded } = input;
  const profile = loaded.profile;
  const agents = input.agents ?? profile.agents.count;
  const built = prepareSource(input.source, loaded, agents, input.concurrency);
  const rp = await profileRp(loaded, input.onWarning);
  const newHeader = newRunHeader(profile, {
    kind: input.kind,
    title: input.title,
    agents,
    items: 1,
    simulated: built.source.simulated,
    providerSummary: input.providerSummary ?? built.description,
  });
  let header: RunHeader;
  if (store) {
    const meta = await store.create({ header: newHeader, profile, profileSource: loaded.source, provider: built.snapshot });
    if (rp) await store.update(meta.header.runId, (m) => void (m.rp = rp));
    header = meta.header;
  } else {
    header = { ...newHeader, runId: 'chain', startedAt: new Date().toISOString() };
  }
  const runId = header.runId;
  const emit = (event: RunEvent) => input.onEvent?.(event);
  emit({ type: 'created', runId, header });
  const done = (async (): Promise<TextRunOutcome> => {
    try {
      const result = await runChain({
        runId,
        item: input.item ?? 0,
        text: input.text,
        label: input.label ?? null,
        profile,
        model: loaded.model,
        source: built.source,
        agents,
        concurrency: input.concurrency,
        rp: rp?.verdict ?? null,
        signal: input.signal,
        onStep: async (step) => {
          if (store) await store.appendStep(runId, step);
          emit({ type: 'step', runId, step });
        },
      });
      // A cancelled chain's item is partial: it is not recorded as finished.
      if (store && !result.cancelled) await store.appendItem(runId, result.summary);
      if (!result.cancelled) emit({ type: 'item', runId, summary: result.summary });
      const status = result.cancelled ? 'cancelled' : 'completed';
      const message = result.cancelled ? `cancelled after ${result.steps.length} of ${agents} agents` : undefined;
      if (store) await store.setStatus(runId, status, message);
      emit({ type: 'status', runId, status, message });
      return { status, message, steps: result.steps, summary: result.summary, cancelled: result.cancelled, rp };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (store) await store.setStatus(runId, 'failed', message).catch(() => undefined);
      emit({ type: 'status', runId, status: 'failed', message });
      throw error;
    }
  })();
  return { runId: store ? runId : null, header, source: built, done };
}
