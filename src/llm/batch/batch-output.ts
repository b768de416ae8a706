// Reads one line of a batch output or error file (OpenAI and Mistral share the shape) into an answer or a typed failure.
import { isRetryableStatus, type LlmErrorKind } from '../errors';
import { redact, redactSecrets } from '../redact';

export interface LineAnswer {
  text: string;
  usage: { prompt: number; completion: number } | null;
  model: string | null;
}

export interface LineFailure {
  kind: LlmErrorKind;
  message: string;
  status?: number;
  /** Whether a follow-up batch may succeed (5xx, 429, expired or missing lines, error-file entries). */
  retryable: boolean;
}

export type LineOutcome = { customId: string; ok: true; answer: LineAnswer } | { customId: string; ok: false; failure: LineFailure };

/** null for a line that is not a batch result (blank, or no custom_id). */
export function readOutputLine(text: string, secrets: readonly (string | undefined)[] = []): LineOutcome | null {
  if (text.trim() === '') return null;
  let line: {
    custom_id?: unknown;
    response?: { status_code?: unknown; body?: unknown } | null;
    error?: { code?: unknown; message?: unknown } | null;
  };
  try {
    line = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof line?.custom_id !== 'string') return null;
  const customId = line.custom_id;
  const clean = (s: string) => redact(s, secrets);
  if (line.error) {
    const code = typeof line.error.code === 'string' ? line.error.code : 'error';
    const message = typeof line.error.message === 'string' ? line.error.message : 'no message';
    return { customId, ok: false, failure: { kind: 'provider', message: clean(`batch ${code}: ${message}`), retryable: true } };
  }
  const status = typeof line.response?.status_code === 'number' ? line.response.status_code : 0;
  const body = line.response?.body as Record<string, unknown> | undefined;
  if (status !== 200) {
    const message = clean(`HTTP ${status} in the batch output: ${errorMessage(body)}`);
    return {
      customId,
      ok: false,
      failure: { kind: status === 429 ? 'rate-limit' : 'http', message, status, retryable: status === 0 || isRetryableStatus(status) },
    };
  }
  return readChatCompletion(customId, body, secrets);
}

/** A chat completion body as the live providers read it: the first choice's content (text or text chunks), usage, model. */
function readChatCompletion(
  customId: string,
  body: Record<string, unknown> | undefined,
  secrets: readonly (string | undefined)[],
): LineOutcome {
  const choices = body?.choices as Array<{ message?: { content?: unknown; refusal?: unknown } }> | undefined;
  const message = choices?.[0]?.message;
  if (!message) return { customId, ok: false, failure: { kind: 'provider', message: 'the batch answer had no choice', retryable: false } };
  const content = message.content;
  let text: string | null = null;
  if (typeof content === 'string') text = content;
  else if (Array.isArray(content))
    text = content
      .map((c: { type?: unknown; text?: unknown }) => (c?.type === 'text' && typeof c.text === 'string' ? c.text : ''))
      .join('');
  if (text === null) {
    const why =
      typeof message.refusal === 'string' && message.refusal
        ? redact(`the model refused: ${message.refusal}`, secrets)
        : 'the answer had no content';
    return { customId, ok: false, failure: { kind: 'provider', message: why, retryable: false } };
  }
  const u = body?.usage as { prompt_tokens?: unknown; completion_tokens?: unknown } | undefined;
  const usage =
    u && typeof u.prompt_tokens === 'number' && typeof u.completion_tokens === 'number'
      ? { prompt: u.prompt_tokens, completion: u.completion_tokens }
      : null;
  // As a live answer (redactResult): the text and model as the server sent them, any key cut out.
  const model = typeof body?.model === 'string' && body.model ? redactSecrets(body.model, secrets) : null;
  return { customId, ok: true, answer: { text: redactSecrets(text, secrets), usage, model } };
}

function errorMessage(body: Record<string, unknown> | undefined): string {
  const error = body?.error as { message?: unknown } | undefined;
  const message = error?.message ?? body?.message;
  return typeof message === 'string' ? message : body === undefined ? 'no body' : JSON.stringify(body).slice(0, 300);
}
