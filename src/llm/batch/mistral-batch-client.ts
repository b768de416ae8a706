// Mistral batch jobs through the official @mistralai/mistralai SDK: files.upload (purpose batch), batch.jobs create/get/cancel, files.download.
import { openAsBlob } from 'node:fs';
import type { Mistral } from '@mistralai/mistralai';
import type { BatchJobOut } from '@mistralai/mistralai/models/components';
import { realClock } from '../clock';
import { classifyMistralError } from '../mistral-errors';
import { MISTRAL_DEFAULT_SERVER_URL, mistralChatBody } from '../mistral-provider';
import type { CompletionRequest } from '../provider';
import { withRetry } from '../retry';
import { sdkMistral } from '../sdk/load';
import {
  type BatchApiClient,
  type BatchCallPolicy,
  type BatchLimits,
  type BatchPhase,
  type BatchView,
  MISTRAL_BATCH_LIMITS,
} from './batch-api';
import { streamToFile } from './download-stream';

export interface MistralBatchConfig extends BatchCallPolicy {
  serverURL?: string;
  apiKey?: string;
  limits?: BatchLimits;
}

const PHASES: Record<string, BatchPhase> = {
  QUEUED: 'running',
  RUNNING: 'running',
  SUCCESS: 'completed',
  FAILED: 'failed',
  TIMEOUT_EXCEEDED: 'expired',
  CANCELLATION_REQUESTED: 'cancelling',
  CANCELLED: 'cancelled',
};

export class MistralBatchClient implements BatchApiClient {
  readonly provider = 'mistral';
  readonly endpoint: string;
  readonly limits: BatchLimits;
  private readonly client: Mistral;

  constructor(private readonly config: MistralBatchConfig) {
    this.endpoint = (config.serverURL ?? MISTRAL_DEFAULT_SERVER_URL).replace(/\/+$/, '');
    this.limits = config.limits ?? MISTRAL_BATCH_LIMITS;
    // As the live provider: an empty key stops the SDK from reading MISTRAL_API_KEY and sends no Authorization header.
    this.client = new (sdkMistral().Mistral)({ serverURL: this.endpoint, apiKey: config.apiKey ?? '', retryConfig: { strategy: 'none' } });
  }

  /** The body is the live call's wire JSON (what the SDK's chat.complete sends), JSON mode included. */
  inputLine(customId: string, request: CompletionRequest): string {
    const body = sdkMistral().ChatCompletionRequest$outboundSchema.parse(mistralChatBody(request, request.jsonSchema !== undefined));
    return JSON.stringify({ custom_id: customId, body });
  }

  async upload(path: string, name: string, signal?: AbortSignal): Promise<string> {
    const file = await this.call(
      async (s) => this.client.files.upload({ file: { fileName: name, content: await openAsBlob(path) }, purpose: 'batch' }, { signal: s }),
      signal,
      10,
    );
    return file.id;
  }

  async create(fileId: string, model: string, metadata: Record<string, string>, signal?: AbortSignal): Promise<BatchView> {
    return view(
      await this.call(
        (s) => this.client.batch.jobs.create({ inputFiles: [fileId], endpoint: '/v1/chat/completions', model, metadata }, { signal: s }),
        signal,
      ),
    );
  }

  async findByInputFile(fileId: string, signal?: AbortSignal): Promise<BatchView | null> {
    const list = await this.call((s) => this.client.batch.jobs.list({ pageSize: 100, createdByMe: true }, { signal: s }), signal);
    const job = list.data?.find((j) => j.inputFiles.includes(fileId));
    return job ? view(job) : null;
  }

  async retrieve(batchId: string, signal?: AbortSignal): Promise<BatchView> {
    return view(await this.call((s) => this.client.batch.jobs.get({ jobId: batchId }, { signal: s }), signal));
  }

  async cancel(batchId: string, signal?: AbortSignal): Promise<BatchView> {
    return view(await this.call((s) => this.client.batch.jobs.cancel({ jobId: batchId }, { signal: s }), signal));
  }

  async downloadTo(fileId: string, path: string, signal?: AbortSignal): Promise<void> {
    await this.call(async (s) => streamToFile(await this.client.files.download({ fileId }, { signal: s }), path, s), signal, 10);
  }

  private async call<T>(attempt: (signal: AbortSignal) => Promise<T>, signal: AbortSignal | undefined, timeoutFactor = 1): Promise<T> {
    const { value } = await withRetry(attempt, {
      maxRetries: this.config.maxRetries ?? 4,
      timeoutMs: (this.config.timeoutMs ?? 60_000) * timeoutFactor,
      signal,
      classify: (error) => classifyMistralError(error, this.endpoint, [this.config.apiKey], realClock.now()),
    });
    return value;
  }
}

function view(job: BatchJobOut): BatchView {
  const message = job.errors?.map((e) => e.message).join('; ');
  return {
    id: job.id,
    phase: PHASES[job.status] ?? 'running',
    status: job.status,
    counts: { total: job.totalRequests, completed: job.succeededRequests, failed: job.failedRequests },
    outputFileId: job.outputFile ?? null,
    errorFileId: job.errorFile ?? null,
    ...(message ? { message } : {}),
  };
}
