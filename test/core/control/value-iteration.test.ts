// Value iteration for the two-state stopping problem (§5.1, §7.11), checked against seeded Monte Carlo.
import assert from 'node:assert/strict';
import { evaluateStoppingPolicy } from '../../../src/core/control/monte-carlo';
import { stoppingProblem, type StoppingProblem } from '../../../src/core/control/stopping-problem';
import { checkStructuralConditions } from '../../../src/core/control/structural-conditions';
import { thresholdPolicy } from '../../../src/core/control/threshold-policy';
import { solveTwoStateStopping } from '../../../src/core/control/value-iteration';
import type { DecisionModel } from '../../../src/core/model';

const notebook: DecisionModel = {
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

function pairedDifference(a: number[], b: number[]): { mean: number; se: number } {
  const d = a.map((v, i) => v - b[i]);
  const mean = d.reduce((s, v) => s + v, 0) / d.length;
  const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (d.length - 1));
  return { mean, se: sd / Math.sqrt(d.length) };
}

describe('control: value iteration on the belief grid', () => {
  const problem = stoppingProblem(notebook);
  const vi = solveTwoStateStopping(problem);

  it('finds a single-threshold policy for a TP2 B with the §7.11 default costs', () => {
    assert.equal(vi.gridSize, 1001);
    assert.equal(vi.shape.isThreshold, true);
    assert.equal(vi.shape.orientation, 'stop-below', 'stop when π(1) is small: the terminal cost 700·π(1) is then cheap');
    assert.ok(vi.shape.threshold! > 0 && vi.shape.threshold! < 0.05, `threshold ${vi.shape.threshold}`);
    assert.equal(vi.stages.length, 100);
    assert.deepEqual(vi.stop, vi.policy.stopByStage[0]);
    const conditions = checkStructuralConditions(problem, vi);
    assert.equal(conditions.checks.find((c) => c.name === 'likelihood-tp2')!.pass, true);
  });

  it('its value at π_0 matches a Monte Carlo evaluation of the same policy within the CI', () => {
    const e = evaluateStoppingPolicy(problem, vi.policy, { runs: 3000, seed: 21 });
    const v0 = vi.values[600] * 1; // π_0(1) = 0.6 is a grid point
    assert.ok(Math.abs(v0 - e.cost.mean) <= 3 * e.cost.se + 0.5, `V=${v0} MC=${e.cost.mean}±${e.cost.se}`);
  });

  const sweepThresholds = [0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.15, 0.3, 0.5];
  const sweep = (p: StoppingProblem, runs: number, seed: number) =>
    sweepThresholds.map((t) => ({
      t,
      costs: evaluateStoppingPolicy(p, thresholdPolicy(2, 1, t, 'stop-below'), { runs, seed, keepCosts: true }).costs!,
    }));
  const mean = (c: number[]) => c.reduce((a, b) => a + b, 0) / c.length;

  it('no stationary threshold of a brute-force Monte Carlo sweep beats the (time-varying) optimal policy', () => {
    const optimal = evaluateStoppingPolicy(problem, vi.policy, { runs: 1500, seed: 5, keepCosts: true }).costs!;
    for (const s of sweep(problem, 1500, 5)) {
      const d = pairedDifference(s.costs, optimal);
      assert.ok(d.mean >= -2.5 * d.se, `threshold ${s.t} beats the VI policy by ${-d.mean} (se ${d.se})`);
    }
  });

  it("its threshold agrees with the sweep's best threshold within the CI (constant delay 5)", () => {
    const constant = stoppingProblem(notebook, { delay: 5 });
    const result = solveTwoStateStopping(constant);
    const t0 = result.shape.threshold!;
    const swept = sweep(constant, 1500, 5);
    const best = swept.reduce((a, b) => (mean(b.costs) < mean(a.costs) ? b : a));
    const atVi = evaluateStoppingPolicy(constant, thresholdPolicy(2, 1, t0, 'stop-below'), { runs: 1500, seed: 5, keepCosts: true }).costs!;
    const d = pairedDifference(atVi, best.costs);
    assert.ok(d.mean <= 2.5 * d.se + 1e-9, `VI threshold ${t0} costs ${d.mean} (se ${d.se}) more than the sweep's best ${best.t}`);
    assert.ok(Math.abs(best.t - t0) <= 0.015, `sweep best ${best.t} vs VI ${t0}`);
  });

  it('solves the stationary problem (infinite horizon, constant delay) to the stated tolerance', () => {
    const stationary = solveTwoStateStopping(stoppingProblem(notebook, { horizon: Infinity, delay: 5 }), { tolerance: 1e-8 });
    assert.equal(stationary.converged, true);
    assert.ok(stationary.residual < 1e-8);
    assert.ok(stationary.iterations > 100);
    assert.equal(stationary.shape.isThreshold, true);
    assert.equal(stationary.stages.length, 1);
    // Bellman equation holds on the grid: V = min(C1, C2 + ρ E V).
    stationary.values.forEach((v, i) => assert.ok(Math.abs(v - Math.min(stationary.stopCost[i], stationary.continueValue[i])) < 1e-9));
  });

  it('with linear costs every structural condition passes and the policy is a threshold in the implied orientation', () => {
    const linear = stoppingProblem(notebook, {
      horizon: Infinity,
      delay: 20,
      classificationCost: [
        [0, 0],
        [0, 0],
      ],
    });
    const result = solveTwoStateStopping(linear);
    const conditions = checkStructuralConditions(linear, result);
    assert.equal(conditions.allPass, true, JSON.stringify(conditions.checks));
    assert.equal(result.shape.isThreshold, true);
    assert.equal(result.shape.orientation, conditions.impliedOrientation);
  });

  it('the herd continuation makes the default stop cost non-concave, and the check says so', () => {
    const conditions = checkStructuralConditions(problem, vi);
    const concave = conditions.checks.find((c) => c.name === 'stop-cost-concave')!;
    assert.equal(concave.pass, false);
    assert.match(concave.detail, /not concave/);
    assert.equal(conditions.allPass, false);
  });

  it('rejects a model that does not have two states, naming the field', () => {
    const three: DecisionModel = {
      prior: [0.3, 0.3, 0.4],
      likelihood: [
        [1, 0],
        [0.5, 0.5],
        [0, 1],
      ],
      utility: [
        [1, 0],
        [0, 1],
        [0, 1],
      ],
    };
    assert.throws(() => solveTwoStateStopping(stoppingProblem(three)), /model\.prior: .*2 states/);
    assert.throws(() => solveTwoStateStopping(problem, { gridSize: 2 }), /gridSize/);
  });
});
