// SPSA (§5.3, §7.12): convergence on a known optimum, gain schedules, determinism, and the stopping wrapper.
import assert from 'node:assert/strict';
import { createRng } from '../../../src/core/random';
import { spsa, type SpsaOptions } from '../../../src/core/control/spsa';
import { learnStoppingThreshold, stoppingSpsaPreset } from '../../../src/core/control/stopping-spsa';
import { stoppingProblem } from '../../../src/core/control/stopping-problem';
import type { DecisionModel } from '../../../src/core/model';

// f(θ) = (θ_0 − 1)² + 2(θ_1 + 0.5)² plus noise whose draw depends only on the evaluation seed (so CRN cancels it).
const noisyBowl = (theta: readonly number[], seed: number) =>
  (theta[0] - 1) ** 2 + 2 * (theta[1] + 0.5) ** 2 + 0.3 * (createRng(seed).next() - 0.5);

const canonical: SpsaOptions = {
  theta0: [0, 0],
  iterations: 400,
  gains: { kind: 'spall', a: 0.3, c: 0.1, S: 20, alpha: 0.602, gamma: 0.101 },
  perturbation: 'rademacher',
  commonRandomNumbers: false,
  seed: 17,
};

describe('control: SPSA', () => {
  it('converges near the known optimum of a noisy quadratic (seeded, deterministic)', () => {
    const r = spsa(noisyBowl, canonical);
    assert.ok(Math.abs(r.theta[0] - 1) < 0.1 && Math.abs(r.theta[1] + 0.5) < 0.1, `θ = ${r.theta}`);
    assert.deepEqual(r, spsa(noisyBowl, canonical));
    assert.equal(r.seed, 17);
    assert.equal(r.trace.length, 400);
    assert.ok(r.trace[399].costEstimate < r.trace[0].costEstimate);
  });

  it('with common random numbers the noise cancels in Ĉ⁺ − Ĉ⁻', () => {
    const r = spsa(noisyBowl, { ...canonical, commonRandomNumbers: true, iterations: 5 });
    for (const t of r.trace) {
      const exact = (th: number[]) => (th[0] - 1) ** 2 + 2 * (th[1] + 0.5) ** 2;
      const before = t.iteration === 1 ? canonical.theta0 : r.trace[t.iteration - 2].theta;
      const direction = t.gradient.map((g) => Math.sign(g) * Math.sign(t.costPlus - t.costMinus) || 1);
      const expected = exact(before.map((v, i) => v + t.delta * direction[i])) - exact(before.map((v, i) => v - t.delta * direction[i]));
      assert.ok(Math.abs(t.costPlus - t.costMinus - expected) < 1e-12);
    }
  });

  it('uses the Spall gains ε_n = a/(n+1+S)^0.602, δ_n = c/(n+1)^0.101 and the linear notebook schedule', () => {
    const spall = spsa(noisyBowl, { ...canonical, iterations: 3 });
    assert.ok(Math.abs(spall.trace[1].stepSize - 0.3 / (2 + 1 + 20) ** 0.602) < 1e-15);
    assert.ok(Math.abs(spall.trace[1].delta - 0.1 / 3 ** 0.101) < 1e-15);
    const code = spsa(noisyBowl, {
      ...canonical,
      iterations: 999,
      perturbation: 'plus-one',
      gains: { kind: 'linear', epsilonStart: 0.05, epsilonEnd: 5e-5, deltaStart: 1, deltaDecay: 0.99 },
      clip: [-2 * Math.PI, 2 * Math.PI],
    });
    assert.ok(Math.abs(code.trace[0].stepSize - (0.05 + (5e-5 - 0.05) / 999)) < 1e-15);
    assert.ok(Math.abs(code.trace[998].stepSize - 5e-5) < 1e-15);
    assert.equal(code.trace[0].delta, 1);
    assert.ok(Math.abs(code.trace[10].delta - 0.99 ** 10) < 1e-15);
    // Δ ≡ +1: the gradient has the same sign in every coordinate.
    assert.ok(code.trace.every((t) => Math.sign(t.gradient[0]) === Math.sign(t.gradient[1])));
  });

  it('calibrates a from gradient samples when asked, and reports it', () => {
    const r = spsa(noisyBowl, {
      ...canonical,
      iterations: 50,
      gains: { kind: 'spall', a: 'calibrate', c: 0.1, S: 5, alpha: 0.602, gamma: 0.101, calibrationStep: 0.2 },
    });
    assert.ok(r.a !== null && r.a > 0);
    assert.ok(Math.abs(r.theta[0] - 1) < Math.abs(0 - 1));
  });

  it('rejects bad settings naming the field', () => {
    assert.throws(() => spsa(noisyBowl, { ...canonical, iterations: 0 }), /iterations/);
    assert.throws(() => spsa(noisyBowl, { ...canonical, gains: { ...canonical.gains, c: 0 } as SpsaOptions['gains'] }), /gains\.c/);
  });

  it('learns a stopping threshold whose cost is no worse than the start (textbook objective, seeded)', () => {
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
    const problem = stoppingProblem(model, { horizon: 50 });
    const opts = { seed: 2, iterations: 40, runsPerEvaluation: 40, orientation: 'stop-below' as const, finalRuns: 400 };
    const r = learnStoppingThreshold(problem, opts);
    assert.deepEqual(r, learnStoppingThreshold(problem, opts));
    assert.equal(r.trace.length, 40);
    assert.ok(r.threshold < 0.5, `the optimum is a small threshold; got ${r.threshold}`);
    const start = learnStoppingThreshold(problem, { ...opts, iterations: 1, theta0: [Math.PI / 4] });
    assert.ok(r.final!.cost <= start.final!.cost + 2 * r.final!.se);
  });

  it('code-central preset is the notebook schedule; the code-parity objective runs the notebook loop', () => {
    const preset = stoppingSpsaPreset('code-central');
    assert.equal(preset.iterations, 999);
    assert.equal(preset.runsPerEvaluation, 10);
    assert.deepEqual(preset.clip, [-2 * Math.PI, 2 * Math.PI]);
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
    const r = learnStoppingThreshold(stoppingProblem(model), {
      preset: 'code-central',
      objective: 'code-parity',
      seed: 1,
      iterations: 20,
      finalRuns: 50,
    });
    assert.equal(r.objective, 'code-parity');
    assert.equal(r.policy.orientation, 'stop-below');
    assert.deepEqual(r.policy.weights, [1, 0], 'the notebook thresholds π(0)');
    assert.ok(r.trace.every((t) => Math.abs(t.theta[0]) <= 2 * Math.PI));
  });
});
