// Where an agent's private observation comes from: a live/replayed LLM (llm-sensor.ts) or the simulated sensor.
import type { AttributeRecord } from '../core/observation-index';
import type { StepError, TokenUsage } from '../shared/step-record';

export interface AgentRequest {
  /** Dataset row (0 for a single text). */
  item: number;
  /** 1-based agent position. */
  agent: number;
  text: string;
  /** Interacting mode: the public actions of agents 1..k−1 (null = no decision). */
  predecessors: Array<number | null>;
  /** π_{k−1}. */
  publicBelief: number[];
  /** The item's true state when known (dataset label); the simulated sensor can draw from it. */
  trueState?: number | null;
  signal?: AbortSignal;
}

export interface AgentAnswer {
  provider: string;
  model: string;
  promptHash: string;
  /** The answer exactly as received; null when none arrived. */
  rawResponse: string | null;
  attributes: AttributeRecord | null;
  /** The observation index y, or null on error. */
  observation: number | null;
  /** Interacting mode: the action the LLM chose. */
  llmAction?: number | null;
  tokens: TokenUsage | null;
  latencyMs: number;
  costUsd: number | null;
  cached: boolean;
  simulated: boolean;
  /** Repairs made to the answer (e.g. "Python-style booleans", "text after the JSON"). */
  notes?: string[];
  error?: StepError;
}

export interface ObservationSource {
  /** e.g. "openai gpt-4o-mini" or "simulated sensor (true state 1, seed 7)". */
  readonly description: string;
  readonly simulated: boolean;
  /** Must not throw: failures come back as an answer with `error`. */
  observe(request: AgentRequest): Promise<AgentAnswer>;
}

/**
 * A source that gets a chunk's answers up front (e.g. through a provider's batch API). In sensor mode the batch
 * runner calls prefetch with every (item, agent) request of a chunk of rows before their chains run; the chains then
 * call observe per agent in order, which serves the prefetched answers, and the Bayesian recursion runs locally.
 */
export interface PrefetchingSource extends ObservationSource {
  /** Rows per prefetch chunk (default 1,000). */
  readonly prefetchChunk?: number;
  prefetch(requests: readonly AgentRequest[], context: PrefetchContext): Promise<void>;
}

export interface PrefetchContext {
  /** The run's directory: a prefetching source keeps its resumable state there. */
  runDir: string;
  signal?: AbortSignal;
}

export function canPrefetch(source: ObservationSource): source is PrefetchingSource {
  return typeof (source as Partial<PrefetchingSource>).prefetch === 'function';
}
