// Provider flags shared by `chain` and `audit`: build the agents' observation source (live, replay, recording or simulated).
import { InputError } from '../core/errors';
import { apiKeyFromEnv } from '../llm/api-key-env';
import { formatRetry } from '../llm/retry';
import { checkBaseUrl, createProvider, type ConfiguredProvider, type ProviderConfig, type ProviderKind } from '../llm/create-provider';
import { LlmSensor } from '../audit/llm-sensor';
import type { ObservationSource } from '../audit/observation-source';
import { agentSettings, type Profile } from '../audit/profile';
import type { LoadedProfile } from '../audit/profile-loader';
import type { ProviderSnapshot } from '../audit/run-types';
import { SimulatedSensor } from '../audit/simulated-sensor';
import { requireFile } from './input-files';
import { intFlagOptional } from './int-flag';

export const providerFlagOptions = {
  provider: { type: 'string' },
  model: { type: 'string' },
  'base-url': { type: 'string' },
  cassette: { type: 'string' },
  record: { type: 'string' },
  'true-state': { type: 'string' },
  seed: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'max-retries': { type: 'string' },
  rpm: { type: 'string' },
  cache: { type: 'string' },
  'no-structured-output': { type: 'boolean', default: false },
} as const;

export const providerFlagsUsage = `Provider (default: the profile's agents.provider and model):
  --provider KIND      openai | mistral | replay | simulated
  --model NAME         model for every agent (overrides the profile)
  --base-url URL       OpenAI-compatible base URL (e.g. http://localhost:11434/v1 for Ollama) or Mistral server URL
  --cassette FILE      replay: answer from this recorded cassette (no network)
  --record FILE        live run: append every answer to this cassette, for offline re-runs with --provider replay
  --true-state I|label simulated: draw observations y ~ B[x] for state index I (or each dataset row's label)
  --seed N             simulated draws and text perturbations (default 1)
  --timeout-ms N       per-attempt timeout (default 60000)     --max-retries N   retries (default 4)
  --rpm N              requests per minute per endpoint        --cache DIR       on-disk response cache
  --no-structured-output  never send a JSON schema (for servers that reject response_format)
API keys come only from the environment: HERDSCOPE_OPENAI_API_KEY or OPENAI_API_KEY, HERDSCOPE_MISTRAL_API_KEY or MISTRAL_API_KEY.`;

export type ProviderFlagValues = {
  provider?: string;
  model?: string;
  'base-url'?: string;
  cassette?: string;
  record?: string;
  'true-state'?: string;
  seed?: string;
  'timeout-ms'?: string;
  'max-retries'?: string;
  rpm?: string;
  cache?: string;
  'no-structured-output'?: boolean;
};

export interface BuiltSource {
  source: ObservationSource;
  /** What to store beside the run: kinds, models, endpoints, cassette; never a key. */
  snapshot: ProviderSnapshot;
}

const LIVE_KINDS = ['openai', 'mistral'] as const;

export function buildObservationSource(
  loaded: LoadedProfile,
  values: ProviderFlagValues,
  env: Readonly<Record<string, string | undefined>>,
  options: { agents: number; allowLabelState?: boolean; log?: (line: string) => void } = { agents: 1 },
): BuiltSource {
  const { profile, model } = loaded;
  const seed = intFlagOptional('--seed', values.seed, 0) ?? 1;
  const kindFlag = values.provider;
  if (kindFlag !== undefined && !['openai', 'mistral', 'replay', 'simulated'].includes(kindFlag)) {
    throw new InputError('--provider', `must be openai, mistral, replay or simulated, got '${kindFlag}'`);
  }
  if (kindFlag === 'simulated') {
    if (values['true-state'] === undefined) throw new InputError('--true-state', `is required with --provider simulated (a state index 0..${profile.states.length - 1}${options.allowLabelState ? ", or 'label'" : ''})`);
    const trueState = values['true-state'] === 'label' && options.allowLabelState ? 'label' : trueStateIndex(values['true-state'], profile);
    return { source: new SimulatedSensor(profile, model, { trueState, seed }), snapshot: { kind: 'simulated', trueState: String(trueState), seed } };
  }
  if (values['true-state'] !== undefined) throw new InputError('--true-state', 'only applies with --provider simulated');
  if (kindFlag === 'replay' && !values.cassette) throw new InputError('--cassette', 'is required with --provider replay');
  if (values.cassette && kindFlag !== 'replay') throw new InputError('--cassette', 'only applies with --provider replay (use --record FILE to record a live run)');
  if (values.record && kindFlag === 'replay') throw new InputError('--record', 'cannot record while replaying');
  if (values.cassette) requireFile(values.cassette, '--cassette');
  if (values['base-url'] !== undefined) checkBaseUrl(values['base-url'], '--base-url');
  const common = {
    baseURL: values['base-url'],
    timeoutMs: intFlagOptional('--timeout-ms', values['timeout-ms'], 1),
    maxRetries: intFlagOptional('--max-retries', values['max-retries'], 0),
    requestsPerMinute: intFlagOptional('--rpm', values.rpm, 0),
    cachePath: values.cache,
  };
  const kindOf = (agent: number): ProviderKind => {
    const kind = kindFlag ?? agentSettings(profile, agent).provider;
    if (kind === 'vscode-lm') throw new InputError('--provider', `profile '${profile.name}' uses vscode-lm, which runs only inside VS Code; pass --provider openai|mistral|replay|simulated`);
    return kind as ProviderKind;
  };
  const kinds = new Set(Array.from({ length: options.agents }, (_, i) => kindOf(i + 1)));
  for (const kind of kinds) {
    if ((LIVE_KINDS as readonly string[]).includes(kind) && !apiKeyFromEnv(kind, env) && !values['base-url']) {
      throw new InputError('--provider', `${kind} needs an API key: set ${kind === 'openai' ? 'HERDSCOPE_OPENAI_API_KEY or OPENAI_API_KEY' : 'HERDSCOPE_MISTRAL_API_KEY or MISTRAL_API_KEY'} (or --base-url for a local server)`);
    }
  }
  const providers = new Map<string, ConfiguredProvider>();
  let warned = false;
  const warnOnce = (message: string) => {
    if (!warned) options.log?.(`warning: --${message}`);
    warned = true;
  };
  const resolve = (settings: { model: string }, agent: number) => {
    const kind = kindOf(agent);
    const key = `${kind}|${settings.model}`;
    let provider = providers.get(key);
    if (!provider) {
      const config: ProviderConfig = kind === 'replay'
        ? { kind, model: settings.model, cassette: values.cassette }
        : { kind, model: settings.model, apiKey: apiKeyFromEnv(kind, env), ...common, ...(values.record ? { record: true, cassette: values.record } : {}), structuredOutputs: !values['no-structured-output'] };
      const log = options.log;
      provider = createProvider(config, log ? { onRetry: (attempt, delayMs, reason, info) => log(`${kind} ${settings.model}: ${formatRetry(attempt, delayMs, reason, info)}`), onUncacheable: warnOnce } : {});
      providers.set(key, provider);
    }
    return provider;
  };
  const source = new LlmSensor(profile, resolve, { seed, model: values.model, structuredOutput: !values['no-structured-output'] });
  const snapshot: ProviderSnapshot = {
    kind: [...kinds].join('+'),
    model: values.model ?? agentSettings(profile, 1).model,
    baseURL: kindFlag === 'replay' ? null : (values['base-url'] ?? null),
    cassette: values.cassette ?? values.record ?? null,
    record: values.record !== undefined,
    seed,
  };
  return { source, snapshot };
}

function trueStateIndex(value: string, profile: Profile): number {
  const i = Number(value);
  if (!/^\d+$/.test(value) || i >= profile.states.length) throw new InputError('--true-state', `must be a state index 0..${profile.states.length - 1}, got '${value}'`);
  return i;
}
