// Builds the agents' observation source from the profile and the user's settings: OpenAI / Mistral through the shared
// provider factory (keys from SecretStorage) or the VS Code Language Model API; and the demo's replay source.
import * as vscode from 'vscode';
import { loadDemo, type Demo } from '../../audit/demo';
import { LlmSensor, type ProviderResolver } from '../../audit/llm-sensor';
import { agentSettings } from '../../audit/profile';
import type { LoadedProfile } from '../../audit/profile-loader';
import type { ProviderSnapshot } from '../../audit/run-types';
import { createProvider, type ProviderKind } from '../../llm/create-provider';
import type { LlmProvider } from '../../llm/provider';
import { redactUrl } from '../../llm/redact';
import { formatRetry } from '../../llm/retry';
import type { ApiKeyStore } from '../api-keys';
import { CONFIG_SECTION, KeyedProviders, SettingKeys, type KeyedProvider } from '../ids';
import type { Logger } from '../log';
import type { HerdScopeSettings } from '../settings';
import { VscodeLmProvider } from '../vscode-lm-provider';

export interface AgentSource {
  sensor: LlmSensor;
  /** What the run records about its providers: kinds, models, endpoints; never a key. */
  snapshot: ProviderSnapshot;
}

/** A setup problem the user can fix (missing key, unsupported provider); shown as one message, no run is created. */
export class SourceSetupError extends Error {}

/** No key for a provider that needs one: the message offers "Set API Key" for it. */
export class MissingKeyError extends SourceSetupError {
  constructor(readonly provider: KeyedProvider) {
    super(`No ${KeyedProviders[provider].label} API key: run "HerdScope: Set API Key", pick another provider in the settings, or try "HerdScope: Run Demo" (no key needed).`);
  }
}

export interface SourceOptions {
  settings: HerdScopeSettings;
  keys: ApiKeyStore;
  /** Directory of the response cache (used when settings.cacheEnabled). */
  cacheDir: string;
  /** Receives one line per retry ("retrying 2/5 in 3 s: …"). */
  log?: Logger;
}

export async function buildAgentSource(loaded: LoadedProfile, options: SourceOptions): Promise<AgentSource> {
  const { settings } = options;
  const profile = loaded.profile;
  const kinds = new Set<string>();
  for (let agent = 1; agent <= profile.agents.count; agent++) kinds.add(kindFor(agentSettings(profile, agent).provider, settings));
  const keys: Partial<Record<string, string>> = {};
  for (const kind of kinds) {
    if (kind !== 'openai' && kind !== 'mistral') continue;
    checkEndpointSetting(kind, kind === 'openai' ? settings.openaiBaseUrl : settings.mistralServerUrl);
    const key = await options.keys.get(kind);
    const customEndpoint = kind === 'openai' ? settings.openaiBaseUrl : settings.mistralServerUrl;
    if (!key && !customEndpoint) throw new MissingKeyError(kind);
    keys[kind] = key;
  }
  const providers = new Map<string, LlmProvider>();
  const resolve: ProviderResolver = (agentConfig) => {
    const kind = kindFor(agentConfig.provider, settings);
    const model = settings.model || agentConfig.model;
    const cacheKey = `${kind}|${model}`;
    let provider = providers.get(cacheKey);
    if (!provider) {
      provider = kind === 'vscode-lm' ? new VscodeLmProvider() : createProvider({
        kind: kind as ProviderKind,
        model,
        ...(kind === 'openai' && settings.openaiBaseUrl ? { baseURL: settings.openaiBaseUrl } : {}),
        ...(kind === 'mistral' && settings.mistralServerUrl ? { baseURL: settings.mistralServerUrl } : {}),
        ...(keys[kind] ? { apiKey: keys[kind] } : kind === 'openai' || kind === 'mistral' ? { apiKey: 'no-key' } : {}),
        timeoutMs: settings.timeoutMs,
        concurrency: settings.concurrency,
        requestsPerMinute: settings.requestsPerMinute,
        ...(settings.cacheEnabled ? { cachePath: options.cacheDir } : {}),
      }, {
        onRetry: (attempt, delayMs, reason, info) => options.log?.warn('Provider', `${kind} ${model}: ${formatRetry(attempt, delayMs, reason, info)}`),
        onUncacheable: (message) => warnUncacheable(message, options.log),
      });
      providers.set(cacheKey, provider);
    }
    return provider;
  };
  const sensor = new LlmSensor(profile, resolve, settings.model ? { model: settings.model } : {});
  const snapshot: ProviderSnapshot = {
    providers: [...kinds].join(', '),
    model: settings.model || profile.agents.model,
    reproducible: !kinds.has('vscode-lm'),
    openaiBaseUrl: kinds.has('openai') ? redactUrl(settings.openaiBaseUrl) || 'default' : null,
    mistralServerUrl: kinds.has('mistral') ? redactUrl(settings.mistralServerUrl) || 'default' : null,
    cache: settings.cacheEnabled,
  };
  return { sensor, snapshot };
}

/** A bad endpoint setting stops the audit before a run exists, naming the setting; credentials are never echoed. */
export function checkEndpointSetting(kind: 'openai' | 'mistral', value: string): void {
  if (value === '') return;
  const setting = `${CONFIG_SECTION}.${kind === 'openai' ? SettingKeys.openaiBaseUrl : SettingKeys.mistralServerUrl}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SourceSetupError(`${setting}: '${redactUrl(value)}' is not a URL (expected e.g. http://127.0.0.1:11434/v1).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SourceSetupError(`${setting}: must be an http(s) URL, got ${url.protocol}`);
  if (url.username || url.password) throw new SourceSetupError(`${setting}: must not contain credentials (user:password@); store the key with "HerdScope: Set API Key".`);
}

let uncacheableShown = false;

/** herdscope.cache.enabled does nothing at temperature > 0: logged each time, shown as a notification once a session. */
function warnUncacheable(message: string, log: Logger | undefined): void {
  log?.warn('Cache', message);
  if (uncacheableShown) return;
  uncacheableShown = true;
  void vscode.window.showWarningMessage(`HerdScope ${message} (herdscope.cache.enabled is on).`);
}

function kindFor(profileKind: string, settings: HerdScopeSettings): string {
  const kind = settings.provider === 'profile' ? profileKind : settings.provider;
  if (kind === 'replay') throw new SourceSetupError('This profile answers from a replay cassette, which the extension only uses for the demo; set HerdScope › Provider to openai, mistral or vscode-lm, or use the CLI with --cassette.');
  return kind;
}

/** The offline demo: the hand-written answers of demo/cassette.jsonl, replayed; every step is labelled simulated. */
export async function demoSource(demoDir: string): Promise<{ demo: Demo; sensor: LlmSensor; snapshot: ProviderSnapshot }> {
  const demo = await loadDemo(demoDir);
  const provider = createProvider({ kind: 'replay', model: demo.loaded.profile.agents.model, cassette: demo.cassette });
  const sensor = new LlmSensor(demo.loaded.profile, () => provider, { simulated: true });
  return { demo, sensor, snapshot: { providers: 'replay', model: demo.loaded.profile.agents.model, replay: 'demo/cassette.jsonl (hand-written answers)', demo: true, reproducible: true } };
}
