// Per-endpoint concurrency limit (p-limit) plus a requests-per-minute token bucket, shared by every provider on that endpoint.
import pLimit, { type LimitFunction } from 'p-limit';
import { type Clock, realClock } from './clock';
import type { RequestGate } from './retry';

export interface RateLimitOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests started per minute; 0 or undefined means no limit. */
  requestsPerMinute?: number;
  /** Requests that may start back to back before the per-minute pace applies; default one second's worth. */
  burst?: number;
  clock?: Clock;
}

export class RateLimiter implements RequestGate {
  private readonly limit: LimitFunction;
  private readonly clock: Clock;
  private readonly perMs: number;
  private readonly capacity: number;
  private tokens: number;
  private refilledAt: number;

  constructor(options: RateLimitOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
      throw new RangeError(`concurrency: must be an integer ≥ 1, got ${options.concurrency}`);
    const rpm = options.requestsPerMinute ?? 0;
    if (!(rpm >= 0)) throw new RangeError(`requestsPerMinute: must be ≥ 0, got ${rpm}`);
    this.limit = pLimit(options.concurrency);
    this.clock = options.clock ?? realClock;
    this.perMs = rpm / 60_000;
    this.capacity = Math.max(1, options.burst ?? Math.ceil(rpm / 60));
    this.tokens = this.capacity;
    this.refilledAt = this.clock.now();
  }

  /** Raises the calls in flight to at least `concurrency` (a later run on the same endpoint that asks for more). */
  widen(concurrency: number): void {
    if (Number.isInteger(concurrency) && concurrency > this.limit.concurrency) this.limit.concurrency = concurrency;
  }

  get activeCount(): number {
    return this.limit.activeCount;
  }

  get pendingCount(): number {
    return this.limit.pendingCount;
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    const release = await this.slot(signal);
    try {
      await this.takeToken(signal);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  /** Runs fn inside a slot and after a token. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private slot(signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      let settled = false;
      const onAbort = () => {
        settled = true;
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      void this.limit(
        () =>
          new Promise<void>((done) => {
            signal?.removeEventListener('abort', onAbort);
            if (settled) return done(); // cancelled while queued: hand the slot straight back
            settled = true;
            let released = false;
            resolve(() => {
              if (!released) done();
              released = true;
            });
          }),
      );
    });
  }

  private async takeToken(signal?: AbortSignal): Promise<void> {
    if (this.perMs === 0) return;
    for (;;) {
      const now = this.clock.now();
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * this.perMs);
      this.refilledAt = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil((1 - this.tokens) / this.perMs), signal);
    }
  }
}

const shared = new Map<string, RateLimiter>();

/**
 * The limiter for an endpoint (e.g. "openai|http://localhost:11434/v1"); the first caller's requests-per-minute apply to
 * everyone on it, and its concurrency is the largest any caller asked for (a run's --concurrency is really in flight).
 */
export function sharedRateLimiter(endpointKey: string, options: RateLimitOptions): RateLimiter {
  let limiter = shared.get(endpointKey);
  if (!limiter) {
    limiter = new RateLimiter(options);
    shared.set(endpointKey, limiter);
  }
  limiter.widen(options.concurrency);
  return limiter;
}
