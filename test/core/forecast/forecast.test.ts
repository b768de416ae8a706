// The herding-risk forecast against hand-computed probabilities and brute-force enumeration through core learn().
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { herdAction } from '../../../src/core/cascade';
import { forecastHerding } from '../../../src/core/forecast';
import type { DecisionModel } from '../../../src/core/model';
import { learn } from '../../../src/core/social-learning';
import { modelCase } from '../reference/arbitraries';

const close = (got: number, want: number, tol = 1e-12, what = '') => assert.ok(Math.abs(got - want) <= tol, `${what} ${got} vs ${want}`);
const closeAll = (got: readonly number[], want: readonly number[], tol = 1e-12, what = '') => {
  assert.equal(got.length, want.length, what);
  got.forEach((g, i) => close(g, want[i], tol, `${what}[${i}]`));
};

/** The spec §4.3 model: B = [[0.7,0.3],[0.3,0.7]], 0-1 cost, π0 = (0.55, 0.45). */
const example: DecisionModel = {
  prior: [0.55, 0.45],
  likelihood: [
    [0.7, 0.3],
    [0.3, 0.7],
  ],
  utility: [
    [-0, -1],
    [-1, -0],
  ],
};

describe('forecast: hand-computed two-state cases', () => {
  // ℋ = {π(0) < 0.3: herd on 1} ∪ {π(0) ≥ 0.7: herd on 0}. From S = π0 = (0.55, 0.45) (outside ℋ), action 0 gives
  // U = (0.7404, 0.2596) ∈ ℋ (herd 0) and action 1 gives D = (0.34375, 0.65625) ∉ ℋ. From D, action 0 gives back
  // (0.55, 0.45) = S and action 1 gives (0.1833, 0.8167) ∈ ℋ (herd 1). At S and at D agents follow their
  // observation (y = 0 → action 0). With p = P(y = 0 | state), q = 1 − p the chain is: S→U w.p. p (herding step 2),
  // S→D w.p. q, D→S w.p. p, D→herd-1 w.p. q. So P(step = 2 + 2j) = (qp)^j·p (herd 0), P(step = 3 + 2j) = (qp)^j·q² (herd 1).
  // State 0 (p = 0.7): P(step = 1..6) = 0, 0.7, 0.09, 0.147, 0.0189, 0.03087.
  // State 1 (p = 0.3): P(step = 1..6) = 0, 0.3, 0.49, 0.063, 0.1029, 0.01323.
  it('the §4.3 model, N = 6: herdedBy, wrongHerd, herdOn and the expected step', () => {
    const r = forecastHerding(example, { agents: 6 });
    assert.equal(r.exact, true);
    assert.equal(r.agents, 6);
    const [s0, s1] = r.states;
    closeAll(s0.herdedBy, [0, 0.7, 0.79, 0.937, 0.9559, 0.98677], 1e-12, 'state 0 herdedBy');
    closeAll(s1.herdedBy, [0, 0.3, 0.79, 0.853, 0.9559, 0.96913], 1e-12, 'state 1 herdedBy');
    // Wrong herds: state 0 herds on 1 at odd steps (0.09 + 0.0189); state 1 herds on 0 at even steps (0.3 + 0.063 + 0.01323).
    close(s0.wrongHerd, 0.1089);
    close(s1.wrongHerd, 0.37623);
    closeAll(s0.herdOn, [0.7 + 0.147 + 0.03087, 0.1089]);
    closeAll(s1.herdOn, [0.37623, 0.49 + 0.1029]);
    close(s0.expectedHerdingStep as number, (2 * 0.7 + 3 * 0.09 + 4 * 0.147 + 5 * 0.0189 + 6 * 0.03087) / 0.98677);
    close(s1.expectedHerdingStep as number, (2 * 0.3 + 3 * 0.49 + 4 * 0.063 + 5 * 0.1029 + 6 * 0.01323) / 0.96913);
    assert.equal(s0.intervals, undefined);
  });

  it('the §4.3 model, N = 40: the closed form of the walk', () => {
    const N = 40;
    const r = forecastHerding(example, { agents: N });
    [0.7, 0.3].forEach((p, state) => {
      const q = 1 - p;
      const step = (k: number) => (k < 2 ? 0 : k % 2 === 0 ? (q * p) ** ((k - 2) / 2) * p : (q * p) ** ((k - 3) / 2) * q * q);
      let cum = 0;
      const want = Array.from({ length: N }, (_, k) => (cum += step(k + 1)));
      closeAll(r.states[state].herdedBy, want, 1e-12, `state ${state}`);
    });
  });

  it('a prior inside ℋ herds at agent 1 for certain; a tie (π(0) = 0.7 exactly) goes to action 0', () => {
    const r = forecastHerding({ ...example, prior: [0.7, 0.3] }, { agents: 3 });
    for (const s of r.states) {
      assert.deepEqual(s.herdedBy, [1, 1, 1]);
      assert.equal(s.expectedHerdingStep, 1);
      assert.deepEqual(s.herdOn, [1, 0]);
    }
    assert.equal(r.states[0].wrongHerd, 0);
    assert.equal(r.states[1].wrongHerd, 1);
    assert.equal(r.cascadeRegion.priorInRegion, true);
    assert.equal(r.cascadeRegion.priorHerdAction, 0);
  });

  it('one agent outside ℋ cannot herd: expectedHerdingStep is null', () => {
    const r = forecastHerding(example, { agents: 1 });
    for (const s of r.states) {
      assert.deepEqual(s.herdedBy, [0]);
      assert.equal(s.wrongHerd, 0);
      assert.equal(s.expectedHerdingStep, null);
    }
  });

  it('an asymmetric sensor with an impossible observation: B = [[1, 0], [0.5, 0.5]], π0 = (0.5, 0.5), 0-1 utility', () => {
    // π0: y=0 → η ∝ (0.5, 0.25) → action 0; y=1 → η = (0, 1) → action 1. Not in ℋ.
    // Action 0 (R = (1, 0.5)) → π1 ∝ (0.5, 0.25) = (2/3, 1/3): y=0 → (2/3, 1/6) → 0; y=1 → (0, 1/6) → 1. Not in ℋ.
    // Action 1 (R = (0, 0.5)) → π1 = (0, 1): only y with B[1][y] > 0 are reachable, both give action 1 → in ℋ (herd 1).
    // After k actions 0: π ∝ (1, 2^-k) — never in ℋ (y=1 still gives action 1). State 0 only ever observes y = 0,
    // so it never herds; state 1 herds at step k+1 when its first y = 1 comes at agent k: P(step = k+1) = 0.5^k.
    const model: DecisionModel = {
      prior: [0.5, 0.5],
      likelihood: [
        [1, 0],
        [0.5, 0.5],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
    };
    const r = forecastHerding(model, { agents: 5 });
    assert.deepEqual(r.states[0].herdedBy, [0, 0, 0, 0, 0]);
    assert.equal(r.states[0].expectedHerdingStep, null);
    closeAll(r.states[1].herdedBy, [0, 0.5, 0.75, 0.875, 0.9375]);
    close(r.states[1].wrongHerd, 0);
    close(r.states[1].expectedHerdingStep as number, (2 * 0.5 + 3 * 0.25 + 4 * 0.125 + 5 * 0.0625) / 0.9375);
  });

  it('rejects a moving state and a bad agent count, naming the field', () => {
    assert.throws(
      () =>
        forecastHerding(
          {
            ...example,
            transition: [
              [0.9, 0.1],
              [0.1, 0.9],
            ],
          },
          { agents: 3 },
        ),
      /transition/,
    );
    assert.doesNotThrow(() =>
      forecastHerding(
        {
          ...example,
          transition: [
            [1, 0],
            [0, 1],
          ],
        },
        { agents: 3 },
      ),
    );
    assert.throws(() => forecastHerding(example, { agents: 0 }), /agents/);
    const wide: DecisionModel = { prior: [1], likelihood: [[1]], utility: [new Array<number>(128).fill(0)] };
    assert.throws(() => forecastHerding(wide, { agents: 1 }), /utility: the forecast supports at most 127 actions/);
  });
});

/** Every Y^N observation sequence through core learn(), weighted by Π_k B[i][y_k]. */
function bruteForce(model: DecisionModel, N: number) {
  const X = model.prior.length;
  const Y = model.likelihood[0].length;
  const A = model.utility[0].length;
  const herdedBy = Array.from({ length: X }, () => new Array<number>(N).fill(0));
  const herdOn = Array.from({ length: X }, () => new Array<number>(A).fill(0));
  const seq = new Array<number>(N).fill(0);
  for (let code = 0; code < Y ** N; code++) {
    for (let k = 0, c = code; k < N; k++, c = Math.floor(c / Y)) seq[k] = c % Y;
    const { steps, herdingStep } = learn(model, seq);
    if (herdingStep === null) continue;
    const before = herdingStep === 1 ? model.prior : steps[herdingStep - 2].publicBelief;
    const h = herdAction(model, before) as number;
    for (let i = 0; i < X; i++) {
      const p = seq.reduce((prod, y) => prod * model.likelihood[i][y], 1);
      for (let k = herdingStep; k <= N; k++) herdedBy[i][k - 1] += p;
      herdOn[i][h] += p;
    }
  }
  return { herdedBy, herdOn };
}

describe('forecast: exact enumeration vs every observation sequence through core learn()', () => {
  it('agrees to 1e-9 on random models (zeros in B and the prior, ties, cost form)', () => {
    fc.assert(
      fc.property(modelCase({ maxX: 3, maxY: 3, maxA: 3, transition: 'identity' }), fc.integer({ min: 1, max: 6 }), ({ model }, N0) => {
        const Y = model.likelihood[0].length;
        const N = Y === 3 ? Math.min(N0, 5) : N0;
        const r = forecastHerding(model, { agents: N, regionSamples: 10 });
        assert.equal(r.exact, true);
        const want = bruteForce(model, N);
        r.states.forEach((s, i) => {
          closeAll(s.herdedBy, want.herdedBy[i], 1e-9, `state ${i} herdedBy`);
          closeAll(s.herdOn, want.herdOn[i], 1e-9, `state ${i} herdOn`);
          const best = Math.max(...model.utility[i]);
          close(
            s.wrongHerd,
            want.herdOn[i].reduce((t, p, a) => (model.utility[i][a] < best ? t + p : t), 0),
            1e-9,
            'wrongHerd',
          );
          const total = want.herdedBy[i][N - 1];
          if (total === 0) assert.equal(s.expectedHerdingStep, null);
          else {
            const mean = want.herdedBy[i].reduce((t, c, k) => t + (k + 1) * (c - (k > 0 ? want.herdedBy[i][k - 1] : 0)), 0) / total;
            close(s.expectedHerdingStep as number, mean, 1e-9, 'expected step');
          }
        });
      }),
      { numRuns: 300, seed: 10 },
    );
  });
});
