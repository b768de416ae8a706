// OpenAI Batch through the official openai SDK: Files API upload (purpose batch), batches create/retrieve/cancel, file content.
import { openAsBlob } from 'node:fs';
import type OpenAI from 'openai';
import type { Batch } from 'openai/resources/batches';
import { realClock } from '../clock';
import { classifyOpenAIError } from '../openai-errors';
import { initialWireFormat, OPENAI_DEFAULT_BASE_URL, openAIChatBody } from '../openai-provider';
import { quirksOf } from '../openai-quirks';
import type { CompletionRequest } from '../provider';
import { withRetry } from '../retry';
import { sdkOpenAI } from '../sdk/load';
import {
  type BatchApiClient,
  type BatchCallPolicy,
  type BatchLimits,
  type BatchPhase,
  type BatchView,
  OPENAI_BATCH_LIMITS,
} from './batch-api';
import { streamToFile } from './download-stream';

export interface OpenAIBatchConfig extends BatchCallPolicy {
  baseURL?: string;
  apiKey?: string;
  structuredOutputs?: boolean;
  limits?: BatchLimits;
}

const PHASES: Record<Batch['status'], BatchPhase> = {
  validating: 'running',
  in_progress: 'running',
  finalizing: 'running',
  completed: 'completed',
  expired: 'expired',
  cancelling: 'cancelling',
  cancelled: 'cancelled',
  failed: 'failed',
};

export class OpenAIBatchClient implements BatchApiClient {
  readonly provider = 'openai';
  readonly endpoint: string;
  readonly limits: BatchLimits;
  private readonly client: OpenAI;

  constructor(private readonly config: OpenAIBatchConfig) {
    this.endpoint = (config.baseURL ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.limits = config.limits ?? OPENAI_BATCH_LIMITS;
    // Built like the live provider's client: every option explicit, never OPENAI_* from the environment.
    this.client = new (sdkOpenAI().OpenAI)({
      baseURL: this.endpoint,
      apiKey: config.apiKey || 'unused',
      organization: null,
      project: null,
      maxRetries: 0,
      defaultHeaders: config.apiKey ? undefined : { Authorization: null },
    });
  }

  inputLine(customId: string, request: CompletionRequest): string {
    const format = initialWireFormat(request, this.config.structuredOutputs, this.endpoint);
    const body = openAIChatBody(request, format, quirksOf(this.endpoint).maxCompletionTokens === true);
    return JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body });
  }

  async upload(path: string, name: string, signal?: AbortSignal): Promise<string> {
    const file = await this.call(
      async (s) =>
        this.client.files.create(
          { file: await sdkOpenAI().toFile(await openAsBlob(path), name, { type: 'application/jsonl' }), purpose: 'batch' },
          { signal: s },
        ),
      signal,
      10,
    );
    return file.id;
  }

  async create(fileId: string, _model: string, metadata: Record<string, string>, signal?: AbortSignal): Promise<BatchView> {
    return view(
      await this.call(
        (s) =>
          this.client.batches.create(
            { input_file_id: fileId, endpoint: '/v1/chat/completions', completion_window: '24h', metadata },
            { signal: s },
          ),
        signal,
      ),
    );
  }

  async findByInputFile(fileId: string, signal?: AbortSignal): Promise<BatchView | null> {
    const page = await this.call((s) => this.client.batches.list({ limit: 100 }, { signal: s }), signal);
    const batch = page.data.find((b) => b.input_file_id === fileId);
    return batch ? view(batch) : null;
  }

  async retrieve(batchId: string, signal?: AbortSignal): Promise<BatchView> {
    return view(await this.call((s) => this.client.batches.retrieve(batchId, { signal: s }), signal));
  }

  async cancel(batchId: string, signal?: AbortSignal): Promise<BatchView> {
    return view(await this.call((s) => this.client.batches.cancel(batchId, { signal: s }), signal));
  }

  async downloadTo(fileId: string, path: string, signal?: AbortSignal): Promise<void> {
    await this.call(
      async (s) => {
        const response = await this.client.files.content(fileId, { signal: s });
        if (!response.body) throw new Error(`file ${fileId} has no content`);
        await streamToFile(response.body, path, s);
      },
      signal,
      10,
    );
  }

  /** One batch API call with the live calls' retry rules (backoff, Retry-After, typed errors with the key redacted). */
  private async call<T>(attempt: (signal: AbortSignal) => Promise<T>, signal: AbortSignal | undefined, timeoutFactor = 1): Promise<T> {
    const { value } = await withRetry(attempt, {
      maxRetries: this.config.maxRetries ?? 4,
      timeoutMs: (this.config.timeoutMs ?? 60_000) * timeoutFactor,
      signal,
      classify: (error) => classifyOpenAIError(error, this.endpoint, [this.config.apiKey], realClock.now()),
    });
    return value;
  }
}

function view(batch: Batch): BatchView {
  const counts = batch.request_counts ?? { total: 0, completed: 0, failed: 0 };
  const message = batch.errors?.data?.map((e) => [e.code, e.message].filter(Boolean).join(': ')).join('; ');
  return {
    id: batch.id,
    phase: PHASES[batch.status] ?? 'running',
    status: batch.status,
    counts: { total: counts.total, completed: counts.completed, failed: counts.failed },
    outputFileId: batch.output_file_id ?? null,
    errorFileId: batch.error_file_id ?? null,
    ...(message ? { message } : {}),
  };
}
