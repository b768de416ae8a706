// The one factory from a typed source spec to the agents' observation source and the snapshot the run records:
// live OpenAI / Mistral (shared provider factory), replay, record, a host-injected provider (vscode.lm), simulated,
// or a provider's batch API (sensor mode).
import { InputError } from '../core/errors';
import { createProvider, type ProviderKind } from '../llm/create-provider';
import type { LlmProvider } from '../llm/provider';
import { redactUrl } from '../llm/redact';
import { formatRetry } from '../llm/retry';
import { buildBatchApiSource } from './batch-api/batch-api-source';
import { LlmSensor } from './llm-sensor';
import { agentSettings, type Profile } from './profile';
import type { LoadedProfile } from './profile-loader';
import { SimulatedSensor } from './simulated-sensor';
import type { BuiltSource, LlmSourceSpec, ProviderSnapshot, SourceSpec } from './source-spec';

/** Builds the source for `agents` agents of the profile; throws InputError naming what is missing (e.g. a cassette). */
export function buildSource(spec: SourceSpec, loaded: LoadedProfile, agents: number): BuiltSource {
  if (spec.kind === 'simulated') {
    const source = new SimulatedSensor(loaded.profile, loaded.model, { trueState: spec.trueState, seed: spec.seed });
    const snapshot: ProviderSnapshot = {
      providers: ['simulated'],
      models: ['B[x]'],
      endpoints: {},
      cassette: null,
      record: false,
      seed: spec.seed,
      reproducible: true,
      cache: false,
      trueState: String(spec.trueState),
    };
    return { source, snapshot, description: source.description };
  }
  if (spec.kind === 'batch-api') return buildBatchApiSource(spec, loaded, agents);
  return buildLlmSource(spec, loaded.profile, agents);
}

/** The (kind, model) each agent uses once the spec's overrides are applied. */
export function agentBackends(
  spec: Pick<LlmSourceSpec, 'provider' | 'model'>,
  profile: Profile,
  agents: number,
): Array<{ kind: string; model: string }> {
  return Array.from({ length: agents }, (_, i) => {
    const s = agentSettings(profile, i + 1);
    return { kind: spec.provider ?? s.provider, model: spec.model || s.model };
  });
}

function buildLlmSource(spec: LlmSourceSpec, profile: Profile, agents: number): BuiltSource {
  const backends = agentBackends(spec, profile, agents);
  const kinds = unique(backends.map((b) => b.kind));
  for (const kind of kinds) {
    if (kind === 'replay' && !spec.cassette)
      throw new InputError('cassette', `profile '${profile.name}' answers from a replay cassette: give the cassette to replay`);
    if (kind !== 'openai' && kind !== 'mistral' && kind !== 'replay' && !spec.injected?.some((p) => p.kind === kind)) {
      throw new InputError('provider', `'${kind}' is not available here (profile '${profile.name}')`);
    }
  }
  const providers = new Map<string, LlmProvider>();
  const resolve = (settings: { provider: string; model: string }) => {
    const kind = spec.provider ?? settings.provider;
    const model = spec.model || settings.model;
    const key = `${kind}|${model}`;
    let provider = providers.get(key);
    if (!provider) {
      provider = createBackend(spec, kind, model);
      providers.set(key, provider);
    }
    return provider;
  };
  const source = new LlmSensor(profile, resolve, {
    seed: spec.seed ?? 1,
    ...(spec.model ? { model: spec.model } : {}),
    ...(spec.provider ? { provider: spec.provider } : {}),
    ...(spec.demo ? { simulated: true } : {}),
    structuredOutput: spec.structuredOutput !== false,
  });
  const endpoints: Record<string, string> = {};
  for (const kind of kinds)
    endpoints[kind] =
      kind === 'replay'
        ? `replay:${spec.cassette}`
        : kind === 'openai' || kind === 'mistral'
          ? redactUrl(spec.endpoints?.[kind]?.baseURL ?? '') || 'default'
          : kind;
  const injected = spec.injected ?? [];
  const snapshot: ProviderSnapshot = {
    providers: kinds,
    models: unique(backends.map((b) => b.model)),
    endpoints,
    cassette: spec.cassette ?? spec.record ?? null,
    record: spec.record !== undefined,
    seed: spec.seed ?? 1,
    reproducible: kinds.every((k) => injected.find((p) => p.kind === k)?.reproducible ?? true),
    cache: spec.cachePath !== undefined,
    ...(spec.demo ? { demo: true } : {}),
  };
  return { source, snapshot, description: unique(backends.map((b) => `${b.kind} ${b.model}`)).join(', ') };
}

function createBackend(spec: LlmSourceSpec, kind: string, model: string): LlmProvider {
  const injected = spec.injected?.find((p) => p.kind === kind);
  if (injected) return injected.create(model);
  if (kind === 'replay') return createProvider({ kind: 'replay', model, cassette: spec.cassette });
  const live = kind as ProviderKind & ('openai' | 'mistral');
  const endpoint = spec.endpoints?.[live];
  const onRetry = spec.onRetry;
  return createProvider(
    {
      kind: live,
      model,
      ...(endpoint?.baseURL ? { baseURL: endpoint.baseURL } : {}),
      // A local server without a key still needs some bearer for the SDKs.
      apiKey: endpoint?.apiKey ?? (endpoint?.baseURL ? 'no-key' : undefined),
      ...(spec.timeoutMs !== undefined ? { timeoutMs: spec.timeoutMs } : {}),
      ...(spec.maxRetries !== undefined ? { maxRetries: spec.maxRetries } : {}),
      ...(spec.concurrency !== undefined ? { concurrency: spec.concurrency } : {}),
      ...(spec.requestsPerMinute !== undefined ? { requestsPerMinute: spec.requestsPerMinute } : {}),
      ...(spec.cachePath ? { cachePath: spec.cachePath } : {}),
      ...(spec.record ? { record: true, cassette: spec.record } : {}),
      structuredOutputs: spec.structuredOutput !== false,
    },
    {
      ...(onRetry
        ? {
            onRetry: (attempt: number, delayMs: number, reason: string, info: Parameters<typeof formatRetry>[3]) =>
              onRetry(`${kind} ${model}: ${formatRetry(attempt, delayMs, reason, info)}`),
          }
        : {}),
      ...(spec.onUncacheable ? { onUncacheable: spec.onUncacheable } : {}),
    },
  );
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];
