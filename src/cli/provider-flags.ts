// Provider flags shared by `chain` and `audit`: the typed source spec (live, replay, recording or simulated) they mean.
import { InputError } from '../core/errors';
import { apiKeyFromEnv } from '../llm/api-key-env';
import { checkBaseUrl } from '../llm/create-provider';
import { agentSettings, type Profile } from '../audit/profile';
import type { LoadedProfile } from '../audit/profile-loader';
import type { SourceSpec } from '../audit/source-spec';
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
  --timeout-ms N       per-attempt timeout (default 60000)
  --max-retries N      retries per call (default 10; retrying also stops 120 s after the first attempt; every
                       retry waits at least 250 ms plus jitter, even after Retry-After: 0)
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

const LIVE_KINDS = ['openai', 'mistral'] as const;

/** The flags as a typed source spec (the engine builds the source); bad combinations are InputErrors naming the flag. */
export function sourceSpecFromFlags(
  loaded: LoadedProfile,
  values: ProviderFlagValues,
  env: Readonly<Record<string, string | undefined>>,
  options: { agents: number; concurrency?: number; allowLabelState?: boolean; log?: (line: string) => void } = { agents: 1 },
): SourceSpec {
  const { profile } = loaded;
  const seed = intFlagOptional('--seed', values.seed, 0) ?? 1;
  const kindFlag = values.provider;
  if (kindFlag !== undefined && !['openai', 'mistral', 'replay', 'simulated'].includes(kindFlag)) {
    throw new InputError('--provider', `must be openai, mistral, replay or simulated, got '${kindFlag}'`);
  }
  if (kindFlag === 'simulated') {
    if (values['true-state'] === undefined)
      throw new InputError(
        '--true-state',
        `is required with --provider simulated (a state index 0..${profile.states.length - 1}${options.allowLabelState ? ", or 'label'" : ''})`,
      );
    const trueState = values['true-state'] === 'label' && options.allowLabelState ? 'label' : trueStateIndex(values['true-state'], profile);
    return { kind: 'simulated', trueState, seed };
  }
  if (values['true-state'] !== undefined) throw new InputError('--true-state', 'only applies with --provider simulated');
  if (kindFlag === 'replay' && !values.cassette) throw new InputError('--cassette', 'is required with --provider replay');
  if (values.cassette && kindFlag !== 'replay')
    throw new InputError('--cassette', 'only applies with --provider replay (use --record FILE to record a live run)');
  if (values.record && kindFlag === 'replay') throw new InputError('--record', 'cannot record while replaying');
  if (values.cassette) requireFile(values.cassette, '--cassette');
  if (values['base-url'] !== undefined) checkBaseUrl(values['base-url'], '--base-url');
  const kindOf = (agent: number): string => {
    const kind = kindFlag ?? agentSettings(profile, agent).provider;
    if (kind === 'vscode-lm')
      throw new InputError(
        '--provider',
        `profile '${profile.name}' uses vscode-lm, which runs only inside VS Code; pass --provider openai|mistral|replay|simulated`,
      );
    return kind;
  };
  const kinds = new Set(Array.from({ length: options.agents }, (_, i) => kindOf(i + 1)));
  for (const kind of kinds) {
    if ((LIVE_KINDS as readonly string[]).includes(kind) && !apiKeyFromEnv(kind, env) && !values['base-url']) {
      throw new InputError(
        '--provider',
        `${kind} needs an API key: set ${kind === 'openai' ? 'HERDSCOPE_OPENAI_API_KEY or OPENAI_API_KEY' : 'HERDSCOPE_MISTRAL_API_KEY or MISTRAL_API_KEY'} (or --base-url for a local server)`,
      );
    }
    if (kind === 'replay' && !values.cassette)
      throw new InputError(
        '--cassette',
        `profile '${profile.name}' replays a cassette: pass --provider replay --cassette FILE, or --provider openai|mistral|simulated`,
      );
  }
  const endpoint = (kind: 'openai' | 'mistral') => ({
    ...(values['base-url'] ? { baseURL: values['base-url'] } : {}),
    ...(apiKeyFromEnv(kind, env) ? { apiKey: apiKeyFromEnv(kind, env) } : {}),
  });
  const log = options.log;
  return {
    kind: 'llm',
    ...(kindFlag ? { provider: kindFlag } : {}),
    ...(values.model ? { model: values.model } : {}),
    endpoints: { openai: endpoint('openai'), mistral: endpoint('mistral') },
    ...(values.cassette ? { cassette: values.cassette } : {}),
    ...(values.record ? { record: values.record } : {}),
    timeoutMs: intFlagOptional('--timeout-ms', values['timeout-ms'], 1),
    maxRetries: intFlagOptional('--max-retries', values['max-retries'], 0),
    requestsPerMinute: intFlagOptional('--rpm', values.rpm, 0),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(values.cache ? { cachePath: values.cache } : {}),
    structuredOutput: !values['no-structured-output'],
    seed,
    ...(log ? { onRetry: log, onUncacheable: once((message: string) => log(`warning: --${message}`)) } : {}),
  };
}

function trueStateIndex(value: string, profile: Profile): number {
  const i = Number(value);
  if (!/^\d+$/.test(value) || i >= profile.states.length)
    throw new InputError('--true-state', `must be a state index 0..${profile.states.length - 1}, got '${value}'`);
  return i;
}

/** Calls `f` the first time only (a warning repeated per request would bury the progress lines). */
function once<T extends unknown[]>(f: (...args: T) => void): (...args: T) => void {
  let done = false;
  return (...args) => {
    if (!done) f(...args);
    done = true;
  };
}
