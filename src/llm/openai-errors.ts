// Maps what the openai SDK throws to typed LlmErrors (keys redacted).
import type { APIError } from 'openai';
import { isRetryableStatus, LlmError } from './errors';
import { redact } from './redact';
import { retryAfterMs } from './retry-after';
import { sdkOpenAI } from './sdk/load';

export function classifyOpenAIError(error: unknown, endpoint: string, secrets: readonly (string | undefined)[], now: number): LlmError {
  const clean = (text: string) => redact(text, secrets);
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAIError } = sdkOpenAI();
  if (error instanceof APIConnectionTimeoutError)
    return new LlmError('timeout', clean(`no answer from ${endpoint} in time`), { retryable: true });
  if (error instanceof APIUserAbortError) return new LlmError('cancelled', 'request cancelled');
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new LlmError('http', clean(`cannot reach ${endpoint}${cause}`), { retryable: true });
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const message = clean(`HTTP ${status} from ${endpoint}: ${serverMessage(error)}`);
    const wait = retryAfterMs(error.headers, now);
    return new LlmError(status === 429 ? 'rate-limit' : 'http', message, {
      status,
      retryable: isRetryableStatus(status),
      retryAfterMs: wait,
    });
  }
  if (error instanceof OpenAIError) return new LlmError('config', clean(error.message));
  return new LlmError('provider', clean(error instanceof Error ? error.message : String(error)));
}

function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  if (body && typeof body.message === 'string') return body.message;
  return error.message.replace(/^\d{3}\s*/, '') || 'no message';
}
