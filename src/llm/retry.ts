// Bounded retries with exponential backoff and full jitter, Retry-After, per-attempt timeouts and cancellation.
import { type Clock, realClock } from './clock';
import { cancelledError, LlmError, timeoutError } from './errors';

/** Something that must be acquired before each HTTP attempt (a rate limiter); release when the attempt ends. */
export interface RequestGate {
  acquire(signal?: AbortSignal): Promise<() => void>;
}

export interface RetryInfo {
  maxAttempts: number;
  error: LlmError;
}

/** Called before waiting: attempt is the number of the attempt about to be made (2 for the first retry). */
export type OnRetry = (attempt: number, delayMs: number, reason: string, info: RetryInfo) => void;

export interface RetryOptions {
  /** Attempts after the first; 0 disables retries. */
  maxRetries: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Turns whatever the attempt threw into a typed error (SDK errors → http/rate-limit/...). */
  classify: (error: unknown) => LlmError;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Every retry waits at least this long plus its jitter, even when the server says Retry-After: 0 (default 250). */
  minDelayMs?: number;
  /** No retry starts later than this after the first attempt (default 120 s): retries are bounded by time too. */
  maxRetryTimeMs?: number;
  /** A server asking us to wait longer than this ends the call instead. */
  maxRetryAfterMs?: number;
  onRetry?: OnRetry;
  gate?: RequestGate;
  clock?: Clock;
  random?: () => number;
  timeoutSignal?: (ms: number) => AbortSignal;
}

export interface RetryOutcome<T> {
  value: T;
  attempts: number;
}

export async function withRetry<T>(
  attempt: (signal: AbortSignal, attemptNumber: number) => Promise<T>,
  options: RetryOptions,
): Promise<RetryOutcome<T>> {
  const clock = options.clock ?? realClock;
  const maxAttempts = Math.max(1, Math.floor(options.maxRetries) + 1);
  const caller = options.signal;
  const started = clock.now();
  const budget = options.maxRetryTimeMs ?? DEFAULT_MAX_RETRY_TIME_MS;
  for (let n = 1; ; n++) {
    if (caller?.aborted) throw cancelledError(n - 1);
    const result = await runAttempt(attempt, n, options);
    if ('value' in result) return { value: result.value, attempts: n };
    const failure = result.failure;
    failure.attempts = n;
    if (!failure.retryable || n >= maxAttempts) throw failure;
    const delay = nextDelay(n, failure, options);
    if (delay === null) {
      throw new LlmError(
        failure.kind,
        `${failure.message}; the server asked to wait ${Math.round((failure.retryAfterMs ?? 0) / 1000)} s, longer than the ${Math.round((options.maxRetryAfterMs ?? 0) / 1000)} s allowed`,
        { status: failure.status, attempts: n, retryAfterMs: failure.retryAfterMs, cause: failure },
      );
    }
    if (clock.now() + delay - started > budget) {
      throw new LlmError(
        failure.kind,
        `${failure.message}; gave up after ${n} attempts in ${Math.round((clock.now() - started) / 1000)} s (retry time limit ${budget / 1000} s)`,
        { status: failure.status, attempts: n, retryAfterMs: failure.retryAfterMs, cause: failure },
      );
    }
    options.onRetry?.(n + 1, delay, describe(failure), { maxAttempts, error: failure });
    try {
      await clock.sleep(delay, caller);
    } catch {
      throw cancelledError(n);
    }
  }
}

type AttemptResult<T> = { value: T } | { failure: LlmError };

async function runAttempt<T>(
  attempt: (signal: AbortSignal, n: number) => Promise<T>,
  n: number,
  options: RetryOptions,
): Promise<AttemptResult<T>> {
  const caller = options.signal;
  let release: (() => void) | undefined;
  try {
    release = options.gate ? await options.gate.acquire(caller) : undefined;
  } catch (error) {
    if (caller?.aborted) return { failure: cancelledError(n - 1) };
    throw error;
  }
  const timeout = (options.timeoutSignal ?? AbortSignal.timeout)(options.timeoutMs);
  const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
  try {
    return { value: await untilAborted(attempt(signal, n), signal) };
  } catch (error) {
    if (caller?.aborted) return { failure: cancelledError(n) };
    if (timeout.aborted) return { failure: timeoutError(options.timeoutMs, n) };
    return { failure: error instanceof LlmError ? error : options.classify(error) };
  } finally {
    release?.();
  }
}

/** Settles with the promise, or rejects the moment the signal aborts even if the promise never settles. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Retries of one call (after the first attempt) unless the time limit comes first. */
export const DEFAULT_MAX_RETRIES = 10;
export const DEFAULT_MAX_RETRY_TIME_MS = 120_000;
export const DEFAULT_MIN_DELAY_MS = 250;

/**
 * The floor plus full-jitter exponential backoff, and at least what the server asked for; null when it asked for too
 * long. The floor and jitter also apply after `Retry-After: 0`, so calls refused together do not retry together.
 */
function nextDelay(failedAttempt: number, failure: LlmError, options: RetryOptions): number | null {
  const cap = options.maxRetryAfterMs ?? 120_000;
  if (failure.retryAfterMs !== undefined && failure.retryAfterMs > cap) return null;
  const base = options.baseDelayMs ?? 500;
  const ceiling = Math.min(options.maxDelayMs ?? 30_000, base * 2 ** (failedAttempt - 1));
  const backoff = (options.minDelayMs ?? DEFAULT_MIN_DELAY_MS) + Math.round((options.random ?? Math.random)() * ceiling);
  return failure.retryAfterMs !== undefined ? Math.max(failure.retryAfterMs, backoff) : backoff;
}

function describe(failure: LlmError): string {
  if (failure.kind === 'rate-limit') return `rate limited (HTTP ${failure.status ?? 429})`;
  if (failure.kind === 'timeout') return failure.message;
  if (failure.status !== undefined) return `HTTP ${failure.status}`;
  return failure.message;
}

/** One log line for a retry, e.g. "retrying 2/5 in 3 s: rate limited (HTTP 429)"; the reason is already redacted. */
export function formatRetry(attempt: number, delayMs: number, reason: string, info: Pick<RetryInfo, 'maxAttempts'>): string {
  const seconds = Number((delayMs / 1000).toFixed(1));
  return `retrying ${attempt}/${info.maxAttempts} in ${seconds} s: ${reason}`;
}
