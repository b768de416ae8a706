// Mistral (la Plateforme or a self-hosted endpoint via serverURL) through the official @mistralai/mistralai SDK, with JSON mode.
import type { Mistral } from '@mistralai/mistralai';
import type { ChatCompletionRequest } from '@mistralai/mistralai/models/components';
import { type CallPolicy, callWithPolicy } from './call-policy';
import { realClock } from './clock';
import { estimateCostUsd, type ModelPrice } from './cost';
import { LlmError } from './errors';
import { classifyMistralError } from './mistral-errors';
import type { CompletionRequest, CompletionResult, LlmProvider } from './provider';
import { sdkMistral } from './sdk/load';

export const MISTRAL_DEFAULT_SERVER_URL = 'https://api.mistral.ai';

export interface MistralProviderConfig extends CallPolicy {
  /** Server root without /v1, e.g. https://api.mistral.ai. */
  serverURL?: string;
  /** When absent no Authorization header is sent (MISTRAL_API_KEY is NOT read from the environment here). */
  apiKey?: string;
  prices?: Readonly<Record<string, ModelPrice>>;
}

export class MistralProvider implements LlmProvider {
  readonly id = 'mistral';
  readonly endpoint: string;
  private sdkClient: Mistral | undefined;

  constructor(private readonly config: MistralProviderConfig) {
    this.endpoint = (config.serverURL ?? MISTRAL_DEFAULT_SERVER_URL).replace(/\/+$/, '');
  }

  /** Created on the first request: the SDK loads then, not when the extension activates. */
  private get client(): Mistral {
    const { Mistral } = sdkMistral();
    // An empty key (not undefined) stops the SDK from reading MISTRAL_API_KEY and sends no Authorization header.
    return (this.sdkClient ??= new Mistral({
      serverURL: this.endpoint,
      apiKey: this.config.apiKey ?? '',
      retryConfig: { strategy: 'none' },
      timeoutMs: this.config.timeoutMs,
    }));
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const json = request.jsonSchema !== undefined;
    const outcome = await callWithPolicy(
      this.config,
      request.signal,
      (signal) => this.send(request, json, signal),
      (error) => classifyMistralError(error, this.endpoint, [this.config.apiKey], (this.config.clock ?? realClock).now()),
    );
    return this.toResult(request, outcome.value, json, outcome.attempts, outcome.latencyMs);
  }

  /** The SDK rejects answers that lack fields it insists on (usage, id, created); small servers omit them, so read those loosely. */
  private async send(request: CompletionRequest, json: boolean, signal: AbortSignal): Promise<Answer> {
    try {
      const response = await this.client.chat.complete(mistralChatBody(request, json), {
        signal,
        retries: { strategy: 'none' },
        timeoutMs: this.config.timeoutMs,
      });
      const usage = response.usage ? { prompt: response.usage.promptTokens ?? 0, completion: response.usage.completionTokens ?? 0 } : null;
      return { content: response.choices?.[0]?.message?.content, usage, model: response.model };
    } catch (error) {
      const loose = error instanceof sdkMistral().ResponseValidationError ? readLoosely(error.rawValue) : null;
      if (loose) return loose;
      throw error;
    }
  }

  private toResult(request: CompletionRequest, answer: Answer, json: boolean, attempts: number, latencyMs: number): CompletionResult {
    const content = answer.content;
    if (content == null) throw new LlmError('provider', `${this.endpoint} answered without content`, { attempts });
    const text = typeof content === 'string' ? content : content.map((chunk) => (chunk.type === 'text' ? (chunk.text ?? '') : '')).join('');
    const usage = answer.usage;
    const model = answer.model || request.model;
    return {
      text,
      provider: this.id,
      model,
      usage,
      latencyMs,
      costUsd: estimateCostUsd(model, usage, this.config.prices),
      attempts,
      cached: false,
      responseFormat: json ? 'json_object' : 'text',
    };
  }
}

interface Answer {
  content: string | Array<{ type: string; text?: string }> | null | undefined;
  usage: { prompt: number; completion: number } | null;
  model: string | undefined;
}

function readLoosely(raw: unknown): Answer | null {
  const body = raw as {
    choices?: Array<{ message?: { content?: unknown } }>;
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
    model?: unknown;
  } | null;
  const content = body?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') return null;
  const u = body?.usage;
  const usage =
    u && typeof u.prompt_tokens === 'number' && typeof u.completion_tokens === 'number'
      ? { prompt: u.prompt_tokens, completion: u.completion_tokens }
      : null;
  return { content, usage, model: typeof body?.model === 'string' ? body.model : undefined };
}

/** The chat request of a live call (SDK field names); batch lines send its wire form (ChatCompletionRequest$outboundSchema). */
export function mistralChatBody(request: CompletionRequest, json: boolean): ChatCompletionRequest {
  const body: ChatCompletionRequest = {
    model: request.model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
  };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.topP = request.topP;
  if (request.maxTokens !== undefined) body.maxTokens = request.maxTokens;
  if (request.seed !== undefined) body.randomSeed = request.seed;
  if (json) body.responseFormat = { type: 'json_object' };
  return body;
}
