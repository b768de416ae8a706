// The run/forecast message and its RunForecast: what the panel accepts (pending, unavailable with a reason, ready with
// well-formed numbers) and what it drops, and the words shared by the panel, the report and the CLI.
import assert from 'node:assert/strict';
import { compareWithForecast } from '../../src/audit/forecast-comparison';
import { emptyCounts } from '../../src/audit/run-counts';
import { readyForecast } from '../../src/audit/run-forecast';
import { forecastHerding } from '../../src/core/forecast';
import { isHostMessage } from '../../src/shared/protocol';
import { parseWith, runForecastSchema } from '../../src/shared/protocol-schema';
import { consistencyText, forecastMethodText, forecastValueText, observedText } from '../../src/shared/run-forecast';

const model = {
  prior: [0.55, 0.45],
  likelihood: [
    [0.7, 0.3],
    [0.3, 0.7],
  ],
  utility: [
    [1, 0],
    [0, 1],
  ],
};

function ready(maxBeliefs?: number) {
  const counts = emptyCounts({ states: 2, actions: 2, observations: 2, agents: 6 });
  counts.labelledByLabel = [10, 0];
  counts.herdedByLabel = [7, 0];
  counts.wrongHerdsByLabel = [1, 0];
  const forecast = forecastHerding(model, { agents: 6, ...(maxBeliefs === undefined ? {} : { maxBeliefs, chains: 500, seed: 4 }) });
  const r = readyForecast(forecast, counts);
  assert.ok(r.status === 'ready');
  assert.deepEqual(r.comparison, compareWithForecast(counts, forecast));
  return r;
}

describe('run/forecast and RunForecast', () => {
  it('accepts pending, unavailable and well-formed ready forecasts (exact and Monte Carlo)', () => {
    assert.ok(isHostMessage({ type: 'run/forecast', runId: 'r', forecast: { status: 'pending' } }));
    assert.deepEqual(parseWith(runForecastSchema, { status: 'pending' }), { status: 'pending' });
    assert.deepEqual(parseWith(runForecastSchema, { status: 'unavailable', reason: 'no labels' }), {
      status: 'unavailable',
      reason: 'no labels',
    });
    for (const r of [ready(), ready(0)]) assert.deepEqual(parseWith(runForecastSchema, JSON.parse(JSON.stringify(r))), r);
  });

  it('drops malformed numbers: k > n, a rate outside its interval, a probability above 1, a reversed interval, no reason', () => {
    const bad: Array<(r: ReturnType<typeof ready>) => void> = [
      (r) => (r.comparison.states[0].herding.observed.k = 11),
      (r) => (r.comparison.states[0].herding.observed.rate = 0.2),
      (r) => (r.comparison.states[0].wrongHerd.forecast = 1.2),
      (r) => (r.comparison.states[0].herding.observed.interval = [0.9, 0.4]),
      (r) => (r.comparison.states[1].herding.observed.rate = 0.5),
    ];
    for (const spoil of bad) {
      const r = structuredClone(ready());
      spoil(r);
      assert.equal(parseWith(runForecastSchema, r), null, JSON.stringify(r.comparison.states));
    }
    assert.equal(parseWith(runForecastSchema, { status: 'unavailable' }), null);
    assert.equal(parseWith(runForecastSchema, { status: 'done' }), null);
  });

  it('words: observed k/n with Wilson, the forecast with its Monte Carlo interval, the marker, the method', () => {
    const exact = ready();
    const s0 = exact.comparison.states[0];
    assert.equal(observedText(s0.herding), '70.0% (7/10, 95% CI 39.7%–89.2%)');
    assert.equal(forecastValueText(s0.herding), '98.7%');
    assert.equal(consistencyText(s0.herding), "observed outside the forecast's range");
    assert.equal(consistencyText(s0.wrongHerd), 'consistent with the forecast');
    assert.equal(observedText(exact.comparison.states[1].herding), 'no labelled rows');
    assert.equal(consistencyText(exact.comparison.states[1].herding), 'no labelled rows');
    assert.match(forecastMethodText(exact.method), /^exact \(\d+ public beliefs enumerated\)$/);
    const mc = ready(0);
    assert.equal(forecastMethodText(mc.method), 'Monte Carlo, 500 runs per state (seed 4; enumeration off), 95% intervals');
    assert.match(forecastValueText(mc.comparison.states[0].herding), /^\d+\.\d% \(95% \d+\.\d%–\d+\.\d%\)$/);
  });
});
