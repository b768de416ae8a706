// `audit --batch-api [--batch-poll-seconds S]`: the flags, their checks, and the batch-API source spec they mean.
import { batchProgressText, INTERACTING_CANNOT_BATCH } from '../audit/batch-api/batch-api-source';
import type { Profile } from '../audit/profile';
import { agentSettings } from '../audit/profile';
import type { BatchApiSourceSpec, LiveKind } from '../audit/source-spec';
import { InputError } from '../core/errors';
import { apiKeyFromEnv } from '../llm/api-key-env';
import type { BatchJobProgress } from '../llm/batch/batch-job-runner';
import { checkBaseUrl } from '../llm/create-provider';
import type { ProviderFlagValues } from './provider-flags';
import { intFlagOptional } from './int-flag';

export const batchApiFlagOptions = {
  'batch-api': { type: 'boolean', default: false },
  'batch-poll-seconds': { type: 'string' },
} as const;

export const batchApiUsage = `  --batch-api            sensor mode, openai or mistral: send the LLM calls through the provider's batch API
                         (OpenAI Batch / Mistral batch jobs, half price); --resume continues polling the same batches
                         (a run started with --batch-api resumes through it without the flag)
  --batch-poll-seconds S seconds between batch status polls (default 30; fractions allowed)`;

/**
 * null without --batch-api (and not resuming a batch-API run); otherwise the checked spec, or an InputError naming the
 * flag. `resumed` is the batch API the resumed run used (its snapshot).
 */
export function readBatchApiFlags(
  values: ProviderFlagValues & { 'batch-api'?: boolean; 'batch-poll-seconds'?: string },
  profile: Profile,
  env: Readonly<Record<string, string | undefined>>,
  options: { resumed?: LiveKind; log?: (line: string) => void } = {},
): BatchApiSourceSpec | null {
  if (!values['batch-api'] && !options.resumed) {
    if (values['batch-poll-seconds'] !== undefined) throw new InputError('--batch-poll-seconds', 'only applies with --batch-api');
    return null;
  }
  if (profile.mode === 'interacting') throw new InputError('--batch-api', INTERACTING_CANNOT_BATCH);
  const kind = values.provider ?? options.resumed ?? agentSettings(profile, 1).provider;
  if (kind !== 'openai' && kind !== 'mistral')
    throw new InputError('--batch-api', `needs --provider openai or mistral (the provider is ${kind})`);
  if (values.cache) throw new InputError('--cache', 'does not apply with --batch-api (answers are kept in the run directory)');
  if (values.cassette) throw new InputError('--cassette', 'does not apply with --batch-api');
  if (values['true-state'] !== undefined) throw new InputError('--true-state', 'only applies with --provider simulated');
  const pollText = values['batch-poll-seconds'];
  const pollSeconds = pollText === undefined ? 30 : Number(pollText);
  if (!(Number.isFinite(pollSeconds) && pollSeconds > 0 && pollSeconds <= 86_400))
    throw new InputError('--batch-poll-seconds', `must be a number of seconds > 0, got '${pollText}'`);
  if (values['base-url'] !== undefined) checkBaseUrl(values['base-url'], '--base-url');
  const apiKey = apiKeyFromEnv(kind, env);
  if (!apiKey && !values['base-url'])
    throw new InputError(
      '--provider',
      `${kind} needs an API key: set ${kind === 'openai' ? 'HERDSCOPE_OPENAI_API_KEY or OPENAI_API_KEY' : 'HERDSCOPE_MISTRAL_API_KEY or MISTRAL_API_KEY'} (or --base-url for a local server)`,
    );
  const log = options.log;
  return {
    kind: 'batch-api',
    provider: {
      kind,
      ...(values['base-url'] ? { baseURL: values['base-url'] } : {}),
      ...(apiKey ? { apiKey } : {}),
      timeoutMs: intFlagOptional('--timeout-ms', values['timeout-ms'], 1),
      maxRetries: intFlagOptional('--max-retries', values['max-retries'], 0),
    },
    ...(values.model ? { model: values.model } : {}),
    pollSeconds,
    structuredOutput: !values['no-structured-output'],
    seed: intFlagOptional('--seed', values.seed, 0) ?? 1,
    ...(values.record ? { record: values.record } : {}),
    ...(log
      ? {
          onBatchProgress: (progress: BatchJobProgress) => log(batchProgressLine(progress)),
          onBatchEvent: (line: string) => log(`batch-api: ${line}`),
        }
      : {}),
  };
}

/** The progress line for one poll: each batch's provider status and request counts. */
export function batchProgressLine(progress: BatchJobProgress): string {
  return `batch-api: ${batchProgressText(progress)}`;
}
