import assert from 'node:assert/strict';
import { RateLimiter, sharedRateLimiter } from '../../src/llm/rate-limit';
import { VirtualClock } from './virtual-clock';

const tick = () => new Promise((r) => setImmediate(r));

describe('llm/rate-limit', () => {
  it('never lets more than `concurrency` requests run at once', async () => {
    const limiter = new RateLimiter({ concurrency: 2 });
    let running = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const tasks = Array.from({ length: 6 }, () =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((r) => gates.push(r));
        running--;
      }),
    );
    for (let i = 0; i < 6; i++) {
      await tick();
      assert.ok(running <= 2);
      gates.shift()?.();
    }
    while (gates.length > 0) {
      gates.shift()?.();
      await tick();
    }
    await Promise.all(tasks);
    assert.equal(peak, 2);
  });

  it('paces requests to the per-minute rate after the burst', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ concurrency: 10, requestsPerMinute: 120, burst: 2, clock });
    for (let i = 0; i < 5; i++) (await limiter.acquire())();
    assert.deepEqual(clock.sleeps, [500, 500, 500]);

    const idle = new RateLimiter({ concurrency: 1, requestsPerMinute: 60, clock });
    (await idle.acquire())();
    await clock.sleep(10_000);
    clock.sleeps.length = 0;
    (await idle.acquire())();
    assert.deepEqual(clock.sleeps, [], 'tokens refilled while idle');
  });

  it('drops a cancelled waiter without leaking its slot', async () => {
    const limiter = new RateLimiter({ concurrency: 1 });
    const first = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await assert.rejects(waiting, /cancelled/);
    first();
    const next = await limiter.acquire();
    assert.equal(limiter.activeCount, 1);
    next();
    await tick();
    assert.equal(limiter.activeCount, 0);
  });

  it('shares one limiter per endpoint key', () => {
    const a = sharedRateLimiter('openai|http://shared.test/v1', { concurrency: 2 });
    assert.equal(sharedRateLimiter('openai|http://shared.test/v1', { concurrency: 9 }), a);
    assert.notEqual(sharedRateLimiter('mistral|http://shared.test', { concurrency: 2 }), a);
  });

  it('rejects a concurrency below 1', () => {
    assert.throws(() => new RateLimiter({ concurrency: 0 }), /concurrency: must be an integer ≥ 1/);
  });
});
