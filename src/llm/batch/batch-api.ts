// What the batch job runner needs from a provider's batch API (OpenAI Batch, Mistral batch jobs), in one neutral shape.
import type { CompletionRequest } from '../provider';

/** Where a remote batch is: still working, or done one way or another (then its output/error files are final). */
export type BatchPhase = 'running' | 'cancelling' | 'completed' | 'expired' | 'cancelled' | 'failed';

export const TERMINAL_PHASES: readonly BatchPhase[] = ['completed', 'expired', 'cancelled', 'failed'];

export interface BatchView {
  id: string;
  phase: BatchPhase;
  /** The provider's own status word (e.g. in_progress, RUNNING), for progress lines. */
  status: string;
  /** The provider's request counts. */
  counts: { total: number; completed: number; failed: number };
  outputFileId: string | null;
  errorFileId: string | null;
  /** Why a batch failed as a whole, when the provider said. */
  message?: string;
}

/** Per-batch limits: a larger input is split into several batches. */
export interface BatchLimits {
  maxRequests: number;
  maxBytes: number;
}

/** OpenAI: 50,000 requests or 200 MB per batch input file. */
export const OPENAI_BATCH_LIMITS: BatchLimits = { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 };
/** Mistral (docs, "Known limitations"): 100,000 requests per batch, 512 MB per file. */
export const MISTRAL_BATCH_LIMITS: BatchLimits = { maxRequests: 100_000, maxBytes: 512 * 1024 * 1024 };

export interface BatchApiClient {
  readonly provider: 'openai' | 'mistral';
  /** Base URL / server URL, as for live calls. */
  readonly endpoint: string;
  readonly limits: BatchLimits;
  /** One JSONL input line (without the newline) for this request: the body equals the live call's body. */
  inputLine(customId: string, request: CompletionRequest): string;
  /** Uploads a JSONL file (purpose batch) from disk; returns the file id. */
  upload(path: string, name: string, signal?: AbortSignal): Promise<string>;
  create(fileId: string, model: string, metadata: Record<string, string>, signal?: AbortSignal): Promise<BatchView>;
  /** A recent batch made from this input file, if any (finds a batch whose create answer never reached the state file). */
  findByInputFile(fileId: string, signal?: AbortSignal): Promise<BatchView | null>;
  retrieve(batchId: string, signal?: AbortSignal): Promise<BatchView>;
  cancel(batchId: string, signal?: AbortSignal): Promise<BatchView>;
  /** Streams a file's content to a local path. */
  downloadTo(fileId: string, path: string, signal?: AbortSignal): Promise<void>;
}

/** Timeouts and retries for the batch API's own calls (upload, create, poll, download). */
export interface BatchCallPolicy {
  timeoutMs?: number;
  maxRetries?: number;
}
