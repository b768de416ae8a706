// The batch-API source spec as a built source: the provider's batch client, the prefetching source, and a snapshot that
// records the batch API so a resume keeps polling the same batches.
import { InputError } from '../../core/errors';
import type { BatchApiClient, BatchLimits } from '../../llm/batch/batch-api';
import type { BatchJobProgress } from '../../llm/batch/batch-job-runner';
import { MistralBatchClient } from '../../llm/batch/mistral-batch-client';
import { OpenAIBatchClient } from '../../llm/batch/openai-batch-client';
import { CassetteWriter } from '../../llm/cassette';
import { redactUrl } from '../../llm/redact';
import { agentSettings } from '../profile';
import type { LoadedProfile } from '../profile-loader';
import type { BatchApiProviderSettings, BatchApiSourceSpec, BuiltSource, LiveKind, ProviderSnapshot } from '../source-spec';
import { BatchObservationSource } from './batch-observation-source';

export const INTERACTING_CANNOT_BATCH =
  "interacting mode cannot use a batch API: each agent needs its predecessors' actions (use sensor mode, or drop --batch-api)";

export function batchApiClient(
  settings: BatchApiProviderSettings,
  options: { limits?: BatchLimits; structuredOutputs?: boolean } = {},
): BatchApiClient {
  // A local server without a key still needs some bearer for the SDKs.
  const policy = {
    apiKey: settings.apiKey ?? (settings.baseURL ? 'no-key' : undefined),
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    limits: options.limits,
  };
  return settings.kind === 'openai'
    ? new OpenAIBatchClient({ ...policy, baseURL: settings.baseURL, structuredOutputs: options.structuredOutputs })
    : new MistralBatchClient({ ...policy, serverURL: settings.baseURL });
}

export function buildBatchApiSource(spec: BatchApiSourceSpec, loaded: LoadedProfile, agents: number): BuiltSource {
  const { profile } = loaded;
  if (profile.mode === 'interacting') throw new InputError('--batch-api', INTERACTING_CANNOT_BATCH);
  const kind = spec.provider.kind;
  if (kind !== 'openai' && kind !== 'mistral')
    throw new InputError('--batch-api', `needs --provider openai or mistral (the provider is ${String(kind)})`);
  const structuredOutput = spec.structuredOutput !== false;
  const source = new BatchObservationSource(profile, {
    provider: kind,
    client: batchApiClient(spec.provider, { limits: spec.limits, structuredOutputs: structuredOutput }),
    apiKey: spec.provider.apiKey,
    seed: spec.seed ?? 1,
    ...(spec.model ? { model: spec.model } : {}),
    structuredOutput,
    chunkRows: spec.chunkRows,
    pollSeconds: spec.pollSeconds,
    maxRetries: spec.provider.maxRetries,
    limits: spec.limits,
    ...(spec.record ? { recorder: new CassetteWriter(spec.record) } : {}),
    onBatchProgress: spec.onBatchProgress,
    onBatchEvent: spec.onBatchEvent,
  });
  const models = [...new Set(Array.from({ length: agents }, (_, i) => spec.model || agentSettings(profile, i + 1).model))];
  const snapshot: ProviderSnapshot = {
    providers: [kind],
    models,
    endpoints: { [kind]: redactUrl(spec.provider.baseURL ?? '') || 'default' },
    cassette: spec.record ?? null,
    record: spec.record !== undefined,
    seed: spec.seed ?? 1,
    reproducible: true,
    cache: false,
    batchApi: kind,
  };
  return { source, snapshot, description: `${models.map((m) => `${kind} ${m}`).join(', ')} (batch API)` };
}

/** The provider the profile's agents would batch through: sensor mode, every agent on one of openai / mistral; else null. */
export function batchApiKind(loaded: LoadedProfile, agents: number, providerOverride?: string): LiveKind | null {
  if (loaded.profile.mode !== 'sensor') return null;
  const kinds = new Set(Array.from({ length: agents }, (_, i) => providerOverride ?? agentSettings(loaded.profile, i + 1).provider));
  const [kind] = kinds;
  return kinds.size === 1 && (kind === 'openai' || kind === 'mistral') ? kind : null;
}

/** One poll: each batch's provider status and request counts. */
export function batchProgressText(progress: BatchJobProgress): string {
  const batches = progress.batches
    .map((b) => `${b.id} ${b.status} ${b.completed}/${b.total}${b.failed ? ` (${b.failed} failed)` : ''}`)
    .join(', ');
  return `${batches}; ${progress.answered} of ${progress.total} requests answered`;
}
