// Typed provider failures; the kinds match StepError['kind'] in src/shared/step-record.ts so the chain runner can copy them.

export type LlmErrorKind = 'http' | 'timeout' | 'rate-limit' | 'cancelled' | 'provider' | 'config';

export interface LlmErrorDetails {
  status?: number;
  attempts?: number;
  /** Server-requested wait before the next attempt (Retry-After / retry-after-ms), when it sent one. */
  retryAfterMs?: number;
  /** Whether another attempt might succeed (429, 5xx, 408/409, timeouts, connection failures). */
  retryable?: boolean;
  cause?: unknown;
}

export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  readonly status: number | undefined;
  /** HTTP attempts made before giving up (0 when no request was sent). */
  attempts: number;
  readonly retryAfterMs: number | undefined;
  readonly retryable: boolean;

  constructor(kind: LlmErrorKind, message: string, details: LlmErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'LlmError';
    this.kind = kind;
    this.status = details.status;
    this.attempts = details.attempts ?? 0;
    this.retryAfterMs = details.retryAfterMs;
    this.retryable = details.retryable ?? false;
  }
}

/** A replay cassette has no answer for this request. */
export class ReplayMissError extends LlmError {
  readonly key: string;
  constructor(key: string, message: string) {
    super('provider', message);
    this.name = 'ReplayMissError';
    this.key = key;
  }
}

export function cancelledError(attempts: number): LlmError {
  return new LlmError('cancelled', 'request cancelled', { attempts });
}

export function timeoutError(timeoutMs: number, attempts: number): LlmError {
  return new LlmError('timeout', `no answer within ${timeoutMs} ms`, { attempts, retryable: true });
}

/** Whether an HTTP status may succeed on a later attempt. 400/401/403/404/422 never do. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
