// Builds the agents' observation source from the profile and the user's settings: OpenAI / Mistral through the shared
// provider factory (keys from SecretStorage) or the VS Code Language Model API; and the demo's replay source.
import { loadDemo, type Demo } from '../../audit/demo';
import { LlmSensor, type ProviderResolver } from '../../audit/llm-sensor';
import { agentSettings } from '../../audit/profile';
import type { LoadedProfile } from '../../audit/profile-loader';
import type { ProviderSnapshot } from '../../audit/run-types';
import { createProvider, type ProviderKind } from '../../llm/create-provider';
import type { LlmProvider } from '../../llm/provider';
import type { ApiKeyStore } from '../api-keys';
import { KeyedProviders } from '../ids';
import type { HerdScopeSettings } from '../settings';
import { VscodeLmProvider } from '../vscode-lm-provider';

export interface AgentSource {
  sensor: LlmSensor;
  /** What the run records about its providers: kinds, models, endpoints; never a key. */
  snapshot: ProviderSnapshot;
}

/** A setup problem the user can fix (missing key, unsupported provider); shown as one message, no run is created. */
export class SourceSetupError extends Error {}

export interface SourceOptions {
  settings: HerdScopeSettings;
  keys: ApiKeyStore;
  /** Directory of the response cache (used when settings.cacheEnabled). */
  cacheDir: string;
}

export async function buildAgentSource(loaded: LoadedProfile, options: SourceOptions): Promise<AgentSource> {
  const { settings } = options;
  const profile = loaded.profile;
  const kinds = new Set<string>();
  for (let agent = 1; agent <= profile.agents.count; agent++) kinds.add(kindFor(agentSettings(profile, agent).provider, settings));
  const keys: Partial<Record<string, string>> = {};
  for (const kind of kinds) {
    if (kind !== 'openai' && kind !== 'mistral') continue;
    const key = await options.keys.get(kind);
    const customEndpoint = kind === 'openai' ? settings.openaiBaseUrl : settings.mistralServerUrl;
    if (!key && !customEndpoint) throw new SourceSetupError(`No ${KeyedProviders[kind].label} API key: run "HerdScope: Set API Key", pick another provider in the settings, or try "HerdScope: Run Demo" (no key needed).`);
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
    openaiBaseUrl: kinds.has('openai') ? settings.openaiBaseUrl || 'default' : null,
    mistralServerUrl: kinds.has('mistral') ? settings.mistralServerUrl || 'default' : null,
    cache: settings.cacheEnabled,
  };
  return { sensor, snapshot };
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
