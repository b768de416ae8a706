// The forecast beside what happened: per-label rates from RunCounts next to the forecast, by hand and on simulated runs.
import assert from 'node:assert/strict';
import { compareWithForecast } from '../../src/audit/forecast-comparison';
import type { ItemSummary } from '../../src/shared/run-header';
import { addItem, emptyCounts, optimalActions } from '../../src/audit/run-counts';
import type { StepRecord } from '../../src/shared/step-record';
import { forecastHerding } from '../../src/core/forecast';
import type { DecisionModel } from '../../src/core/model';
import { createRng } from '../../src/core/random';
import { learn } from '../../src/core/social-learning';
import { herdAction } from '../../src/core/cascade';
import { wilsonInterval } from '../../src/core/simulate/wilson';

const model: DecisionModel = {
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

function step(item: number, index: number, action: number, y: number, before: number[]): StepRecord {
  return {
    runId: 'r',
    item,
    index,
    provider: 'openai',
    model: 'm',
    promptHash: 'h',
    rawResponse: null,
    observation: { attributes: {}, index: y },
    privateBelief: null,
    action,
    bayesAction: action,
    publicBeliefBefore: before,
    publicBeliefAfter: before,
    cascade: false,
    herding: false,
    tokens: null,
    latencyMs: 0,
    costUsd: null,
  };
}

/** A run of `items` chains of N agents per label, observations drawn from `law` (the sensor the run really had), through learn(). */
function simulatedRun(N: number, itemsPerLabel: number, law: number[][], seed: number) {
  const counts = emptyCounts({ states: 2, actions: 2, observations: 2, agents: N });
  const optimal = optimalActions(model);
  const rng = createRng(seed);
  let n = 0;
  for (let label = 0; label < 2; label++) {
    for (let j = 0; j < itemsPerLabel; j++, n++) {
      const ys = Array.from({ length: N }, () => rng.categorical(law[label]));
      const { steps, herdingStep } = learn(model, ys);
      const before = (k: number) => (k === 1 ? model.prior : steps[k - 2].publicBelief);
      const summary: ItemSummary = {
        item: n,
        text: `t${n}`,
        label,
        herdingStep,
        herdAction: herdingStep === null ? null : herdAction(model, before(herdingStep)),
        finalPublicBelief: steps[N - 1].publicBelief,
        errors: 0,
      };
      addItem(
        counts,
        summary,
        steps.map((s, k) => step(n, k + 1, s.action, ys[k], before(k + 1))),
        optimal,
      );
    }
  }
  return counts;
}

describe('forecast beside what happened', () => {
  it('by hand: 7 of 10 label-0 items herded, 1 wrongly; no label-1 item', () => {
    const counts = emptyCounts({ states: 2, actions: 2, observations: 2, agents: 6 });
    counts.labelledByLabel = [10, 0];
    counts.herdedByLabel = [7, 0];
    counts.wrongHerdsByLabel = [1, 0];
    const forecast = forecastHerding(model, { agents: 6 });
    const cmp = compareWithForecast(counts, forecast);
    assert.equal(cmp.exact, true);
    const s0 = cmp.states[0];
    assert.deepEqual(s0.herding.observed, { k: 7, n: 10, rate: 0.7, interval: wilsonInterval(7, 10) });
    // Forecast for state 0 at N = 6 (see test/core/forecast): herded 0.98677, wrong 0.1089.
    assert.ok(Math.abs(s0.herding.forecast - 0.98677) < 1e-12);
    assert.equal(s0.herding.consistent, false); // Wilson(7, 10) ≈ [0.397, 0.892]
    assert.ok(Math.abs(s0.wrongHerd.forecast - 0.1089) < 1e-12);
    assert.equal(s0.wrongHerd.consistent, true); // Wilson(1, 10) ≈ [0.018, 0.404]
    assert.equal(cmp.states[1].herding.observed.rate, null);
    assert.equal(cmp.states[1].herding.consistent, null);
  });

  it("a run whose answers follow the profile's B agrees with the forecast; one with a misspecified sensor does not", () => {
    const N = 8;
    const forecast = forecastHerding(model, { agents: N });
    const faithful = compareWithForecast(simulatedRun(N, 1500, model.likelihood, 1), forecast);
    for (const s of faithful.states) {
      assert.equal(s.herding.consistent, true, JSON.stringify(s.herding));
      assert.equal(s.wrongHerd.consistent, true, JSON.stringify(s.wrongHerd));
    }
    // The real sensor is uninformative: every label herds wrongly as often as rightly, far from the forecast.
    const broken = compareWithForecast(
      simulatedRun(
        N,
        1500,
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
        2,
      ),
      forecast,
    );
    assert.ok(
      broken.states.some((s) => s.wrongHerd.consistent === false),
      JSON.stringify(broken.states),
    );
  });

  it('a Monte Carlo forecast is compared through its interval', () => {
    const N = 8;
    const forecast = forecastHerding(model, { agents: N, maxBeliefs: 0, chains: 4000, seed: 9 });
    const cmp = compareWithForecast(simulatedRun(N, 1500, model.likelihood, 3), forecast);
    assert.equal(cmp.exact, false);
    for (const s of cmp.states) {
      assert.ok(s.herding.forecastInterval);
      assert.equal(s.herding.consistent, true);
    }
  });

  it('refuses a forecast for another number of agents or states', () => {
    const counts = emptyCounts({ states: 2, actions: 2, observations: 2, agents: 5 });
    assert.throws(() => compareWithForecast(counts, forecastHerding(model, { agents: 6 })), /6 agents, the run has 5/);
  });
});
