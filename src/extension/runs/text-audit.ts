// One text through the chain, recorded in the run store as it streams (selection audits and the demo).
import type { LoadedProfile } from '../../audit/profile-loader';
import type { RunStore } from '../../audit/run-store';
import { runChain } from '../../audit/chain-runner';
import { newRunHeader } from '../../audit/new-run-header';
import type { ObservationSource } from '../../audit/observation-source';
import type { ProviderSnapshot, RunKind, RunRp } from '../../audit/run-types';
import type { AuditEvent } from './audit-events';

export interface TextAuditInput {
  store: RunStore;
  kind: RunKind;
  title: string;
  text: string;
  label?: number | null;
  loaded: LoadedProfile;
  source: ObservationSource;
  provider: ProviderSnapshot;
  providerSummary: string;
  agents?: number;
  concurrency: number;
  /** The profile's revealed-preference verdict: stored with the run, and attached to every step. */
  rp?: RunRp | null;
  signal: AbortSignal;
  emit(event: AuditEvent): void;
}

/** Creates the run, streams its steps, and returns its id once it has finished, failed or been cancelled. */
export async function auditText(input: TextAuditInput): Promise<{ runId: string; done: Promise<void> }> {
  const { store, loaded, emit } = input;
  const profile = loaded.profile;
  const agents = input.agents ?? profile.agents.count;
  const meta = await store.create({
    header: newRunHeader(profile, {
      kind: input.kind,
      title: input.title,
      agents,
      items: 1,
      simulated: input.source.simulated,
      providerSummary: input.providerSummary,
    }),
    profile,
    profileSource: loaded.source,
    provider: input.provider,
  });
  const runId = meta.header.runId;
  const rp = input.rp;
  if (rp) await store.update(runId, (m) => { m.rp = rp; });
  emit({ type: 'created', runId });
  const done = (async () => {
    try {
      const result = await runChain({
        runId,
        text: input.text,
        label: input.label ?? null,
        profile,
        model: loaded.model,
        source: input.source,
        agents,
        concurrency: input.concurrency,
        rp: rp?.verdict ?? null,
        signal: input.signal,
        onStep: async (step) => {
          await store.appendStep(runId, step);
          emit({ type: 'step', runId, step });
        },
      });
      await store.appendItem(runId, result.summary);
      emit({ type: 'item', runId, summary: result.summary });
      const status = result.cancelled ? 'cancelled' : 'completed';
      const message = result.cancelled ? `cancelled after ${result.steps.length} of ${agents} agents` : undefined;
      await store.setStatus(runId, status, message);
      emit({ type: 'status', runId, status, message });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await store.setStatus(runId, 'failed', message).catch(() => undefined);
      emit({ type: 'status', runId, status: 'failed', message });
    }
  })();
  return { runId, done };
}
