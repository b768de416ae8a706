// One interface for every model backend: OpenAI (and OpenAI-compatible servers), Mistral, VS Code LM, replay, simulated.

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
  /** Ask for structured output matching this JSON Schema where the backend supports it. */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  signal?: AbortSignal;
}

export interface CompletionResult {
  /** The answer text exactly as the model sent it. */
  text: string;
  provider: string;
  model: string;
  usage: { prompt: number; completion: number } | null;
  latencyMs: number;
  costUsd: number | null;
  /** How many HTTP attempts it took (1 = no retry). */
  attempts: number;
  cached: boolean;
  /** How JSON was requested on the wire: structured output, JSON mode, or plain prompting (after a server rejected the others). */
  responseFormat?: 'json_schema' | 'json_object' | 'text';
}

export interface LlmProvider {
  /** e.g. "openai", "mistral", "replay", "simulated", "vscode-lm". */
  readonly id: string;
  complete(request: CompletionRequest): Promise<CompletionResult>;
}
