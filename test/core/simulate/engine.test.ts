// The simulation engine against core learn() (filter mode) and the plain-loop code-parity reference.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DecisionModel } from '../../../src/core/model';
import { learn } from '../../../src/core/social-learning';
import {
  ChainSimulator,
  chainIndex,
  drawObservations,
  linspace01,
  type SimulationModel,
  type SimulationPlan,
} from '../../../src/core/simulate';
import { modelCase } from '../reference/arbitraries';
import { TIE_MODEL, TIE_OBSERVATIONS } from '../reference/tie-model';
import { parityPrior, referenceParityChain } from './parity-reference';

const sameBits = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));
const sameVector = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => sameBits(v, b[i]));

function simulator(model: DecisionModel, codeParity: boolean, agents = 1): ChainSimulator {
  const sim: SimulationModel = { model, source: { kind: 'likelihood' }, family: { kind: 'two-point', anchor: 0 } };
  return new ChainSimulator(sim, { agents, runs: 1, priorGrid: [0], trueStates: [0], codeParity });
}

describe('simulate engine, filter mode', () => {
  it('gives exactly core learn() actions, beliefs and herding step on random models (ties, zeros, P ≠ I)', () => {
    fc.assert(
      fc.property(modelCase({ maxX: 4, maxY: 4, maxA: 4, maxAgents: 10 }), ({ model, observations }) => {
        const got = simulator(model, false).chain(model.prior, observations);
        const want = learn(model, observations);
        assert.deepEqual(
          got.actions,
          want.steps.map((s) => s.action),
        );
        want.steps.forEach((s, k) =>
          assert.ok(sameVector(got.beliefs[k], s.publicBelief), `π_${k + 1}: ${got.beliefs[k]} vs ${s.publicBelief}`),
        );
        assert.equal(got.herdingStep, want.herdingStep);
        // learn decides the herd action on its exact weights; the normalised belief can round a tie the other way.
        assert.equal(got.herdAction, want.herdAction);
        if (want.herdingStep !== null) assert.notEqual(want.herdAction, null);
      }),
      { numRuns: 1500 },
    );
  });

  it('agrees with learn() on the herd action where the normalised belief rounds a utility tie (found by the property above)', () => {
    const model = TIE_MODEL;
    const got = simulator(model, false).chain(model.prior, TIE_OBSERVATIONS);
    const want = learn(model, TIE_OBSERVATIONS);
    assert.equal(want.herdingStep, 2);
    assert.equal(got.herdingStep, 2);
    assert.equal(want.herdAction, 1);
    assert.equal(got.herdAction, 1);
  });

  it('reproduces the spec §4.3 worked example: cascade at agent 4, π frozen at [0.740385, 0.259615]', () => {
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
    const trace = simulator(model, false).chain(model.prior, [1, 0, 0, 1, 1, 0]);
    assert.deepEqual(trace.actions, [1, 0, 0, 0, 0, 0]);
    assert.equal(trace.herdingStep, 4);
    assert.equal(trace.herdAction, 0);
    assert.equal(trace.nonAbsorbing, false);
    for (const k of [3, 4, 5]) trace.beliefs[k - 1].forEach((v, i) => assert.ok(Math.abs(v - [0.740385, 0.259615][i]) < 1e-6));
  });
});

describe('simulate engine, code parity', () => {
  const priorCase = fc.record({ scale: fc.constantFrom(1, 0.75, 0.3, 0), anchorPick: fc.nat() });

  it('matches the plain-loop reference of rules (1)–(5) bit for bit on random models and unnormalised priors', () => {
    fc.assert(
      fc.property(modelCase({ maxX: 4, maxY: 4, maxA: 4, maxAgents: 10 }), priorCase, ({ model, observations }, { scale }) => {
        const pi0 = model.prior.map((p) => p * scale);
        const got = simulator(model, true).chain(pi0, observations);
        const want = referenceParityChain(model, pi0, observations);
        assert.deepEqual(got.actions, want.actions);
        want.beliefs.forEach((b, k) => assert.ok(sameVector(got.beliefs[k], b), `π_${k + 1}: ${got.beliefs[k]} vs ${b}`));
        assert.equal(got.herdingStep, want.herdingStep);
        assert.equal(got.herdAction, want.herdAction);
        assert.equal(got.nonAbsorbing, want.nonAbsorbing);
      }),
      { numRuns: 1500 },
    );
  });

  it('reproduces the spec §4.3 code-parity trajectory (no cascade within 6 steps)', () => {
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
    const trace = simulator(model, true).chain(model.prior, [1, 0, 0, 1, 1, 0]);
    const expected = [0.483108, 0.55, 0.615132, 0.55, 0.483108, 0.55];
    trace.beliefs.forEach((b, k) => assert.ok(Math.abs(b[0] - expected[k]) < 1e-6, `π_${k + 1}(0) = ${b[0]}`));
    assert.deepEqual(trace.actions, [1, 0, 0, 1, 1, 0]);
    assert.equal(trace.herdingStep, null);
  });

  it('treats the zero prior (x* = anchor, p = 1) as the authors did: NaN beliefs, every action 0, herding on 0 at agent 1', () => {
    const model: DecisionModel = {
      prior: [0.5, 0.5],
      likelihood: [
        [0.7, 0.3],
        [0.3, 0.7],
      ],
      utility: [
        [0, 1],
        [1, 0],
      ],
    };
    const trace = simulator(model, true).chain(parityPrior(2, 0, 1, 0), [0, 1, 1, 0]);
    assert.deepEqual(trace.actions, [0, 0, 0, 0]);
    assert.ok(trace.beliefs.every((b) => b.every(Number.isNaN)));
    assert.equal(trace.herdingStep, 1);
    assert.equal(trace.herdAction, 0);
  });

  it('counts ties and unreachable observations as weakly optimal in R (identical utility columns)', () => {
    // Both actions tie for every y, so each is weakly optimal everywhere: R = 1 + 1 for both, π' = π.
    const model: DecisionModel = {
      prior: [0.5, 0.5],
      likelihood: [
        [0.5, 0.5, 0],
        [0.25, 0.75, 0],
      ],
      utility: [
        [1, 1],
        [0, 0],
      ],
    };
    const trace = simulator(model, true).chain([0.4, 0.6], [1, 0, 2]);
    assert.deepEqual(trace.actions, [0, 0, 0]);
    trace.beliefs.forEach((b) => assert.ok(sameVector(b, [0.4, 0.6]) || Math.abs(b[0] - 0.4) < 1e-15));
    assert.equal(trace.herdingStep, 1);
  });
});

describe('simulate engine, whole plans', () => {
  const model: DecisionModel = {
    prior: [1 / 3, 1 / 3, 1 / 3],
    likelihood: [
      [0.6, 0.3, 0.1],
      [0.2, 0.5, 0.3],
      [0.1, 0.2, 0.7],
    ],
    utility: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
  };
  const sim: SimulationModel = { model, source: { kind: 'likelihood' }, family: { kind: 'two-point', anchor: 0 } };

  for (const codeParity of [false, true]) {
    it(`runs every chain as its own chain() from the two-point prior (${codeParity ? 'code parity' : 'filter'})`, () => {
      const plan: SimulationPlan = { agents: 12, runs: 3, priorGrid: linspace01(7), trueStates: [2, 0, 1], codeParity };
      const obs = drawObservations(sim, plan, 5);
      const outcome = new ChainSimulator(sim, plan).run(obs, { keepBeliefs: true });
      const lone = new ChainSimulator(sim, plan);
      for (let run = 0; run < plan.runs; run++) {
        plan.priorGrid.forEach((p, g) => {
          plan.trueStates.forEach((x, s) => {
            const c = chainIndex(plan, run, g, s);
            const pi0 = codeParity ? parityPrior(3, 0, p, x) : [0, 1, 2].map((i) => (i === 0 ? p : 0) + (i === x ? 1 - p : 0));
            const trace = lone.chain(pi0, Array.from(obs.subarray(c * 12, c * 12 + 12)));
            assert.deepEqual(Array.from(outcome.actions.subarray(c * 12, c * 12 + 12)), trace.actions);
            assert.equal(outcome.herdingStep[c], trace.herdingStep ?? 0);
            assert.equal(outcome.herdAction[c], trace.herdAction ?? -1);
            assert.ok(sameVector(Array.from(outcome.finalBelief.subarray(c * 3, c * 3 + 3)), trace.beliefs[11]));
            assert.ok(sameVector(Array.from(outcome.beliefs!.subarray((c * 12 + 11) * 3, (c * 12 + 12) * 3)), trace.beliefs[11]));
          });
        });
      }
    });
  }

  it('marks as deterministic exactly the cells whose runs cannot differ', () => {
    const plan: SimulationPlan = { agents: 10, runs: 4, priorGrid: linspace01(11), trueStates: [0, 1, 2], codeParity: false };
    const simulator = new ChainSimulator(sim, plan);
    const outcome = simulator.run(drawObservations(sim, plan, 1));
    const deterministic = simulator.deterministicCells();
    // x* = anchor starts at e_0: a point mass herds from agent 1.
    plan.priorGrid.forEach((_, g) => assert.equal(deterministic[g * 3], 1));
    plan.priorGrid.forEach((_, g) =>
      [0, 1, 2].forEach((s) => {
        if (!deterministic[g * 3 + s]) return;
        const first = chainIndex(plan, 0, g, s);
        for (let run = 1; run < plan.runs; run++) {
          const c = chainIndex(plan, run, g, s);
          assert.deepEqual(outcome.actions.subarray(c * 10, c * 10 + 10), outcome.actions.subarray(first * 10, first * 10 + 10));
        }
      }),
    );
    assert.ok(
      deterministic.some((d) => d === 0),
      'mid priors with an informative sensor are random',
    );
  });
});
