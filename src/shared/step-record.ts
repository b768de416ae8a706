// The record of one agent step: what the run store appends, the CLI prints and the panel shows (DESIGN.md "One agent step").

/** What the LLM reported about the text, after parsing and indexing (spec §2.3). */
export interface Observation {
  /** The attribute values the model returned, validated against the profile's schema. */
  attributes: Record<string, boolean | number | string>;
  /** The observation index y ∈ {0..Y−1}. */
  index: number;
}

/** Why an agent produced no usable observation; the raw answer is kept beside it. */
export interface StepError {
  kind: 'parse' | 'schema' | 'http' | 'timeout' | 'rate-limit' | 'cancelled' | 'provider' | 'config';
  message: string;
}

export interface TokenUsage {
  prompt: number;
  completion: number;
}

/** A revealed-preference verdict (spec §3): the NIAS margin decides; NIAC is reported beside it. */
export interface RpVerdict {
  passes: boolean;
  niasMargin: number;
  niacMargin: number | null;
  /** What the choice data were, e.g. "profile sensor counts" or "agent 3 over 240 labelled rows". */
  basis: string;
}

export interface StepRecord {
  runId: string;
  /** Dataset row (0-based); 0 for a selection audit. */
  item: number;
  /** 1-based agent position in the chain. */
  index: number;
  provider: string;
  model: string;
  /** SHA-256 (hex, first 16 chars) of the rendered prompt messages. */
  promptHash: string;
  /** The model's answer exactly as received; null when no answer arrived. */
  rawResponse: string | null;
  observation: Observation | null;
  /** η_k (spec 2.1); null when there was no observation. */
  privateBelief: number[] | null;
  /** The public action a_k that later agents see (LLM's own action in interacting mode, Bayes action in sensor mode). */
  action: number | null;
  /** The Bayes-rational action argmax_a u_a'η_k (spec 2.2). */
  bayesAction: number | null;
  /** The action the LLM itself chose (interacting mode only). */
  llmAction?: number | null;
  /** Interacting mode: the action the agent's observation alone implies (η from the prior π_0); the herding flag compares against it. */
  privateAction?: number | null;
  publicBeliefBefore: number[];
  publicBeliefAfter: number[];
  /** Model-based: π_{k−1} lies in the herding region ℋ (spec §4.2), so no observation could change the action. */
  cascade: boolean;
  /** Empirical (interacting mode): the LLM's action departs from its own observation's Bayes action and follows the predecessors' majority. */
  herding: boolean;
  rp?: RpVerdict | null;
  tokens: TokenUsage | null;
  latencyMs: number;
  costUsd: number | null;
  /** True when the observation came from the simulated sensor or the offline demo cassette, not a live model. */
  simulated?: boolean;
  cached?: boolean;
  /** Repairs made to the answer and other remarks (e.g. "Python-style booleans", "public belief not updated"). */
  notes?: string[];
  error?: StepError;
}
