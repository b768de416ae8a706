// The user's settings and SecretStorage keys as the engine's typed source spec: OpenAI / Mistral (keys from
// SecretStorage, endpoints from machine settings) or the VS Code Language Model API, injected as a provider.
import * as vscode from 'vscode';
import { agentSettings } from '../../audit/profile';
import type { LoadedProfile } from '../../audit/profile-loader';
import type { BatchApiSourceSpec, LiveKind, LlmSourceSpec } from '../../audit/source-spec';
import type { BatchJobProgress } from '../../llm/batch/batch-job-runner';
import { redactUrl } from '../../llm/redact';
import type { ApiKeyStore } from '../api-keys';
import { CONFIG_SECTION, KeyedProviders, SettingKeys, type KeyedProvider } from '../ids';
import type { Logger } from '../log';
import type { HerdScopeSettings } from '../settings';
import { VscodeLmProvider } from '../vscode-lm-provider';

/** A setup problem the user can fix (missing key, unsupported provider); shown as one message, no run is created. */
export class SourceSetupError extends Error {}

/** No key for a provider that needs one: the message offers "Set API Key" for it. */
export class MissingKeyError extends SourceSetupError {
  constructor(readonly provider: KeyedProvider) {
    super(
      `No ${KeyedProviders[provider].label} API key: run "HerdScope: Set API Key", pick another provider in the settings, or try "HerdScope: Run Demo" (no key needed).`,
    );
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

/** The settings and stored keys as the engine's typed source spec; setup problems are SourceSetupErrors. */
export async function sourceSpecFromSettings(loaded: LoadedProfile, options: SourceOptions): Promise<LlmSourceSpec> {
  const { settings } = options;
  const profile = loaded.profile;
  const agents = settings.agents ?? profile.agents.count;
  const kinds = new Set<string>();
  for (let agent = 1; agent <= agents; agent++) kinds.add(kindFor(agentSettings(profile, agent).provider, settings));
  const endpoints: NonNullable<LlmSourceSpec['endpoints']> = {};
  for (const kind of kinds) {
    if (kind !== 'openai' && kind !== 'mistral') continue;
    const customEndpoint = kind === 'openai' ? settings.openaiBaseUrl : settings.mistralServerUrl;
    checkEndpointSetting(kind, customEndpoint);
    const key = await options.keys.get(kind);
    if (!key && !customEndpoint) throw new MissingKeyError(kind);
    endpoints[kind] = { ...(customEndpoint ? { baseURL: customEndpoint } : {}), ...(key ? { apiKey: key } : {}) };
  }
  return {
    kind: 'llm',
    ...(settings.provider !== 'profile' ? { provider: settings.provider } : {}),
    ...(settings.model ? { model: settings.model } : {}),
    endpoints,
    injected: [{ kind: 'vscode-lm', create: () => new VscodeLmProvider(), reproducible: false }],
    timeoutMs: settings.timeoutMs,
    concurrency: settings.concurrency,
    requestsPerMinute: settings.requestsPerMinute,
    ...(settings.cacheEnabled ? { cachePath: options.cacheDir } : {}),
    onRetry: (line) => options.log?.warn('Provider', line),
    onUncacheable: (message) => warnUncacheable(message, options.log),
  };
}

/** The provider's batch API for a sensor-mode dataset audit: the SecretStorage key and the same endpoint settings as live calls. */
export async function batchApiSpecFromSettings(
  kind: LiveKind,
  options: SourceOptions & {
    pollSeconds?: number;
    onBatchProgress?: (progress: BatchJobProgress) => void;
    onBatchEvent?: (line: string) => void;
  },
): Promise<BatchApiSourceSpec> {
  const { settings } = options;
  const customEndpoint = kind === 'openai' ? settings.openaiBaseUrl : settings.mistralServerUrl;
  checkEndpointSetting(kind, customEndpoint);
  const key = await options.keys.get(kind);
  if (!key && !customEndpoint) throw new MissingKeyError(kind);
  return {
    kind: 'batch-api',
    provider: {
      kind,
      ...(customEndpoint ? { baseURL: customEndpoint } : {}),
      ...(key ? { apiKey: key } : {}),
      timeoutMs: settings.timeoutMs,
    },
    ...(settings.model ? { model: settings.model } : {}),
    ...(options.pollSeconds !== undefined ? { pollSeconds: options.pollSeconds } : {}),
    ...(options.onBatchProgress ? { onBatchProgress: options.onBatchProgress } : {}),
    onBatchEvent: (line) => {
      options.log?.info('Batch API', line);
      options.onBatchEvent?.(line);
    },
  };
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
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SourceSetupError(`${setting}: must be an http(s) URL, got ${url.protocol}`);
  if (url.username || url.password)
    throw new SourceSetupError(`${setting}: must not contain credentials (user:password@); store the key with "HerdScope: Set API Key".`);
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
  if (kind === 'replay')
    throw new SourceSetupError(
      'This profile answers from a replay cassette, which the extension only uses for the demo; set HerdScope › Provider to openai, mistral or vscode-lm, or use the CLI with --cassette.',
    );
  return kind;
}
