// The JIT warm-up: only for plans worth timing, and without any effect on a later simulation's numbers.
import assert from 'node:assert/strict';
import {
  ChainSimulator,
  drawObservations,
  linspace01,
  warmUpSimulation,
  WARM_UP_MIN_STEPS,
  type SimulationModel,
  type SimulationPlan,
} from '../../../src/core/simulate';

describe('simulate warm-up', () => {
  const sim: SimulationModel = {
    model: {
      prior: [1 / 3, 1 / 3, 1 / 3],
      likelihood: [
        [0.6, 0.3, 0.1],
        [0.2, 0.5, 0.3],
        [0, 0.2, 0.8],
      ],
      utility: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    },
    source: { kind: 'likelihood' },
    family: { kind: 'two-point', anchor: 0 },
  };

  it('skips plans below WARM_UP_MIN_STEPS agent steps', () => {
    const small: SimulationPlan = { agents: 10, runs: 2, priorGrid: linspace01(5), trueStates: [0, 1, 2], codeParity: true };
    assert.equal(warmUpSimulation(sim, small), false);
  });

  for (const codeParity of [false, true]) {
    it(`leaves a later simulation bit for bit as without it (${codeParity ? 'code parity' : 'filter'})`, () => {
      const plan: SimulationPlan = { agents: 40, runs: 60, priorGrid: linspace01(11), trueStates: [0, 1, 2], codeParity };
      assert.ok(plan.agents * plan.runs * 33 >= WARM_UP_MIN_STEPS);
      const obs = drawObservations(sim, plan, 3);
      const before = new ChainSimulator(sim, plan).run(obs);
      assert.equal(warmUpSimulation(sim, plan), true);
      const simulator = new ChainSimulator(sim, plan);
      assert.equal(simulator.distinctBeliefs, 0, 'a fresh simulator starts with an empty belief graph');
      const after = simulator.run(obs);
      assert.deepEqual(after.actions, before.actions);
      assert.deepEqual(after.herdingStep, before.herdingStep);
      assert.deepEqual(after.nonAbsorbing, before.nonAbsorbing);
      assert.deepEqual(Array.from(after.finalBelief, String), Array.from(before.finalBelief, String));
    });
  }
});
