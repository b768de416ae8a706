// `audit --batch-api [--batch-poll-seconds S]`: the flags, their checks, and the one call that runs the audit through
// the provider's batch API instead of live calls.
import { type BatchApiAuditInput, type BatchApiProviderSettings, INTERACTING_CANNOT_BATCH, runAuditThroughBatchApi } from '../audit/batch-api/run-through-batch-api';
import type { BatchResult } from '../audit/batch-runner';
import type { Profile } from '../audit/profile';
import { agentSettings } from '../audit/profile';
import { InputError } from '../core/errors';
import { apiKeyFromEnv } from '../llm/api-key-env';
import type { ProviderFlagValues } from './provider-flags';
import { intFlagOptional } from './int-flag';

export const batchApiFlagOptions = {
  'batch-api': { type: 'boolean', default: false },
  'batch-poll-seconds': { type: 'string' },
} as const;

export const batchApiUsage = `  --batch-api            sensor mode, openai or mistral: send the LLM calls through the provider's batch API
                         (OpenAI Batch / Mistral batch jobs, half price); --resume continues polling the same batches
  --batch-poll-seconds S seconds between batch status polls (default 30; fractions allowed)`;

export interface BatchApiFlags {
  provider: BatchApiProviderSettings;
  pollSeconds: number;
  sensor: { seed: number; model?: string; structuredOutput: boolean };
  record?: string;
}

/** null without --batch-api; otherwise the checked settings, or an InputError naming the flag. */
export function readBatchApiFlags(
  values: ProviderFlagValues & { 'batch-api'?: boolean; 'batch-poll-seconds'?: string },
  profile: Profile,
  env: Readonly<Record<string, string | undefined>>,
): BatchApiFlags | null {
  if (!values['batch-api']) {
    if (values['batch-poll-seconds'] !== undefined) throw new InputError('--batch-poll-seconds', 'only applies with --batch-api');
    return null;
  }
  if (profile.mode === 'interacting') throw new InputError('--batch-api', INTERACTING_CANNOT_BATCH);
  const kind = values.provider ?? agentSettings(profile, 1).provider;
  if (kind !== 'openai' && kind !== 'mistral') throw new InputError('--batch-api', `needs --provider openai or mistral (the provider is ${kind})`);
  if (values.cache) throw new InputError('--cache', 'does not apply with --batch-api (answers are kept in the run directory)');
  const pollText = values['batch-poll-seconds'];
  const pollSeconds = pollText === undefined ? 30 : Number(pollText);
  if (!(Number.isFinite(pollSeconds) && pollSeconds > 0 && pollSeconds <= 86_400)) throw new InputError('--batch-poll-seconds', `must be a number of seconds > 0, got '${pollText}'`);
  return {
    provider: {
      kind,
      baseURL: values['base-url'],
      apiKey: apiKeyFromEnv(kind, env),
      timeoutMs: intFlagOptional('--timeout-ms', values['timeout-ms'], 1),
      maxRetries: intFlagOptional('--max-retries', values['max-retries'], 0),
      structuredOutputs: !values['no-structured-output'],
    },
    pollSeconds,
    sensor: { seed: intFlagOptional('--seed', values.seed, 0) ?? 1, model: values.model, structuredOutput: !values['no-structured-output'] },
    record: values.record,
  };
}

/** The progress line for one poll: each batch's provider status and request counts. */
export function batchProgressLine(progress: { batches: Array<{ id: string; status: string; total: number; completed: number; failed: number }>; answered: number; total: number }): string {
  const batches = progress.batches.map((b) => `${b.id} ${b.status} ${b.completed}/${b.total}${b.failed ? ` (${b.failed} failed)` : ''}`).join(', ');
  return `batch-api: ${batches}; ${progress.answered} of ${progress.total} requests answered`;
}

/** The seam the audit command calls: everything but the flags comes from the run being created or resumed. */
export function auditThroughBatchApi(
  flags: BatchApiFlags,
  run: Omit<BatchApiAuditInput, 'provider' | 'sensor' | 'record' | 'pollSeconds' | 'onBatchProgress' | 'onEvent'>,
  log: (line: string) => void,
): Promise<BatchResult> {
  return runAuditThroughBatchApi({
    ...run,
    provider: flags.provider,
    sensor: flags.sensor,
    record: flags.record,
    pollSeconds: flags.pollSeconds,
    onBatchProgress: (progress) => log(batchProgressLine(progress)),
    onEvent: (line) => log(`batch-api: ${line}`),
  });
}
