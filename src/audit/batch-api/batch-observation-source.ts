// A prefetching observation source whose answers come from the provider's batch API: the batch runner hands it each
// chunk's (item, agent) requests, one resumable batch job answers them (state in <runDir>/batch-api/), then observe serves
// them to the same LlmSensor the live path uses, so steps, beliefs and herding equal the live path's for the same answers.
import { InputError } from '../../core/errors';
import type { BatchApiClient, BatchLimits } from '../../llm/batch/batch-api';
import { type BatchJobAnswer, type BatchJobProgress, type BatchJobRequest, runBatchJob } from '../../llm/batch/batch-job-runner';
import { customId } from '../../llm/batch/custom-id';
import type { CassetteWriter } from '../../llm/cassette';
import { estimateCostUsd } from '../../llm/cost';
import { LlmError } from '../../llm/errors';
import type { CompletionRequest, CompletionResult, LlmProvider } from '../../llm/provider';
import { RedactingProvider } from '../../llm/redacting-provider';
import { requestKey, requestMaterial } from '../../llm/request-key';
import { LlmSensor, type LlmSensorOptions } from '../llm-sensor';
import type { AgentAnswer, AgentRequest, PrefetchContext, PrefetchingSource } from '../observation-source';
import type { Profile } from '../profile';

/** Both providers bill batch requests at half the list price. */
export const BATCH_PRICE_FACTOR = 0.5;

export interface BatchSourceOptions extends LlmSensorOptions {
  /** 'openai' or 'mistral': the provider id live calls carry (and cassette keys use). */
  provider: 'openai' | 'mistral';
  client: BatchApiClient;
  /** The API key: cut from every answer and stored line, as for live answers. */
  apiKey?: string;
  /** Rows per batch job (default 10,000). */
  chunkRows?: number;
  pollSeconds?: number;
  /** Follow-up submissions of a failed line. */
  maxRetries?: number;
  limits?: BatchLimits;
  /** Appends every answer to a cassette, keyed as a live --record would. */
  recorder?: CassetteWriter;
  onBatchProgress?: (progress: BatchJobProgress) => void;
  onBatchEvent?: (line: string) => void;
}

export class BatchObservationSource implements PrefetchingSource {
  readonly simulated = false;
  readonly description: string;
  readonly prefetchChunk: number;
  private readonly sensor: LlmSensor;
  private readonly secrets: string[];
  /** Answers of the chunks in flight; each is dropped once served (a resume reads them back from answers.jsonl). */
  private readonly answers = new Map<string, BatchJobAnswer>();

  constructor(
    private readonly profile: Profile,
    private readonly options: BatchSourceOptions,
  ) {
    this.sensor = new LlmSensor(profile, () => this.missing(), options);
    this.description = `${this.sensor.description} (batch API)`;
    this.prefetchChunk = options.chunkRows ?? 10_000;
    this.secrets = options.apiKey ? [options.apiKey] : [];
  }

  /** Runs (or, after a restart, keeps polling) the batch job for these requests; an abort cancels the remote batches. */
  async prefetch(requests: readonly AgentRequest[], context: PrefetchContext): Promise<void> {
    const jobRequests: BatchJobRequest[] = requests.map((request) => {
      const { completion } = this.sensor.completionRequest({ ...request, signal: undefined });
      return {
        customId: customId(request.item, request.agent),
        key: requestKey(this.options.provider, completion),
        model: completion.model,
        request: () => this.sensor.completionRequest({ ...request, signal: undefined }).completion,
      };
    });
    let job: Awaited<ReturnType<typeof runBatchJob>>;
    try {
      job = await runBatchJob({
        client: this.options.client,
        dir: context.runDir,
        requests: jobRequests,
        pollSeconds: this.options.pollSeconds,
        maxRetries: this.options.maxRetries,
        limits: this.options.limits,
        secrets: this.secrets,
        signal: context.signal,
        onProgress: this.options.onBatchProgress,
        onEvent: this.options.onBatchEvent,
      });
    } catch (error) {
      if (error instanceof InputError) throw error;
      // The batches stay recorded in the run directory: a resume polls them again instead of submitting anew.
      throw new Error(`batch API: ${error instanceof Error ? error.message : String(error)}; resume continues polling the same batches`, {
        cause: error,
      });
    }
    for (const [id, answer] of job.answers) this.answers.set(id, answer);
  }

  observe(request: AgentRequest): Promise<AgentAnswer> {
    const id = customId(request.item, request.agent);
    const answer = this.answers.get(id);
    this.answers.delete(id);
    const served: LlmProvider = { id: this.options.provider, complete: (completion) => this.serve(completion, answer) };
    // The same choke point as live answers: the key never reaches a step, a cassette or a log.
    const redacted = new RedactingProvider(served, this.secrets);
    const provider: LlmProvider = this.options.recorder
      ? { id: redacted.id, complete: (completion) => this.record(completion, redacted) }
      : redacted;
    return new LlmSensor(this.profile, () => provider, this.options).observe(request);
  }

  private async serve(completion: CompletionRequest, answer: BatchJobAnswer | undefined): Promise<CompletionResult> {
    if (!answer) throw new LlmError('cancelled', 'the batch was stopped before this request was answered; resume to continue');
    if (!answer.ok) {
      const f = answer.failure;
      const tried = answer.submissions > 1 ? ` (after ${answer.submissions} batch submissions)` : '';
      throw new LlmError(f.kind, `${f.message}${tried}`, { status: f.status });
    }
    const { text, usage } = answer.answer;
    const model = answer.answer.model || completion.model;
    const cost = estimateCostUsd(model, usage);
    return {
      text,
      provider: this.options.provider,
      model,
      usage,
      latencyMs: 0,
      costUsd: cost === null ? null : cost * BATCH_PRICE_FACTOR,
      attempts: 1,
      cached: false,
    };
  }

  /** As the live RecordingProvider: the redacted answer under the live request key. */
  private async record(completion: CompletionRequest, inner: LlmProvider): Promise<CompletionResult> {
    const result = await inner.complete(completion);
    await this.options.recorder?.append({
      key: requestKey(inner.id, completion),
      provider: inner.id,
      model: completion.model,
      request: requestMaterial(completion),
      response: { text: result.text, usage: result.usage },
      recordedAt: new Date().toISOString(),
    });
    return result;
  }

  private missing(): LlmProvider {
    throw new Error('BatchObservationSource: no provider outside observe()');
  }
}
