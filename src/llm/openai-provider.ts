// OpenAI and any OpenAI-compatible server (Ollama, llama.cpp, vLLM, LM Studio) through the official openai SDK.
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { type CallPolicy, callWithPolicy } from './call-policy';
import { realClock } from './clock';
import { estimateCostUsd, type ModelPrice } from './cost';
import { LlmError } from './errors';
import { classifyOpenAIError } from './openai-errors';
import { quirksOf, rejectsMaxTokens, rejectsResponseFormat, rememberQuirk, weakerFormat, type WireFormat } from './openai-quirks';
import type { CompletionRequest, CompletionResult, LlmProvider } from './provider';
import { sdkOpenAI } from './sdk/load';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export interface OpenAIProviderConfig extends CallPolicy {
  baseURL?: string;
  /** Optional for local servers; when absent no Authorization header is sent (and OPENAI_API_KEY is NOT read). */
  apiKey?: string;
  /** Ask for structured outputs (json_schema) when a request has a schema; default true. Falls back on rejection. */
  structuredOutputs?: boolean;
  prices?: Readonly<Record<string, ModelPrice>>;
}

export class OpenAIProvider implements LlmProvider {
  readonly id = 'openai';
  readonly endpoint: string;
  private sdkClient: OpenAI | undefined;

  constructor(private readonly config: OpenAIProviderConfig) {
    this.endpoint = (config.baseURL ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '');
  }

  /** Created on the first request: the SDK loads then, not when the extension activates. */
  private get client(): OpenAI {
    const { OpenAI } = sdkOpenAI();
    // Every option is explicit so the SDK never falls back to OPENAI_* environment variables.
    return (this.sdkClient ??= new OpenAI({
      baseURL: this.endpoint,
      apiKey: this.config.apiKey || 'unused',
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: this.config.timeoutMs,
      defaultHeaders: this.config.apiKey ? undefined : { Authorization: null },
    }));
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    let format: WireFormat = this.initialFormat(request);
    let attempts = 0;
    let latencyMs = 0;
    for (;;) {
      try {
        const outcome = await callWithPolicy(
          this.config,
          request.signal,
          (signal) => this.send(request, format, signal),
          (e) => this.classify(e),
        );
        attempts += outcome.attempts;
        latencyMs += outcome.latencyMs;
        return this.toResult(request, outcome.value, format, attempts, latencyMs);
      } catch (error) {
        if (!(error instanceof LlmError)) throw error;
        attempts += error.attempts;
        error.attempts = attempts;
        const weaker = weakerFormat(format);
        if (weaker && rejectsResponseFormat(error.status, error.message)) {
          rememberQuirk(this.endpoint, { format: weaker });
          format = weaker;
          continue;
        }
        if (
          !quirksOf(this.endpoint).maxCompletionTokens &&
          request.maxTokens !== undefined &&
          rejectsMaxTokens(error.status, error.message)
        ) {
          rememberQuirk(this.endpoint, { maxCompletionTokens: true });
          continue;
        }
        throw error;
      }
    }
  }

  private initialFormat(request: CompletionRequest): WireFormat {
    return initialWireFormat(request, this.config.structuredOutputs, this.endpoint);
  }

  private send(request: CompletionRequest, format: WireFormat, signal: AbortSignal) {
    const body = openAIChatBody(request, format, quirksOf(this.endpoint).maxCompletionTokens === true);
    return this.client.chat.completions.create(body, { signal, maxRetries: 0, timeout: this.config.timeoutMs });
  }

  private classify(error: unknown): LlmError {
    return classifyOpenAIError(error, this.endpoint, [this.config.apiKey], (this.config.clock ?? realClock).now());
  }

  private toResult(
    request: CompletionRequest,
    completion: OpenAI.ChatCompletion,
    format: WireFormat,
    attempts: number,
    latencyMs: number,
  ): CompletionResult {
    const message = completion.choices?.[0]?.message;
    if (!message) throw new LlmError('provider', `${this.endpoint} answered without a choice`, { attempts });
    if (message.content == null) {
      const why = message.refusal ? `the model refused: ${message.refusal}` : 'the answer had no content';
      throw new LlmError('provider', why, { attempts });
    }
    const usage = completion.usage ? { prompt: completion.usage.prompt_tokens, completion: completion.usage.completion_tokens } : null;
    const model = completion.model || request.model;
    return {
      text: message.content,
      provider: this.id,
      model,
      usage,
      latencyMs,
      costUsd: estimateCostUsd(model, usage, this.config.prices),
      attempts,
      cached: false,
      responseFormat: format,
    };
  }
}

/** The chat-completions body of a live call; a batch line's body is the same object. */
export function openAIChatBody(
  request: CompletionRequest,
  format: WireFormat,
  maxCompletionTokens: boolean,
): ChatCompletionCreateParamsNonStreaming {
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: request.model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
  };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.maxTokens !== undefined) {
    if (maxCompletionTokens) body.max_completion_tokens = request.maxTokens;
    else body.max_tokens = request.maxTokens;
  }
  if (format === 'json_schema' && request.jsonSchema) {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: request.jsonSchema.name, schema: request.jsonSchema.schema, strict: true },
    };
  } else if (format === 'json_object') {
    body.response_format = { type: 'json_object' };
  }
  return body;
}

/** How JSON is first asked for: structured output unless turned off, weakened to what the endpoint is known to accept. */
export function initialWireFormat(request: CompletionRequest, structuredOutputs: boolean | undefined, endpoint: string): WireFormat {
  if (!request.jsonSchema) return 'text';
  const wanted: WireFormat = structuredOutputs === false ? 'json_object' : 'json_schema';
  const remembered = quirksOf(endpoint).format;
  if (remembered === 'text' || (remembered === 'json_object' && wanted === 'json_schema')) return remembered;
  return wanted;
}
