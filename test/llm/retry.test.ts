import assert from 'node:assert/strict';
import { LlmError } from '../../src/llm/errors';
import { formatRetry, withRetry } from '../../src/llm/retry';
import { StuckClock, VirtualClock } from './virtual-clock';

const classify = (e: unknown) => (e instanceof LlmError ? e : new LlmError('provider', String(e)));
const httpError = (status: number, retryAfterMs?: number) =>
  new LlmError(status === 429 ? 'rate-limit' : 'http', `HTTP ${status}`, {
    status,
    retryable: status === 429 || status >= 500,
    retryAfterMs,
  });

describe('llm/retry', () => {
  for (const status of [400, 401, 403, 404]) {
    it(`never retries HTTP ${status}`, async () => {
      const clock = new VirtualClock();
      let calls = 0;
      const error = await withRetry(
        async () => {
          calls++;
          throw httpError(status);
        },
        { maxRetries: 5, timeoutMs: 1000, classify, clock },
      ).catch((e: unknown) => e);
      assert.ok(error instanceof LlmError);
      assert.equal(error.status, status);
      assert.equal(error.attempts, 1);
      assert.equal(calls, 1);
      assert.deepEqual(clock.sleeps, []);
    });
  }

  it('backs off exponentially under the ceiling (full jitter), capped by maxDelayMs, and reports each retry', async () => {
    const clock = new VirtualClock();
    const seen: Array<[number, number, string, number]> = [];
    const error = await withRetry(
      async () => {
        throw httpError(503);
      },
      {
        maxRetries: 4,
        timeoutMs: 1000,
        classify,
        clock,
        random: () => 1,
        baseDelayMs: 500,
        maxDelayMs: 3000,
        onRetry: (a, d, r, info) => seen.push([a, d, r, info.maxAttempts]),
      },
    ).catch((e: unknown) => e);
    assert.ok(error instanceof LlmError);
    assert.equal(error.attempts, 5);
    assert.deepEqual(clock.sleeps, [250 + 500, 250 + 1000, 250 + 2000, 250 + 3000], 'the 250 ms floor plus the jitter under the ceiling');
    assert.deepEqual(
      seen.map((s) => s[0]),
      [2, 3, 4, 5],
    );
    assert.ok(seen.every((s) => s[2] === 'HTTP 503' && s[3] === 5));

    const jittered = new VirtualClock();
    await withRetry(
      async () => {
        throw httpError(500);
      },
      { maxRetries: 3, timeoutMs: 1000, classify, clock: jittered, random: () => 0.25 },
    ).catch(() => undefined);
    assert.deepEqual(jittered.sleeps, [250 + 125, 250 + 250, 250 + 500]);
  });

  it('Retry-After: 0 still waits the floor plus jitter, and a longer Retry-After wins over the backoff', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ < 2) throw httpError(429, calls === 1 ? 0 : 5000);
        return 'ok';
      },
      { maxRetries: 4, timeoutMs: 1000, classify, clock, random: () => 0.5, minDelayMs: 100, baseDelayMs: 40 },
    );
    assert.deepEqual(clock.sleeps, [100 + 0.5 * 40, 5000]);
  });

  it('stops retrying when the next wait would pass the retry time limit, naming the limit', async () => {
    const clock = new VirtualClock();
    const error = await withRetry(
      async () => {
        throw httpError(503);
      },
      {
        maxRetries: 100,
        timeoutMs: 1000,
        classify,
        clock,
        random: () => 1,
        minDelayMs: 0,
        baseDelayMs: 1000,
        maxDelayMs: 1000,
        maxRetryTimeMs: 3500,
      },
    ).catch((e: unknown) => e);
    assert.ok(error instanceof LlmError);
    assert.deepEqual(clock.sleeps, [1000, 1000, 1000], 'a fourth wait would end at 4 s, past the 3.5 s limit');
    assert.equal(error.attempts, 4);
    assert.match(error.message, /gave up after 4 attempts .*retry time limit 3.5 s/);
  });

  it('formats each retry as one log line with the attempt, the bound and the wait the server asked for', async () => {
    const lines: string[] = [];
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ < 2) throw httpError(429, 3000);
        return 'ok';
      },
      { maxRetries: 4, timeoutMs: 1000, classify, clock: new VirtualClock(), onRetry: (...args) => lines.push(formatRetry(...args)) },
    );
    assert.deepEqual(lines, ['retrying 2/5 in 3 s: rate limited (HTTP 429)', 'retrying 3/5 in 3 s: rate limited (HTTP 429)']);
    assert.equal(formatRetry(2, 1250, 'HTTP 503', { maxAttempts: 3 }), 'retrying 2/3 in 1.3 s: HTTP 503');
  });

  it('waits exactly what the server asked for, and gives up when it asks for too long', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const outcome = await withRetry(
      async () => {
        if (calls++ === 0) throw httpError(429, 4200);
        return 'done';
      },
      { maxRetries: 2, timeoutMs: 1000, classify, clock },
    );
    assert.deepEqual(outcome, { value: 'done', attempts: 2 });
    assert.deepEqual(clock.sleeps, [4200]);

    const error = await withRetry(
      async () => {
        throw httpError(429, 600_000);
      },
      { maxRetries: 2, timeoutMs: 1000, classify, clock: new VirtualClock(), maxRetryAfterMs: 60_000 },
    ).catch((e: unknown) => e);
    assert.ok(error instanceof LlmError);
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.attempts, 1);
    assert.match(error.message, /asked to wait 600 s, longer than the 60 s allowed/);
  });

  it('turns a per-attempt timeout into a timeout error even when the attempt ignores its signal', async () => {
    const timers: AbortController[] = [];
    const pending = withRetry(() => new Promise<never>(() => undefined), {
      maxRetries: 0,
      timeoutMs: 250,
      classify,
      timeoutSignal: () => {
        const c = new AbortController();
        timers.push(c);
        return c.signal;
      },
    }).catch((e: unknown) => e);
    await Promise.resolve();
    timers[0].abort(new DOMException('timed out', 'TimeoutError'));
    const error = await pending;
    assert.ok(error instanceof LlmError);
    assert.equal(error.kind, 'timeout');
    assert.equal(error.attempts, 1);
    assert.match(error.message, /250 ms/);
  });

  it('cancels at once while waiting to retry, and before starting', async () => {
    const clock = new StuckClock();
    const controller = new AbortController();
    let calls = 0;
    const pending = withRetry(
      async () => {
        calls++;
        throw httpError(500);
      },
      { maxRetries: 3, timeoutMs: 1000, classify, clock, signal: controller.signal },
    ).catch((e: unknown) => e);
    while (clock.sleeps.length === 0) await new Promise((r) => setImmediate(r));
    controller.abort();
    const error = await pending;
    assert.ok(error instanceof LlmError);
    assert.equal(error.kind, 'cancelled');
    assert.equal(error.attempts, 1);
    assert.equal(calls, 1);

    const before = await withRetry(async () => 'never', { maxRetries: 0, timeoutMs: 1000, classify, signal: AbortSignal.abort() }).catch(
      (e: unknown) => e,
    );
    assert.ok(before instanceof LlmError);
    assert.equal(before.kind, 'cancelled');
    assert.equal(before.attempts, 0);
  });

  it('passes each attempt a signal that aborts when the caller cancels', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const pending = withRetry(
      (signal) => {
        seen = signal;
        return new Promise<never>(() => undefined);
      },
      { maxRetries: 0, timeoutMs: 60_000, classify, signal: controller.signal },
    ).catch((e: unknown) => e);
    await Promise.resolve();
    controller.abort();
    assert.equal(((await pending) as LlmError).kind, 'cancelled');
    assert.equal(seen?.aborted, true);
  });

  it('acquires the gate before every attempt and releases it after', async () => {
    let held = 0;
    let acquired = 0;
    const gate = {
      acquire: async () => {
        held++;
        acquired++;
        return () => void held--;
      },
    };
    let calls = 0;
    const outcome = await withRetry(
      async () => {
        assert.equal(held, 1);
        if (++calls < 3) throw httpError(502);
        return calls;
      },
      { maxRetries: 5, timeoutMs: 1000, classify, clock: new VirtualClock(), gate },
    );
    assert.deepEqual(outcome, { value: 3, attempts: 3 });
    assert.equal(acquired, 3);
    assert.equal(held, 0);
  });
});
