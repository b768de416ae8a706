// Maps what the @mistralai/mistralai SDK throws to typed LlmErrors (keys redacted).
import { isRetryableStatus, LlmError } from './errors';
import { redact } from './redact';
import { retryAfterMs } from './retry-after';
import { sdkMistral } from './sdk/load';

export function classifyMistralError(error: unknown, endpoint: string, secrets: readonly (string | undefined)[], now: number): LlmError {
  const clean = (text: string) => redact(text, secrets);
  const { ConnectionError, MistralError, RequestAbortedError, RequestTimeoutError, ResponseValidationError, SDKValidationError } =
    sdkMistral();
  if (error instanceof RequestTimeoutError)
    return new LlmError('timeout', clean(`no answer from ${endpoint} in time`), { retryable: true });
  if (error instanceof RequestAbortedError) return new LlmError('cancelled', 'request cancelled');
  if (error instanceof ConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new LlmError('http', clean(`cannot reach ${endpoint}${cause}`), { retryable: true });
  }
  // Checked before MistralError, which the response validation error extends.
  if (error instanceof ResponseValidationError || error instanceof SDKValidationError) {
    return new LlmError('provider', clean(`${endpoint} sent an answer the Mistral SDK could not read: ${error.message}`));
  }
  if (error instanceof MistralError) {
    const status = error.statusCode;
    const message = clean(`HTTP ${status} from ${endpoint}: ${serverMessage(error.body) ?? error.message}`);
    return new LlmError(status === 429 ? 'rate-limit' : 'http', message, {
      status,
      retryable: isRetryableStatus(status),
      retryAfterMs: retryAfterMs(error.headers, now),
    });
  }
  return new LlmError('provider', clean(error instanceof Error ? error.message : String(error)));
}

function serverMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: { message?: unknown }; detail?: unknown };
    const message = parsed.message ?? parsed.error?.message ?? parsed.detail;
    return typeof message === 'string' ? message : message === undefined ? undefined : JSON.stringify(message);
  } catch {
    return body.trim() === '' ? undefined : body.slice(0, 500);
  }
}
