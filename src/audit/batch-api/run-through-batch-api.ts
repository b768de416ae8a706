// A sensor-mode dataset audit whose LLM calls go through the provider's batch API: collect every (item, agent) answer
// first (resumable, cancellable), then run the Bayesian recursion locally per item in agent order with the usual runner.
import { InputError } from '../../core/errors';
import type { DecisionModel } from '../../core/model';
import type { BatchApiClient, BatchLimits } from '../../llm/batch/batch-api';
import { type BatchJobProgress, runBatchJob } from '../../llm/batch/batch-job-runner';
import { MistralBatchClient } from '../../llm/batch/mistral-batch-client';
import { OpenAIBatchClient } from '../../llm/batch/openai-batch-client';
import { CassetteWriter } from '../../llm/cassette';
import { type BatchProgress, type BatchResult, runBatch } from '../batch-runner';
import type { DatasetRow } from '../dataset';
import type { Profile } from '../profile';
import type { RunStore } from '../run-store';
import { BatchObservationSource } from './batch-observation-source';
import { batchRequests } from './batch-requests';

export interface BatchApiProviderSettings {
  kind: 'openai' | 'mistral';
  /** The same --base-url (OpenAI) / server URL (Mistral) as live calls. */
  baseURL?: string;
  /** From the environment or SecretStorage; never stored. */
  apiKey?: string;
  timeoutMs?: number;
  /** Retries of each batch API call, and follow-up submissions of each failed line. */
  maxRetries?: number;
  structuredOutputs?: boolean;
}

export interface BatchApiAuditInput {
  store: RunStore;
  runId: string;
  rows: readonly DatasetRow[];
  profile: Profile;
  model: DecisionModel;
  agents: number;
  /** Items already finished (prepareResume). */
  completed?: ReadonlySet<number>;
  provider: BatchApiProviderSettings;
  /** As the live sensor: seed for text perturbations, model override, structured output. */
  sensor: { seed?: number; model?: string; structuredOutput?: boolean };
  /** Cassette to append every answer to (the live --record). */
  record?: string;
  /** Seconds between polls (default 30). */
  pollSeconds?: number;
  /** Per-batch limits (default: the provider's). */
  limits?: BatchLimits;
  /** Items run through the chain at once once the answers are in (default 2). */
  concurrency?: number;
  signal?: AbortSignal;
  onBatchProgress?: (progress: BatchJobProgress) => void;
  onEvent?: (line: string) => void;
  onProgress?: (progress: BatchProgress) => void;
  /** For tests: a client other than the provider's real one. */
  client?: BatchApiClient;
}

export const INTERACTING_CANNOT_BATCH = 'interacting mode cannot use a batch API: each agent needs its predecessors\' actions (use sensor mode, or drop --batch-api)';

export function batchApiClient(settings: BatchApiProviderSettings, limits?: BatchLimits): BatchApiClient {
  const policy = { apiKey: settings.apiKey, timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries, limits };
  return settings.kind === 'openai'
    ? new OpenAIBatchClient({ ...policy, baseURL: settings.baseURL, structuredOutputs: settings.structuredOutputs })
    : new MistralBatchClient({ ...policy, serverURL: settings.baseURL });
}

export async function runAuditThroughBatchApi(input: BatchApiAuditInput): Promise<BatchResult> {
  const { profile, provider } = input;
  if (profile.mode === 'interacting') throw new InputError('--batch-api', INTERACTING_CANNOT_BATCH);
  const completed = input.completed ?? new Set<number>();
  const pending = input.rows.filter((r) => !completed.has(r.item));
  const sensorOptions = { seed: input.sensor.seed, model: input.sensor.model, structuredOutput: input.sensor.structuredOutput };
  const requests = batchRequests(new BatchObservationSource(profile, new Map(), { ...sensorOptions, provider: provider.kind }), provider.kind, pending, input.agents, input.model.prior);
  let job: Awaited<ReturnType<typeof runBatchJob>>;
  try {
    job = await runBatchJob({
      client: input.client ?? batchApiClient(provider, input.limits),
      dir: input.store.runDir(input.runId),
      requests,
      pollSeconds: input.pollSeconds,
      maxRetries: provider.maxRetries,
      limits: input.limits,
      secrets: [provider.apiKey],
      signal: input.signal,
      onProgress: input.onBatchProgress,
      onEvent: input.onEvent,
    });
  } catch (error) {
    // The batches stay recorded in the run directory: a resume polls them again instead of submitting anew.
    const message = `batch API: ${error instanceof Error ? error.message : String(error)}; --resume continues polling the same batches`;
    await input.store.setStatus(input.runId, 'failed', message).catch(() => undefined);
    throw error instanceof InputError ? error : new Error(message, { cause: error });
  }
  const recorder = input.record ? new CassetteWriter(input.record) : undefined;
  const source = new BatchObservationSource(profile, job.answers, { ...sensorOptions, provider: provider.kind, recorder });
  // The answers are local now: the recursion runs per item in agent order, as in a live run (a cancel keeps what finished).
  return runBatch({
    store: input.store,
    runId: input.runId,
    rows: input.rows,
    profile,
    model: input.model,
    source,
    agents: input.agents,
    concurrency: input.concurrency,
    agentConcurrency: input.agents,
    completed,
    signal: job.cancelled ? undefined : input.signal,
    onProgress: input.onProgress,
  });
}
