// Seeded Monte Carlo of stopping policies, and the variance reduction of common random numbers.
import assert from 'node:assert/strict';
import { evaluateStoppingPolicy } from '../../../src/core/control/monte-carlo';
import { stoppingProblem } from '../../../src/core/control/stopping-problem';
import { hyperplanePolicy, shouldStop, thresholdPolicy } from '../../../src/core/control/threshold-policy';
import type { DecisionModel } from '../../../src/core/model';

const model: DecisionModel = {
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
const problem = stoppingProblem(model, { horizon: 60 });

describe('control: Monte Carlo evaluation of stopping policies', () => {
  it('is reproducible under a seed and carries it', () => {
    const policy = thresholdPolicy(2, 1, 0.02, 'stop-below');
    const a = evaluateStoppingPolicy(problem, policy, { runs: 200, seed: 9 });
    assert.deepEqual(a, evaluateStoppingPolicy(problem, policy, { runs: 200, seed: 9 }));
    assert.equal(a.seed, 9);
    assert.notEqual(a.cost.mean, evaluateStoppingPolicy(problem, policy, { runs: 200, seed: 10 }).cost.mean);
  });

  it('threshold 0 with continue-below stops at once (τ = 0); stop-below at 0 never stops (τ = N)', () => {
    const now = evaluateStoppingPolicy(problem, thresholdPolicy(2, 1, 0, 'continue-below'), { runs: 50, seed: 1 });
    assert.equal(now.meanStopTime, 0);
    assert.equal(now.stoppedFraction, 1);
    const never = evaluateStoppingPolicy(problem, thresholdPolicy(2, 1, 0, 'stop-below'), { runs: 50, seed: 1 });
    assert.equal(never.meanStopTime, 60);
    assert.equal(never.stoppedFraction, 0);
    assert.ok(never.accuracy > 0.95, 'revealing 60 observations identifies the state');
  });

  it('stopping at once costs exactly terminal·π_0(1) plus the herd classification cost (deterministic here)', () => {
    const e = evaluateStoppingPolicy(stoppingProblem(model, { horizon: 1, delay: 0 }), thresholdPolicy(2, 1, 0, 'continue-below'), {
      runs: 5,
      seed: 2,
    });
    // One stage: terminal 700·0.6 plus κ(π_0) = Σ_y Σ_x π(x)B[x][y]·1{a(π,y) ≠ x}; a(π,0) = 0 (0.28 > 0.06), a(π,1) = 1.
    const kappa = 0.6 * 0.1 + 0.4 * 0.3;
    assert.ok(Math.abs(e.cost.mean - (420 + kappa)) < 1e-12);
    assert.equal(e.cost.sd, 0);
  });

  it('common random numbers reduce the variance of Ĉ⁺ − Ĉ⁻ (seeded repeats)', () => {
    const plus = thresholdPolicy(2, 1, 0.03, 'stop-below');
    const minus = thresholdPolicy(2, 1, 0.01, 'stop-below');
    const crn: number[] = [];
    const independent: number[] = [];
    for (let rep = 0; rep < 25; rep++) {
      const p = evaluateStoppingPolicy(problem, plus, { runs: 40, seed: 1000 + rep }).cost.mean;
      crn.push(p - evaluateStoppingPolicy(problem, minus, { runs: 40, seed: 1000 + rep }).cost.mean);
      independent.push(p - evaluateStoppingPolicy(problem, minus, { runs: 40, seed: 5000 + rep }).cost.mean);
    }
    const variance = (v: number[]) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1);
    };
    const ratio = variance(crn) / variance(independent);
    assert.ok(ratio < 0.2, `variance ratio CRN/independent = ${ratio}`);
  });

  it('linear (hyperplane) policies work for X > 2 and reduce to the threshold for X = 2', () => {
    const h2 = hyperplanePolicy([Math.asin(Math.sqrt(0.3))]);
    assert.equal(shouldStop(h2, [0.75, 0.25], 0), false);
    assert.equal(shouldStop(h2, [0.6, 0.4], 0), true);
    const three: DecisionModel = {
      prior: [0.5, 0.3, 0.2],
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
    const h3 = hyperplanePolicy([2, Math.asin(Math.sqrt(0.8))]);
    assert.equal(shouldStop(h3, [0.5, 0.3, 0.2], 0), false, '0.3 + 2·0.2 = 0.7 < 0.8');
    assert.equal(shouldStop(h3, [0.4, 0.3, 0.3], 0), true, '0.3 + 2·0.3 = 0.9 ≥ 0.8');
    const e = evaluateStoppingPolicy(stoppingProblem(three, { horizon: 30 }), h3, { runs: 100, seed: 3 });
    assert.ok(e.meanStopTime > 0 && e.meanStopTime <= 30);
    assert.ok(Number.isFinite(e.cost.mean));
  });
});
