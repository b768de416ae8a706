// The forecast of a run's own model beside its counts: the model and key come from the run's profile snapshot and
// number of agents, the result is cached in <run>/forecast.json (a hit does not recompute, another key does), and the
// extension's worker thread gives the same numbers as the in-process computation.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { computeInProcess, computeInWorker, type ForecastCompute } from '../../src/audit/forecast-compute';
import { compareWithForecast } from '../../src/audit/forecast-comparison';
import { loadRunContext, runCounts } from '../../src/audit/run-files';
import {
  cachedRunForecast,
  FORECAST_FILE,
  readCachedForecast,
  RUN_FORECAST_OPTIONS,
  runForecast,
  runForecastModel,
  RunForecasts,
} from '../../src/audit/run-forecast';
import { forecastHerding } from '../../src/core/forecast';
import { twoStateProfileJson } from './fixtures';
import { makeRun, rowsOf, type MadeRun } from './run-fixtures';
import { repoRoot } from '../support/cli';

/** Counts its calls, then computes in this process. */
function countingCompute(): ForecastCompute & { calls: number } {
  const compute = (async (model, options) => {
    compute.calls++;
    return computeInProcess(model, options);
  }) as ForecastCompute & { calls: number };
  compute.calls = 0;
  return compute;
}

describe('the forecast of a run, cached in its folder', function () {
  this.timeout(60_000);
  let run: MadeRun;
  before(async () => {
    // 5 agents (the profile says 6): the forecast must be for the run's number. Rows ≡ 1 mod 4 herd wrong.
    const labels = Array.from({ length: 16 }, (_, i) => (i % 3 === 0 ? 0 : 1));
    run = await makeRun(twoStateProfileJson(), rowsOf(labels), (item, agent, label) => (item % 4 === 1 && agent <= 3 ? 0 : (label ?? 0)), {
      agents: 5,
    });
  });

  it("builds the model from the run's profile snapshot and its number of agents; the key changes with either", async () => {
    const ctx = await loadRunContext(run.runDir);
    const m = runForecastModel(ctx);
    assert.deepEqual(m.model, { prior: [0.55, 0.45], likelihood: run.model.likelihood, utility: run.model.utility });
    assert.equal(m.options.agents, 5);
    assert.equal(m.options.maxBeliefs, RUN_FORECAST_OPTIONS.maxBeliefs);
    assert.equal(m.options.chains, 20_000);
    // Bounded cost for very long chains: fewer Monte Carlo chains, never below 1,000.
    const long = (agents: number) =>
      runForecastModel({ ...ctx, meta: { ...ctx.meta, header: { ...ctx.meta.header, agents } } }).options.chains;
    assert.deepEqual([long(1000), long(4000), long(100_000)], [20_000, 5000, 1000]);
    const moreAgents = runForecastModel({ ...ctx, meta: { ...ctx.meta, header: { ...ctx.meta.header, agents: 6 } } });
    const otherPrior = runForecastModel({ ...ctx, model: { ...ctx.model, prior: [0.5, 0.5] } });
    const otherB = runForecastModel({
      ...ctx,
      model: {
        ...ctx.model,
        likelihood: [
          [0.8, 0.2],
          [0.3, 0.7],
        ],
      },
    });
    assert.equal(new Set([m.key, moreAgents.key, otherPrior.key, otherB.key]).size, 4);
    assert.equal(runForecastModel(ctx).key, m.key, 'the key is a function of the model and agents');
    // An explicit identity transition is the same model as none.
    assert.equal(
      runForecastModel({
        ...ctx,
        model: {
          ...ctx.model,
          transition: [
            [1, 0],
            [0, 1],
          ],
        },
      }).key,
      m.key,
    );
  });

  it('computes once: a cache hit does not recompute, another model or number of agents does', async () => {
    const ctx = await loadRunContext(run.runDir);
    const compute = countingCompute();
    const first = await cachedRunForecast(run.runDir, ctx, compute);
    assert.equal(first.computed, true);
    assert.equal(compute.calls, 1);
    assert.ok(existsSync(path.join(run.runDir, FORECAST_FILE)));
    const expected = forecastHerding(
      { prior: ctx.model.prior, likelihood: ctx.model.likelihood, utility: ctx.model.utility },
      {
        ...RUN_FORECAST_OPTIONS,
        agents: 5,
      },
    );
    assert.deepEqual(first.forecast, expected);

    const again = await cachedRunForecast(run.runDir, ctx, compute);
    assert.equal(again.computed, false);
    assert.equal(compute.calls, 1, 'a cache hit does not recompute');
    assert.deepEqual(again.forecast, expected);

    const six = { ...ctx, meta: { ...ctx.meta, header: { ...ctx.meta.header, agents: 6 } } };
    const other = await cachedRunForecast(run.runDir, six, compute);
    assert.equal(compute.calls, 2, 'another number of agents recomputes');
    assert.equal(other.forecast.agents, 6);
    const prior = { ...ctx, model: { ...ctx.model, prior: [0.3, 0.7] } };
    await cachedRunForecast(run.runDir, prior, compute);
    assert.equal(compute.calls, 3, 'another profile recomputes');
    assert.equal(await readCachedForecast(run.runDir, runForecastModel(ctx).key), null, 'the file holds the latest key only');

    // A torn file is a miss, not an error.
    writeFileSync(path.join(run.runDir, FORECAST_FILE), '{"format":"herdscope-run-forecast/1","key":');
    assert.equal((await cachedRunForecast(run.runDir, ctx, compute)).computed, true);
    assert.equal(compute.calls, 4);
    assert.equal(JSON.parse(readFileSync(path.join(run.runDir, FORECAST_FILE), 'utf8')).key, runForecastModel(ctx).key);
  });

  it('runForecast gives compareWithForecast of the counts and the forecast, with how it was computed', async () => {
    const ctx = await loadRunContext(run.runDir);
    const counts = await runCounts(run.runDir, ctx);
    const result = await runForecast(run.runDir, counts, ctx);
    assert.equal(result.status, 'ready');
    if (result.status !== 'ready') return;
    const forecast = forecastHerding(runForecastModel(ctx).model, { ...RUN_FORECAST_OPTIONS, agents: 5 });
    assert.deepEqual(result.comparison, compareWithForecast(counts, forecast));
    assert.deepEqual(result.method, {
      exact: true,
      distinctBeliefs: forecast.distinctBeliefs,
      maxBeliefs: 200_000,
      chains: null,
      seed: null,
    });
    assert.equal(result.comparison.states[0].herding.observed.n + result.comparison.states[1].herding.observed.n, 16);
  });

  it('says why in one line: no labelled rows, a transition that is not the identity', async () => {
    const unlabelled = await makeRun(twoStateProfileJson(), rowsOf([null, null, null]), () => 1, { agents: 4 });
    const ctx = await loadRunContext(unlabelled.runDir);
    const none = await runForecast(unlabelled.runDir, await runCounts(unlabelled.runDir, ctx), ctx);
    assert.equal(none.status, 'unavailable');
    assert.match(none.status === 'unavailable' ? none.reason : '', /no labelled rows/);

    const labelled = await loadRunContext(run.runDir);
    const moving = {
      ...labelled,
      model: {
        ...labelled.model,
        transition: [
          [0.9, 0.1],
          [0.1, 0.9],
        ],
      },
    };
    const result = await runForecast(run.runDir, await runCounts(run.runDir, labelled), moving);
    assert.equal(result.status, 'unavailable');
    assert.match(result.status === 'unavailable' ? result.reason : '', /transition is not the identity/);
    assert.ok(!(result.status === 'unavailable' && result.reason.includes('\n')));
  });

  it('Monte Carlo beyond the belief cap is seeded: the same model gives the same numbers', async () => {
    const ctx = await loadRunContext(run.runDir);
    const mc = runForecastModel(ctx, { ...RUN_FORECAST_OPTIONS, maxBeliefs: 0, chains: 3000 });
    const a = await computeInProcess(mc.model, mc.options);
    const b = await computeInProcess(mc.model, mc.options);
    assert.equal(a.exact, false);
    assert.equal(a.chains, 3000);
    assert.deepEqual(a, b);
  });

  it('RunForecasts (the extension host): pending, then ready; later overviews reuse it without computing', async () => {
    const fresh = await makeRun(twoStateProfileJson(), rowsOf([0, 1, 1, 0]), (_i, _a, label) => label ?? 0, { agents: 4 });
    const ctx = await loadRunContext(fresh.runDir);
    const counts = await runCounts(fresh.runDir, ctx);
    const compute = countingCompute();
    const forecasts = new RunForecasts(compute);
    const first = forecasts.forRun(fresh.runDir, ctx.meta, counts);
    const second = forecasts.forRun(fresh.runDir, ctx.meta, counts);
    assert.deepEqual(first.now, { status: 'pending' });
    assert.ok(first.later && second.later);
    const ready = await first.later;
    assert.equal(ready.status, 'ready');
    assert.deepEqual(await second.later, ready);
    assert.equal(compute.calls, 1, 'two overviews while computing: one computation');
    const third = forecasts.forRun(fresh.runDir, ctx.meta, counts);
    assert.equal(third.later, null);
    assert.deepEqual(third.now, ready);
    // Another host (a reload) finds the cache in the run folder.
    const reloaded = new RunForecasts(compute);
    assert.deepEqual(await reloaded.forRun(fresh.runDir, ctx.meta, counts).later, ready);
    assert.equal(compute.calls, 1);
    assert.deepEqual(await runForecast(fresh.runDir, counts, ctx), ready, 'the CLI and reports read the same numbers');
  });

  it('the worker thread (the built dist/forecast-worker.js and the compiled one) computes the same forecast', async () => {
    const ctx = await loadRunContext(run.runDir);
    const { model, options } = runForecastModel(ctx);
    const expected = await computeInProcess(model, options);
    for (const file of [path.join(repoRoot, 'dist', 'forecast-worker.js'), path.resolve(__dirname, '../../src/audit/forecast-worker.js')]) {
      assert.deepEqual(await computeInWorker(file)(model, options), expected, file);
    }
    await assert.rejects(
      computeInWorker(path.resolve(__dirname, '../../src/audit/forecast-worker.js'))(model, { ...options, agents: 0 }),
      /agents/,
    );
  });
});
