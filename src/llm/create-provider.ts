// The one way the CLI, the chain runner and the extension build a provider from configuration.
import { InputError } from '../core/errors';
import { CachingProvider, ResponseCache } from './cache';
import type { Clock } from './clock';
import type { ModelPrice } from './cost';
import { MISTRAL_DEFAULT_SERVER_URL, MistralProvider } from './mistral-provider';
import { OPENAI_DEFAULT_BASE_URL, OpenAIProvider } from './openai-provider';
import type { LlmProvider } from './provider';
import { sharedRateLimiter } from './rate-limit';
import { redact } from './redact';
import { RedactingProvider } from './redacting-provider';
import { CassetteReplayProvider, RecordingProvider } from './replay';
import { DEFAULT_MAX_RETRIES, type OnRetry } from './retry';

export type ProviderKind = 'openai' | 'mistral' | 'replay';

export interface ProviderConfig {
  kind: ProviderKind;
  /** OpenAI-compatible base URL (…/v1), or the Mistral server root. */
  baseURL?: string;
  /** From the caller (env var in the CLI, SecretStorage in the extension); never logged or stored. */
  apiKey?: string;
  model: string;
  /** Per-attempt timeout; default 60 s. */
  timeoutMs?: number;
  /** Retries after the first attempt; default 10 (and at most DEFAULT_MAX_RETRY_TIME_MS of retrying). */
  maxRetries?: number;
  /** Requests in flight per endpoint; default 4. */
  concurrency?: number;
  /** Requests per minute per endpoint; default 0 (no limit). */
  requestsPerMinute?: number;
  /** Directory of the on-disk response cache (off when absent). */
  cachePath?: string;
  cacheTtlMs?: number;
  /** Cache answers even at temperature > 0. */
  forceCache?: boolean;
  /** Replay: the cassette to answer from. Live kinds with record: the cassette to append to. */
  cassette?: string;
  record?: boolean;
  /** OpenAI: ask for structured outputs when a request has a schema (default true). */
  structuredOutputs?: boolean;
}

export interface ProviderHooks {
  onRetry?: OnRetry;
  clock?: Clock;
  random?: () => number;
  prices?: Readonly<Record<string, ModelPrice>>;
  /** The cache is on but a request's temperature keeps it out (told once per provider). */
  onUncacheable?: (message: string) => void;
}

export interface ConfiguredProvider extends LlmProvider {
  /** The configured model, for requests. */
  readonly model: string;
  /** Where requests go ("replay:<cassette>" for replays). */
  readonly endpoint: string;
}

export function createProvider(config: ProviderConfig, hooks: ProviderHooks = {}): ConfiguredProvider {
  validate(config);
  if (config.kind === 'replay') {
    return withInfo(new CassetteReplayProvider(config.cassette as string), config.model, `replay:${config.cassette}`);
  }
  const endpoint = (config.baseURL ?? (config.kind === 'openai' ? OPENAI_DEFAULT_BASE_URL : MISTRAL_DEFAULT_SERVER_URL)).replace(
    /\/+$/,
    '',
  );
  const policy = {
    timeoutMs: config.timeoutMs ?? 60_000,
    maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
    gate: sharedRateLimiter(`${config.kind}|${endpoint}`, {
      concurrency: config.concurrency ?? 4,
      requestsPerMinute: config.requestsPerMinute ?? 0,
      clock: hooks.clock,
    }),
    onRetry: hooks.onRetry,
    clock: hooks.clock,
    random: hooks.random,
  };
  let provider: LlmProvider =
    config.kind === 'openai'
      ? new OpenAIProvider({
          ...policy,
          baseURL: endpoint,
          apiKey: config.apiKey,
          structuredOutputs: config.structuredOutputs,
          prices: hooks.prices,
        })
      : new MistralProvider({ ...policy, serverURL: endpoint, apiKey: config.apiKey, prices: hooks.prices });
  provider = new RedactingProvider(provider, [config.apiKey]);
  if (config.cachePath) {
    provider = new CachingProvider(provider, new ResponseCache(config.cachePath, { ttlMs: config.cacheTtlMs, clock: hooks.clock }), {
      endpoint,
      force: config.forceCache,
      clock: hooks.clock,
      onUncacheable: hooks.onUncacheable,
    });
  }
  if (config.record) provider = new RecordingProvider(provider, config.cassette as string, { clock: hooks.clock });
  return withInfo(provider, config.model, endpoint);
}

/** The configuration with the key replaced, safe to log or store beside a run. */
export function publicProviderConfig(config: ProviderConfig): Omit<ProviderConfig, 'apiKey'> & { apiKey?: '[set]' } {
  const { apiKey, ...rest } = config;
  return apiKey ? { ...rest, apiKey: '[set]' } : rest;
}

function withInfo(provider: LlmProvider, model: string, endpoint: string): ConfiguredProvider {
  return { id: provider.id, model, endpoint, complete: (request) => provider.complete(request) };
}

function validate(config: ProviderConfig): void {
  if (!['openai', 'mistral', 'replay'].includes(config.kind))
    throw new InputError('provider.kind', `must be openai, mistral or replay, got ${JSON.stringify(config.kind)}`);
  if (typeof config.model !== 'string' || config.model.trim() === '')
    throw new InputError('provider.model', 'must be a non-empty model name');
  if (config.baseURL !== undefined) checkBaseUrl(config.baseURL, 'provider.baseURL');
  positiveInteger('provider.timeoutMs', config.timeoutMs, 1);
  positiveInteger('provider.maxRetries', config.maxRetries, 0);
  positiveInteger('provider.concurrency', config.concurrency, 1);
  if (config.requestsPerMinute !== undefined && !(Number.isFinite(config.requestsPerMinute) && config.requestsPerMinute >= 0)) {
    throw new InputError('provider.requestsPerMinute', `must be a number ≥ 0, got ${config.requestsPerMinute}`);
  }
  if (config.cacheTtlMs !== undefined && !(config.cacheTtlMs >= 0))
    throw new InputError('provider.cacheTtlMs', `must be ≥ 0, got ${config.cacheTtlMs}`);
  if (config.kind === 'replay') {
    if (!config.cassette) throw new InputError('provider.cassette', 'a replay provider needs the cassette file to answer from');
    if (config.record) throw new InputError('provider.record', 'cannot record while replaying');
  }
  if (config.record && !config.cassette) throw new InputError('provider.cassette', 'recording needs a cassette file to append to');
}

/** Call before a run is created: an endpoint URL must be http(s) and carry no credentials, which would otherwise be stored with the run. */
export function checkBaseUrl(value: string, field: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(field, `not a URL: ${JSON.stringify(redact(value))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(field, 'must be an http(s) URL');
  if (url.username || url.password)
    throw new InputError(field, 'must not contain credentials (user:password@); pass the API key separately');
}

function positiveInteger(field: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min))
    throw new InputError(field, `must be an integer ≥ ${min}, got ${value}`);
}
