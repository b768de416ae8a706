// The exact forecast against the core simulator's seeded chains, and the Monte Carlo mode against the exact one.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { forecastHerding } from '../../../src/core/forecast';
import type { DecisionModel } from '../../../src/core/model';
import { ChainSimulator, drawObservations, type SimulationModel, type SimulationPlan } from '../../../src/core/simulate';
import { modelCase } from '../reference/arbitraries';

/** |freq − p| within z binomial standard errors (plus one count, for p near 0 or 1). */
function withinBinomial(k: number, n: number, p: number, z: number): boolean {
  return Math.abs(k / n - p) <= z * Math.sqrt((p * (1 - p)) / n) + 1 / n;
}

const optimalOf = (model: DecisionModel) => model.utility.map((row) => row.map((u) => u === Math.max(...row)));

describe('forecast vs the core simulator (ChainSimulator, the engine of herdscope simulate)', () => {
  it('simulated herding-step and wrong-herd frequencies lie within 5 standard errors of the exact forecast on many random models', () => {
    const runs = 800;
    let comparisons = 0;
    let within2 = 0;
    fc.assert(
      fc.property(
        modelCase({ maxX: 4, maxY: 4, maxA: 4, transition: 'identity' }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 8 }),
        ({ model }, N, p8) => {
          // π0 = p·e_0 + (1 − p)·e_x* per true state x* (the simulator's two-point family).
          const p = p8 / 8;
          const X = model.prior.length;
          const sim: SimulationModel = { model, source: { kind: 'likelihood' }, family: { kind: 'two-point', anchor: 0 } };
          const plan: SimulationPlan = {
            agents: N,
            runs,
            priorGrid: [p],
            trueStates: Array.from({ length: X }, (_, x) => x),
            codeParity: false,
          };
          const outcome = new ChainSimulator(sim, plan).run(drawObservations(sim, plan, 7));
          const optimal = optimalOf(model);
          for (let x = 0; x < X; x++) {
            const prior = new Array<number>(X).fill(0);
            prior[0] += p;
            prior[x] += 1 - p;
            const f = forecastHerding({ ...model, prior }, { agents: N, regionSamples: 10 });
            assert.equal(f.exact, true);
            const s = f.states[x];
            const byK = new Array<number>(N).fill(0);
            let wrong = 0;
            for (let run = 0; run < runs; run++) {
              const c = run * X + x;
              const step = outcome.herdingStep[c];
              if (step > 0) {
                for (let k = step; k <= N; k++) byK[k - 1] += 1;
                if (!optimal[x][outcome.herdAction[c]]) wrong += 1;
              }
            }
            const checks: Array<[number, number]> = [...byK.map((k, i): [number, number] => [k, s.herdedBy[i]]), [wrong, s.wrongHerd]];
            for (const [k, want] of checks) {
              assert.ok(
                withinBinomial(k, runs, want, 5),
                `state ${x}: simulated ${k}/${runs} vs forecast ${want} (N=${N}, p=${p}, model ${JSON.stringify(model)})`,
              );
              if (want === 0 || want === 1) assert.equal(k, want * runs, 'a forecast of 0 or 1 is certain');
              comparisons += 1;
              if (withinBinomial(k, runs, want, 2)) within2 += 1;
            }
          }
        },
      ),
      { numRuns: 120, seed: 3 },
    );
    // About 95% of the comparisons should lie within 2 standard errors if the forecast is the law the simulator samples.
    assert.ok(within2 / comparisons > 0.9, `${within2}/${comparisons} within 2 standard errors`);
  });
});

describe('forecast: Monte Carlo mode vs exact', () => {
  it('is labelled exact: false, and its 95% intervals cover the exact values about 95% of the time', () => {
    let covered = 0;
    let total = 0;
    fc.assert(
      fc.property(modelCase({ maxX: 3, maxY: 3, maxA: 3, transition: 'identity' }), fc.integer({ min: 1, max: 10 }), ({ model }, N) => {
        const exact = forecastHerding(model, { agents: N, regionSamples: 10 });
        const mc = forecastHerding(model, { agents: N, maxBeliefs: 0, chains: 1500, seed: 11, regionSamples: 10 });
        assert.equal(mc.exact, false);
        assert.equal(mc.chains, 1500);
        mc.states.forEach((s, i) => {
          const e = exact.states[i];
          const iv = s.intervals;
          assert.ok(iv);
          const pairs: Array<[[number, number], number, number]> = [
            ...s.herdedBy.map((v, k): [[number, number], number, number] => [iv.herdedBy[k], e.herdedBy[k], v]),
            [iv.wrongHerd, e.wrongHerd, s.wrongHerd],
          ];
          for (const [[lo, hi], want, got] of pairs) {
            assert.ok(lo <= got && got <= hi);
            assert.ok(withinBinomial(Math.round(got * 1500), 1500, want, 5), `MC ${got} vs exact ${want}`);
            total += 1;
            if (lo - 1e-12 <= want && want <= hi + 1e-12) covered += 1;
          }
          assert.equal(s.expectedHerdingStep === null, e.herdedBy[N - 1] === 0 || s.herdedBy[N - 1] === 0);
        });
      }),
      { numRuns: 150, seed: 5 },
    );
    assert.ok(covered / total > 0.9, `coverage ${covered}/${total}`);
  });

  it('the expected herding step of the §4.3 model: MC interval covers the exact value', () => {
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
    const exact = forecastHerding(model, { agents: 20 });
    const mc = forecastHerding(model, { agents: 20, maxBeliefs: 0, chains: 20000, seed: 1 });
    mc.states.forEach((s, i) => {
      const [lo, hi] = s.intervals?.expectedHerdingStep ?? [NaN, NaN];
      const want = exact.states[i].expectedHerdingStep as number;
      assert.ok(lo <= want && want <= hi, `state ${i}: ${want} not in [${lo}, ${hi}]`);
      assert.ok(hi - lo < 0.1);
    });
  });

  it('the same seed gives the same Monte Carlo result; another seed another one', () => {
    const model: DecisionModel = {
      prior: [0.5, 0.5],
      likelihood: [
        [0.8, 0.2],
        [0.4, 0.6],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
    };
    const a = forecastHerding(model, { agents: 8, maxBeliefs: 0, chains: 500, seed: 3 });
    assert.deepEqual(forecastHerding(model, { agents: 8, maxBeliefs: 0, chains: 500, seed: 3 }), a);
    assert.notDeepEqual(forecastHerding(model, { agents: 8, maxBeliefs: 0, chains: 500, seed: 4 }).states, a.states);
  });

  it('falls back to Monte Carlo exactly when the distinct beliefs exceed the limit', () => {
    const model: DecisionModel = {
      prior: [0.4, 0.35, 0.25],
      likelihood: [
        [0.7, 0.2, 0.1],
        [0.2, 0.6, 0.2],
        [0.1, 0.2, 0.7],
      ],
      utility: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    };
    const exact = forecastHerding(model, { agents: 6 });
    assert.equal(exact.exact, true);
    assert.ok(exact.distinctBeliefs > 3);
    assert.equal(forecastHerding(model, { agents: 6, maxBeliefs: exact.distinctBeliefs }).exact, true);
    assert.equal(forecastHerding(model, { agents: 6, maxBeliefs: exact.distinctBeliefs - 1, chains: 100 }).exact, false);
  });
});
