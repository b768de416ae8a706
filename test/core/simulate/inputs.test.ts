// Observation draws, the prior grid, Wilson intervals and model-file validation of the simulation engine.
import assert from 'node:assert/strict';
import type { DecisionModel } from '../../../src/core/model';
import {
  drawObservations,
  linspace01,
  parseSimulationModel,
  wilsonInterval,
  type SimulationModel,
  type SimulationPlan,
} from '../../../src/core/simulate';

const base: DecisionModel = {
  prior: [0.5, 0.5],
  likelihood: [
    [0.7, 0.3, 0],
    [0.1, 0.2, 0.7],
  ],
  utility: [
    [1, 0],
    [0, 1],
  ],
};
const plan = (agents: number, runs: number): SimulationPlan => ({
  agents,
  runs,
  priorGrid: [0, 0.5],
  trueStates: [0, 1],
  codeParity: false,
});

function frequencies(obs: Int8Array, Y: number): number[] {
  const counts = new Array<number>(Y).fill(0);
  obs.forEach((y) => counts[y]++);
  return counts.map((c) => c / obs.length);
}

describe('simulate inputs', () => {
  it('linspace01 is NumPy linspace bit for bit: i·(1/(G−1)), which differs from i/(G−1) at some points', () => {
    const g = linspace01(30);
    assert.equal(g.length, 30);
    assert.equal(g[29], 1);
    for (const i of [7, 14, 28]) {
      assert.equal(g[i], i * (1 / 29));
      assert.notEqual(g[i], i / 29);
    }
    assert.deepEqual(linspace01(1), [0]);
  });

  it('draws y ~ B[x*] with the right frequencies and never an impossible observation', () => {
    const sim: SimulationModel = { model: base, source: { kind: 'likelihood' }, family: { kind: 'two-point', anchor: 0 } };
    const p = { ...plan(2000, 5), priorGrid: [0.5], trueStates: [0] };
    const f = frequencies(drawObservations(sim, p, 9), 3);
    assert.ok(Math.abs(f[0] - 0.7) < 0.02 && Math.abs(f[1] - 0.3) < 0.02, `frequencies ${f}`);
    assert.equal(f[2], 0);
  });

  it('draws from counts in proportion, and from rows only the rows of the true state', () => {
    const counts: SimulationModel = {
      model: base,
      source: {
        kind: 'counts',
        counts: [
          [0, 3, 1],
          [5, 0, 0],
        ],
      },
      family: { kind: 'two-point', anchor: 0 },
    };
    const f = frequencies(drawObservations(counts, { ...plan(4000, 2), priorGrid: [0], trueStates: [0] }, 1), 3);
    assert.ok(f[0] === 0 && Math.abs(f[1] - 0.75) < 0.03, `frequencies ${f}`);
    assert.deepEqual(frequencies(drawObservations(counts, { ...plan(50, 2), priorGrid: [0], trueStates: [1] }, 1), 3), [1, 0, 0]);
    const rows: SimulationModel = {
      model: base,
      source: {
        kind: 'rows',
        rows: [
          [0, 2],
          [1, 0],
          [0, 2],
          [1, 1],
        ],
      },
      family: { kind: 'two-point', anchor: 0 },
    };
    const state1 = frequencies(drawObservations(rows, { ...plan(3000, 1), priorGrid: [0], trueStates: [1] }, 4), 3);
    assert.ok(state1[2] === 0 && Math.abs(state1[0] - 0.5) < 0.03, `frequencies ${state1}`);
  });

  it('is reproducible from the seed, shares a chain’s observations across priors, and differs across runs', () => {
    const sim: SimulationModel = { model: base, source: { kind: 'likelihood' }, family: { kind: 'two-point', anchor: 0 } };
    const p = plan(40, 2);
    const a = drawObservations(sim, p, 7);
    assert.deepEqual(a, drawObservations(sim, p, 7));
    assert.notDeepEqual(a, drawObservations(sim, p, 8));
    const chain = (run: number, g: number, s: number) => a.subarray(((run * 2 + g) * 2 + s) * 40, ((run * 2 + g) * 2 + s + 1) * 40);
    assert.deepEqual(chain(0, 0, 1), chain(0, 1, 1));
    assert.notDeepEqual(chain(0, 0, 1), chain(1, 0, 1));
    // Selecting a subset of true states does not change their observations.
    const only1 = drawObservations(sim, { ...p, trueStates: [1] }, 7);
    assert.deepEqual(only1.subarray(0, 40), chain(0, 0, 1));
  });

  it('Wilson intervals: 8/10 → [0.490, 0.943]; 0/n starts at 0 and n/n ends at 1', () => {
    const [lo, hi] = wilsonInterval(8, 10);
    assert.ok(Math.abs(lo - 0.4902) < 1e-4 && Math.abs(hi - 0.9433) < 1e-4, `${lo}, ${hi}`);
    assert.equal(wilsonInterval(0, 20)[0], 0);
    assert.equal(wilsonInterval(20, 20)[1], 1);
    assert.ok(wilsonInterval(20, 20)[0] > 0.8);
  });

  it('validates the model file: prior optional, sources and prior family checked with the field named', () => {
    const noPrior = { likelihood: base.likelihood, utility: base.utility };
    assert.equal(parseSimulationModel(noPrior).source.kind, 'likelihood');
    assert.deepEqual(parseSimulationModel(noPrior).family, { kind: 'two-point', anchor: 0 });
    assert.throws(
      () => parseSimulationModel({ ...noPrior, observationSource: { kind: 'rows', columns: ['state', 'y'], rows: [[0, 3]] } }),
      /observationSource\.rows\[0\]\[1\]/,
    );
    assert.throws(
      () =>
        parseSimulationModel({
          ...noPrior,
          observationSource: {
            kind: 'counts',
            counts: [
              [1, -1, 0],
              [1, 1, 1],
            ],
          },
        }),
      /observationSource\.counts\[0\]\[1\]/,
    );
    assert.throws(() => parseSimulationModel({ ...noPrior, priorFamily: { kind: 'two-point', anchor: 2 } }), /priorFamily\.anchor/);
    assert.throws(
      () =>
        parseSimulationModel({
          ...noPrior,
          likelihood: [
            [0.5, 0.4, 0],
            [0, 0, 1],
          ],
        }),
      /likelihood\[0\]/,
    );
  });
});
