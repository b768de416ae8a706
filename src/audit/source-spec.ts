// What an audit's agents observe with, as data: a typed source spec (front ends build it from flags or settings) and
// the typed snapshot the run records about the providers it actually used (never a key).
import type { BatchLimits } from '../llm/batch/batch-api';
import type { BatchJobProgress } from '../llm/batch/batch-job-runner';
import type { LlmProvider } from '../llm/provider';
import type { AgentAnswer, AgentRequest, ObservationSource } from './observation-source';

export type LiveKind = 'openai' | 'mistral';

/** A provider the host supplies (e.g. VS Code's Language Model API), built per model. */
export interface InjectedProvider {
  kind: string;
  create(model: string): LlmProvider;
  /** Whether answers can be reproduced from the run (false for vscode.lm). */
  reproducible: boolean;
}

export interface LlmSourceSpec {
  kind: 'llm';
  /** Replaces the provider every agent of the profile names (absent: each agent's own). */
  provider?: LiveKind | 'replay' | string;
  /** Replaces the model every agent of the profile names. */
  model?: string;
  /** Base URL and key per live provider; the key never leaves this object. */
  endpoints?: Partial<Record<LiveKind, { baseURL?: string; apiKey?: string }>>;
  /** Replay: the cassette to answer from. */
  cassette?: string;
  /** Live: append every answer to this cassette. */
  record?: string;
  /** Providers the host supplies by kind (vscode-lm). */
  injected?: readonly InjectedProvider[];
  timeoutMs?: number;
  maxRetries?: number;
  /** Calls in flight per endpoint (the run's concurrency). */
  concurrency?: number;
  requestsPerMinute?: number;
  /** Directory of the on-disk response cache. */
  cachePath?: string;
  structuredOutput?: boolean;
  seed?: number;
  /** Labels every answer as simulated (the offline demo's hand-written cassette). */
  demo?: boolean;
  /** One line per retry ("openai m: retrying 2/5 in 3 s: …"). */
  onRetry?: (line: string) => void;
  /** The cache could not store an answer (e.g. temperature > 0); called once per such request. */
  onUncacheable?: (message: string) => void;
}

export interface SimulatedSourceSpec {
  kind: 'simulated';
  /** A state index, or 'label' to draw each row's observations from its own label. */
  trueState: number | 'label';
  seed: number;
}

/** The live provider a batch-API run sends its batches to (the same base URL and key as live calls). */
export interface BatchApiProviderSettings {
  kind: LiveKind;
  /** The same --base-url (OpenAI) / server URL (Mistral) as live calls. */
  baseURL?: string;
  /** From the environment or SecretStorage; never stored. */
  apiKey?: string;
  timeoutMs?: number;
  /** Retries of each batch API call, and follow-up submissions of each failed line. */
  maxRetries?: number;
}

/** Sensor mode only: every (item, agent) call of a chunk of rows goes through the provider's batch API, resumably. */
export interface BatchApiSourceSpec {
  kind: 'batch-api';
  provider: BatchApiProviderSettings;
  /** Replaces the model every agent of the profile names. */
  model?: string;
  /** Seconds between status polls (default 30; fractions allowed). */
  pollSeconds?: number;
  /** Rows per batch job (default 10,000); each job is split further at the provider's limits. */
  chunkRows?: number;
  /** Per-batch limits (default: the provider's). */
  limits?: BatchLimits;
  /** Append every answer to this cassette, keyed as a live --record would. */
  record?: string;
  structuredOutput?: boolean;
  seed?: number;
  /** Each poll: the provider's status and request counts per batch. */
  onBatchProgress?: (progress: BatchJobProgress) => void;
  /** One line per batch event (submitted, collected, resubmitting, cancel requested). */
  onBatchEvent?: (line: string) => void;
}

export type SourceSpec = LlmSourceSpec | SimulatedSourceSpec | BatchApiSourceSpec;

/** What a run records about the providers it used: kinds, models, endpoints; never a key. */
export interface ProviderSnapshot {
  /** Provider kinds the agents used, e.g. ['openai'], ['simulated']. */
  providers: string[];
  /** Models the agents used, in agent order without repeats. */
  models: string[];
  /** Where requests went per kind: a (redacted) URL, 'default', or the cassette replayed. */
  endpoints: Record<string, string>;
  /** Replayed or recorded cassette. */
  cassette: string | null;
  record: boolean;
  seed: number;
  /** False when the answers cannot be replayed (vscode.lm). */
  reproducible: boolean;
  cache: boolean;
  /** Simulated sensor: the true state it draws from. */
  trueState?: string;
  /** The offline demo's hand-written answers. */
  demo?: boolean;
  /** The run's calls went through this provider's batch API (a resume keeps polling its batches). */
  batchApi?: LiveKind;
}

/** A source ready to run: what observes, what the run records, and its one-line description for headers and logs. */
export interface BuiltSource {
  source: ObservationSource;
  snapshot: ProviderSnapshot;
  /** e.g. "openai gpt-4o-mini", or "openai gpt-4o-mini, mistral mistral-small-latest". */
  description: string;
}

export function isBuiltSource(value: SourceSpec | BuiltSource): value is BuiltSource {
  return 'source' in value && 'snapshot' in value;
}

export type { AgentAnswer, AgentRequest, ObservationSource };
