// Cooperative cancellation of the forecast: the async driver gives the event loop a turn between slices and stops at
// the first checkpoint after the signal is aborted, with a typed error and no result; uncancelled, it computes exactly
// what the synchronous forecast computes.
import assert from 'node:assert/strict';
import {
  ForecastCancelledError,
  forecastHerding,
  forecastHerdingAsync,
  sampleHerding,
  type ForecastOptions,
  type ForecastProgress,
} from '../../../src/core/forecast';
import type { DecisionModel } from '../../../src/core/model';

/** Three states and observations: ~80,000 reachable public beliefs in 40 agents, a few hundred ms of work. */
const model: DecisionModel = {
  prior: [0.4, 0.35, 0.25],
  likelihood: [
    [0.4, 0.35, 0.25],
    [0.3, 0.4, 0.3],
    [0.25, 0.35, 0.4],
  ],
  utility: [
    [1, 0, 0.2],
    [0, 1, 0.2],
    [0.2, 0, 1],
  ],
};
const EXACT: ForecastOptions = { agents: 40 };
const MONTE_CARLO: ForecastOptions = { agents: 40, maxBeliefs: 0, chains: 3000, seed: 5 };

/** Runs the async forecast pausing at every checkpoint; `onPause(n, progress)` sees the n-th pause. */
function sliced(opts: ForecastOptions, onPause: (n: number, progress: ForecastProgress) => void = () => {}) {
  let pauses = 0;
  let last: ForecastProgress | undefined;
  const result = forecastHerdingAsync(model, {
    ...opts,
    sliceMs: 0,
    onProgress: (p) => (last = p),
    pause: async () => {
      pauses += 1;
      onPause(pauses, last!);
    },
  });
  return { result, pauses: () => pauses, last: () => last };
}

describe('forecast: cancellation', () => {
  it('uncancelled, the sliced forecast equals the synchronous one (exact and Monte Carlo), pausing many times', async () => {
    for (const opts of [EXACT, MONTE_CARLO]) {
      const run = sliced(opts);
      const got = await run.result;
      assert.deepEqual(got, forecastHerding(model, opts));
      assert.equal(got.exact, opts === EXACT);
      assert.ok(run.pauses() >= 8, `${run.pauses()} pauses`);
    }
  });

  it('aborted at the second pause, stops there: rejects with ForecastCancelledError and does no further slice', async () => {
    const controller = new AbortController();
    const run = sliced({ ...EXACT, signal: controller.signal }, (n) => n === 2 && controller.abort());
    await assert.rejects(run.result, (err: unknown) => {
      assert.ok(err instanceof ForecastCancelledError);
      assert.equal(err.name, 'ForecastCancelledError');
      assert.equal(err.message, 'Forecast cancelled');
      return true;
    });
    assert.equal(run.pauses(), 2);
  });

  it('aborted during the exact enumeration or the Monte Carlo chains, stops in that phase', async () => {
    for (const [opts, phase] of [
      [EXACT, 'exact'],
      [MONTE_CARLO, 'monte-carlo'],
    ] as const) {
      const phases: ForecastProgress[] = [];
      await sliced(opts, (_, p) => phases.push(p)).result;
      const at = phases.findIndex((p) => p.phase === phase && p.done > 0) + 1;
      assert.ok(at > 0, `a ${phase} checkpoint is reached`);
      const controller = new AbortController();
      const run = sliced({ ...opts, signal: controller.signal }, (n) => n === at && controller.abort());
      await assert.rejects(run.result, ForecastCancelledError);
      assert.equal(run.pauses(), at);
      const last = run.last()!;
      assert.equal(last.phase, phase);
      assert.ok(last.done < last.total, `stopped before the end of the ${phase} phase (${last.done} of ${last.total})`);
    }
  });

  it('the synchronous forecast checks the signal at every checkpoint and throws at the first one after abort', () => {
    let reads = 0;
    const signal = {
      get aborted() {
        reads += 1;
        return reads > 5;
      },
    };
    assert.throws(() => forecastHerding(model, { ...EXACT, signal }), ForecastCancelledError);
    assert.equal(reads, 6);
    assert.throws(() => forecastHerding(model, { ...EXACT, signal: AbortSignal.abort() }), ForecastCancelledError);
    assert.throws(() => sampleHerding(model, 40, 3000, 5, 0, AbortSignal.abort()), ForecastCancelledError);
  });

  it('a signal aborted before the start rejects without computing (no pause, no progress)', async () => {
    const run = forecastHerdingAsync(model, {
      ...EXACT,
      signal: AbortSignal.abort(),
      sliceMs: 0,
      pause: async () => assert.fail('no slice runs'),
      onProgress: () => assert.fail('no progress'),
    });
    await assert.rejects(run, ForecastCancelledError);
  });
});
