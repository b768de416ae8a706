// The social-learning filter: the spec §4.3 worked example, the code-parity trajectory, and its invariants.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { predict } from '../../src/core/bayes';
import { herdAction } from '../../src/core/cascade';
import type { DecisionModel } from '../../src/core/model';
import { actionLikelihood, actionProbability, learn, publicUpdate } from '../../src/core/social-learning';
import { modelCase, simplexPoint } from './reference/arbitraries';

const near = (got: readonly number[] | null, want: readonly number[], tol = 1e-6) => {
  assert.ok(got, `expected ${want}, got null`);
  assert.equal(got.length, want.length);
  got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= tol, `[${i}]: ${v} vs ${want[i]} (got ${got}, want ${want})`));
};

// Spec §4.3: B = [[0.7,0.3],[0.3,0.7]], 0-1 cost, P = I, π_0 = [0.55, 0.45], y = 1,0,0,1,1,0.
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
const ys = [1, 0, 0, 1, 1, 0];
const frozen = [0.740385, 0.259615];
const table = [
  { before: [0.55, 0.45], inH: false, y: 1, eta: [0.34375, 0.65625], a: 1, R: [0.3, 0.7], after: [0.34375, 0.65625] },
  { before: [0.34375, 0.65625], inH: false, y: 0, eta: [0.55, 0.45], a: 0, R: [0.7, 0.3], after: [0.55, 0.45] },
  { before: [0.55, 0.45], inH: false, y: 0, eta: [0.740385, 0.259615], a: 0, R: [0.7, 0.3], after: frozen },
  { before: frozen, inH: true, y: 1, eta: [0.55, 0.45], a: 0, R: [1, 1], after: frozen },
  { before: frozen, inH: true, y: 1, eta: [0.55, 0.45], a: 0, R: [1, 1], after: frozen },
  { before: frozen, inH: true, y: 0, eta: [0.869355, 0.130645], a: 0, R: [1, 1], after: frozen },
];

describe('social learning: spec §4.3 worked example', () => {
  const result = learn(example, ys);

  table.forEach((row, i) => {
    it(`row k=${i + 1}: π_{k-1}, ℋ, η, a, diag R, π_k`, () => {
      const before = i === 0 ? example.prior : result.steps[i - 1].publicBelief;
      near(before, row.before);
      assert.equal(herdAction(example, before) !== null, row.inH);
      const step = result.steps[i];
      near(step.privateBelief, row.eta);
      assert.equal(step.action, row.a);
      near(
        actionLikelihood(example, before).map((r) => r[row.a]),
        row.R,
        1e-12,
      );
      near(step.publicBelief, row.after);
      assert.equal(step.cascade, row.inH);
    });
  });

  it('cascade begins at agent 4 and π freezes at [0.740385, 0.259615] = [77/104, 27/104]', () => {
    assert.equal(result.herdingStep, 4);
    for (const step of result.steps.slice(3)) near(step.publicBelief, [77 / 104, 27 / 104], 1e-15);
    assert.equal(herdAction(example, result.steps[2].publicBelief), 0);
  });

  it('the cost form gives the same run as utility = -cost', () => {
    const costForm: DecisionModel = {
      ...example,
      utility: [
        [0, 1],
        [1, 0],
      ].map((r) => r.map((c) => -c)),
    };
    assert.deepEqual(learn(costForm, ys), result);
  });

  it("code parity reproduces the authors' trajectory without a cascade", () => {
    const parity = learn(example, ys, { codeParity: true });
    const want = [
      [0.483108, 0.516892],
      [0.55, 0.45],
      [0.615132, 0.384868],
      [0.55, 0.45],
      [0.483108, 0.516892],
      [0.55, 0.45],
    ];
    assert.deepEqual(
      parity.steps.map((s) => s.action),
      [1, 0, 0, 1, 1, 0],
    );
    parity.steps.forEach((s, i) => near(s.publicBelief, want[i]));
    assert.ok(parity.steps.every((s) => !s.cascade));
    assert.equal(parity.herdingStep, null);
  });
});

describe('social learning: invariants (fast-check)', () => {
  const anyModel = modelCase({ maxX: 4, maxY: 4, maxA: 4, maxAgents: 10 });
  const onSimplex = (v: readonly number[]) => v.every((p) => p >= 0) && Math.abs(v.reduce((a, b) => a + b, 0) - 1) <= 1e-12;

  it('public and private beliefs stay on the simplex', () => {
    fc.assert(
      fc.property(anyModel, fc.boolean(), ({ model, observations }, codeParity) => {
        for (const step of learn(model, observations, { codeParity }).steps) {
          assert.ok(onSimplex(step.publicBelief), `public ${step.publicBelief}`);
          if (step.privateBelief) assert.ok(onSimplex(step.privateBelief), `private ${step.privateBelief}`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('Σ_a R^π_a = I: every observation is assigned to exactly one action', () => {
    fc.assert(
      fc.property(
        anyModel.chain((c) => fc.tuple(fc.constant(c.model), simplexPoint(c.model.prior.length, 64))),
        ([model, pi]) => {
          const R = actionLikelihood(model, pi);
          R.forEach((row, x) => {
            const rowSum = row.reduce((a, b) => a + b, 0);
            const bSum = model.likelihood[x].reduce((a, b) => a + b, 0);
            assert.ok(Math.abs(rowSum - 1) <= 1e-12 && Math.abs(rowSum - bSum) <= 1e-15, `row ${x}: ${rowSum}`);
            row.forEach((r) => assert.ok(r >= 0));
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('inside ℋ with P = I: R_{a*} = I on the support, σ(π,a*) = 1 and T(π,a*) = π', () => {
    fc.assert(
      fc.property(
        modelCase({ transition: 'identity' }).chain((c) => fc.tuple(fc.constant(c.model), simplexPoint(c.model.prior.length, 64))),
        ([model, pi]) => {
          const herd = herdAction(model, pi);
          fc.pre(herd !== null);
          const R = actionLikelihood(model, pi);
          pi.forEach((p, x) => p > 0 && assert.ok(Math.abs(R[x][herd!] - 1) <= 1e-12));
          assert.ok(Math.abs(actionProbability(model, pi, herd!) - 1) <= 1e-12);
          near(publicUpdate(model, pi, herd!), pi, 1e-12);
          near(publicUpdate(model, pi, herd!, { codeParity: true }), pi, 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('permuting states, observations and actions consistently permutes the run', () => {
    const withPermutations = anyModel.chain((c) => {
      const X = c.model.prior.length;
      const Y = c.model.likelihood[0].length;
      const A = c.model.utility[0].length;
      const perm = (n: number) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n });
      return fc.tuple(fc.constant(c), perm(X), perm(Y), fc.constant([...Array(A).keys()].reverse()));
    });
    fc.assert(
      fc.property(withPermutations, ([{ model, observations }, sx, sy, sa]) => {
        // New index i stands for old index s[i]. Reversing the actions also reverses the tie order, so ties are
        // removed first by a tiny action-specific bonus that makes the utilities generic.
        const generic = model.utility.map((row, x) => row.map((u, a) => u + (x + 1) * (a + 1) * 1e-3 * Math.SQRT2 + a * 1e-4 * Math.PI));
        const base: DecisionModel = { ...model, utility: generic };
        const permuted: DecisionModel = {
          prior: sx.map((x) => model.prior[x]),
          likelihood: sx.map((x) => sy.map((y) => model.likelihood[x][y])),
          utility: sx.map((x) => sa.map((a) => generic[x][a])),
          ...(model.transition ? { transition: sx.map((i) => sx.map((j) => model.transition![i][j])) } : {}),
        };
        const yInv = (y: number) => sy.indexOf(y);
        const before = learn(base, observations);
        // An impossible observation goes to action 0, the lowest index, which no permutation of actions preserves.
        fc.pre(before.steps.every((step) => step.privateBelief !== null));
        const after = learn(permuted, observations.map(yInv));
        assert.equal(after.herdingStep, before.herdingStep);
        after.steps.forEach((step, k) => {
          const ref = before.steps[k];
          assert.equal(sa[step.action], ref.action);
          assert.equal(step.cascade, ref.cascade);
          near(
            step.publicBelief,
            sx.map((x) => ref.publicBelief[x]),
            1e-9,
          );
          if (ref.privateBelief)
            near(
              step.privateBelief,
              sx.map((x) => ref.privateBelief![x]),
              1e-9,
            );
          else assert.equal(step.privateBelief, null);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('social learning: transitions, impossible observations and actions', () => {
  it("P ≠ I: agents start from P'π and T(π,a) = R^{π}_a P'π / σ", () => {
    const model: DecisionModel = {
      ...example,
      transition: [
        [0.9, 0.1],
        [0.2, 0.8],
      ],
    };
    const pred = predict(model, [0.55, 0.45]);
    near(pred, [0.585, 0.415], 1e-15);
    const run = learn(model, [1]);
    // y = 1: η ∝ [0.3·0.585, 0.7·0.415] = [0.1755, 0.2905] -> action 1; R_1 = diag(0.3, 0.7).
    near(run.steps[0].privateBelief, [0.1755 / 0.466, 0.2905 / 0.466], 1e-12);
    assert.equal(run.steps[0].action, 1);
    near(run.steps[0].publicBelief, [0.1755 / 0.466, 0.2905 / 0.466], 1e-12);
  });

  it('P ≠ I: a cascade need not be absorbing; cascade is judged for every agent', () => {
    const model: DecisionModel = {
      prior: [0.9, 0.1],
      likelihood: [
        [0.7, 0.3],
        [0.3, 0.7],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
      transition: [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
    };
    const run = learn(model, [1, 1, 0]);
    // P'π = [0.5, 0.5] for any π, so no agent after the first herds.
    assert.deepEqual(
      run.steps.map((s) => s.cascade),
      [false, false, false],
    );
    assert.deepEqual(
      run.steps.map((s) => s.action),
      [1, 1, 0],
    );
  });

  it('an impossible observation: privateBelief null, action 0, and the public learns from action 0 as usual', () => {
    // State 0 never produces y = 2; starting certain of state 0, y = 2 is impossible.
    const model: DecisionModel = {
      prior: [1, 0],
      likelihood: [
        [0.5, 0.5, 0],
        [0.2, 0.3, 0.5],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
    };
    const step = learn(model, [2]).steps[0];
    assert.equal(step.privateBelief, null);
    assert.equal(step.action, 0);
    assert.deepEqual(step.publicBelief, [1, 0]);
    assert.equal(step.cascade, true);
  });

  it('an impossible observation whose action 0 is impossible too: the public belief only moves by P', () => {
    // Action 0 ("cautious") is best only under the prior, never after a reachable observation.
    const model: DecisionModel = {
      prior: [0.5, 0.5, 0],
      likelihood: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      utility: [
        [0.6, 1, 0],
        [0.6, 0, 1],
        [0, 0, 0],
      ],
      transition: [
        [0.75, 0.25, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    };
    assert.equal(publicUpdate(model, model.prior, 0), null);
    const step = learn(model, [2]).steps[0];
    assert.equal(step.privateBelief, null);
    assert.equal(step.action, 0);
    near(step.publicBelief, [0.375, 0.625, 0], 1e-15);
    assert.equal(step.cascade, false);
  });

  it('publicUpdate rejects an action outside 0..A-1', () => {
    assert.throws(() => publicUpdate(example, [0.5, 0.5], 2), /action: must be an integer in 0\.\.1, got 2/);
  });

  it('learn rejects observations outside 0..Y-1, naming the index', () => {
    assert.throws(() => learn(example, [0, 1, 2]), /observations\[2\]: must be an integer in 0\.\.1, got 2/);
    assert.throws(() => learn(example, [0.5]), /observations\[0\]/);
  });

  it('no observations: no steps, no herding', () => {
    assert.deepEqual(learn(example, []), { steps: [], herdingStep: null, herdAction: null });
  });
});
