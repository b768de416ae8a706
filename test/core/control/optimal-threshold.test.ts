// The optimal threshold the panel draws: value iteration for two states, seeded Monte Carlo over a grid for more.
import assert from 'node:assert/strict';
import { evaluateStoppingPolicy } from '../../../src/core/control/monte-carlo';
import { optimalThresholdFor } from '../../../src/core/control/optimal-threshold';
import { stoppingProblem } from '../../../src/core/control/stopping-problem';
import { shouldStop, thresholdPolicy } from '../../../src/core/control/threshold-policy';
import { solveTwoStateStopping } from '../../../src/core/control/value-iteration';
import { whatIfControlled } from '../../../src/core/control/intervention';
import { InputError } from '../../../src/core/errors';
import type { DecisionModel } from '../../../src/core/model';

const twoState: DecisionModel = {
  prior: [0.4, 0.6],
  likelihood: [
    [0.7, 0.3],
    [0.1, 0.9],
  ],
  utility: [
    [1, 0],
    [0, 1],
  ],
};
const threeState: DecisionModel = {
  prior: [1 / 3, 1 / 3, 1 / 3],
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

describe('control: optimal threshold for a model', () => {
  it('two states: the value-iteration policy as a threshold on π(1) that replays it exactly on the grid', () => {
    const opt = optimalThresholdFor(twoState);
    const vi = solveTwoStateStopping(stoppingProblem(twoState), { gridSize: 1001 });
    assert.equal(opt.method, 'value-iteration');
    assert.equal(opt.isThreshold, true);
    assert.equal(opt.stateIndex, 1);
    assert.equal(opt.orientation, vi.shape.orientation);
    assert.equal(opt.orientation, 'stop-below', 'the §7.11 costs: stop only once π(1) is small');
    assert.ok(Math.abs(opt.threshold - (vi.shape.threshold! + 0.0005)) < 1e-12, `${opt.threshold} vs midpoint ${vi.shape.threshold}`);
    const policy = thresholdPolicy(2, opt.stateIndex, opt.threshold, opt.orientation);
    vi.grid.forEach((p, i) => assert.equal(shouldStop(policy, [1 - p, p], 0), vi.stop[i], `grid point π(1) = ${p}`));
  });

  it('two states: a policy that always stops becomes a threshold that never intervenes', () => {
    const opt = optimalThresholdFor(twoState, { problem: { delay: 1e6, delayWeights: [1, 1] } });
    assert.equal(opt.isThreshold, true);
    assert.deepEqual([opt.threshold, opt.orientation], [0, 'continue-below']);
    const replay = whatIfControlled(twoState, [0, 1, 1, 0, 1], {
      threshold: opt.threshold,
      stateIndex: opt.stateIndex,
      orientation: opt.orientation,
    });
    assert.equal(replay.revealedAgents, 0);
    assert.equal(replay.stopStep, 1);
  });

  it('two states: a value-iteration policy with several switches falls back to the best grid threshold, either orientation', () => {
    const vi = solveTwoStateStopping(stoppingProblem(twoState, { terminalCost: 0 }), { gridSize: 1001 });
    assert.ok(vi.shape.switchPoints.length > 1, 'this cost setting gives a non-threshold policy');
    const opt = optimalThresholdFor(twoState, { problem: { terminalCost: 0 }, candidates: 11, runs: 20 });
    assert.deepEqual([opt.method, opt.isThreshold, opt.stateIndex], ['monte-carlo-grid', false, 1]);
    const problem = stoppingProblem(twoState, { terminalCost: 0 });
    const costs = (['continue-below', 'stop-below'] as const).flatMap((o) =>
      Array.from(
        { length: 11 },
        (_, i) => evaluateStoppingPolicy(problem, thresholdPolicy(2, 1, i / 10, o), { runs: 20, seed: 0 }).cost.mean,
      ),
    );
    assert.equal(opt.cost!.mean, Math.min(...costs));
  });

  it('more states: the cheapest of the grid thresholds on π(0), seeded and reproducible', () => {
    const opt = optimalThresholdFor(threeState, { candidates: 11, runs: 30, seed: 7 });
    assert.equal(opt.method, 'monte-carlo-grid');
    assert.equal(opt.isThreshold, null);
    assert.deepEqual([opt.stateIndex, opt.orientation, opt.candidates, opt.runs, opt.seed], [0, 'continue-below', 11, 30, 7]);
    const problem = stoppingProblem(threeState);
    const costOf = (t: number) =>
      evaluateStoppingPolicy(problem, thresholdPolicy(3, 0, t, 'continue-below'), { runs: 30, seed: 7 }).cost.mean;
    const costs = Array.from({ length: 11 }, (_, i) => costOf(i / 10));
    assert.equal(opt.cost!.mean, Math.min(...costs));
    assert.equal(costOf(opt.threshold), opt.cost!.mean);
    assert.ok(opt.cost!.mean < costOf(0), 'intervening beats stopping before the first agent under the default costs');
    assert.deepEqual(optimalThresholdFor(threeState, { candidates: 11, runs: 30, seed: 7 }), opt);
  });

  it('rejects a grid of fewer than two thresholds, naming the field', () => {
    assert.throws(
      () => optimalThresholdFor(threeState, { candidates: 1 }),
      (e: unknown) => e instanceof InputError && e.field === 'candidates',
    );
  });
});
