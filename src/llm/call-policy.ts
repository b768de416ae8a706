// What every live provider call goes through: the endpoint's rate limiter, retries, per-attempt timeout, latency.
import { type Clock, realClock } from './clock';
import type { LlmError } from './errors';
import { type OnRetry, type RequestGate, withRetry } from './retry';

export interface CallPolicy {
  timeoutMs: number;
  maxRetries: number;
  gate?: RequestGate;
  onRetry?: OnRetry;
  baseDelayMs?: number;
  maxDelayMs?: number;
  minDelayMs?: number;
  maxRetryTimeMs?: number;
  maxRetryAfterMs?: number;
  clock?: Clock;
  random?: () => number;
}

export interface PolicyOutcome<T> {
  value: T;
  attempts: number;
  latencyMs: number;
}

export async function callWithPolicy<T>(
  policy: CallPolicy,
  signal: AbortSignal | undefined,
  attempt: (signal: AbortSignal) => Promise<T>,
  classify: (error: unknown) => LlmError,
): Promise<PolicyOutcome<T>> {
  const clock = policy.clock ?? realClock;
  const started = clock.now();
  const { value, attempts } = await withRetry(attempt, {
    maxRetries: policy.maxRetries,
    timeoutMs: policy.timeoutMs,
    signal,
    classify,
    baseDelayMs: policy.baseDelayMs,
    maxDelayMs: policy.maxDelayMs,
    minDelayMs: policy.minDelayMs,
    maxRetryTimeMs: policy.maxRetryTimeMs,
    maxRetryAfterMs: policy.maxRetryAfterMs,
    onRetry: policy.onRetry,
    gate: policy.gate,
    clock,
    random: policy.random,
  });
  return { value, attempts, latencyMs: clock.now() - started };
}
