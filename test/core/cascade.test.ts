// The herding region ℋ (spec §4.2) and its two-state closed form.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { herdAction, inHerdingRegion, twoStateCascadeThresholds, twoStateHerdAction } from '../../src/core/cascade';
import type { DecisionModel } from '../../src/core/model';

const symmetric = (p: number, costForm: boolean): DecisionModel => ({
  prior: [0.5, 0.5],
  likelihood: [
    [p, 1 - p],
    [1 - p, p],
  ],
  utility: costForm
    ? [
        [-0, -1],
        [-1, -0],
      ]
    : [
        [1, 0],
        [0, 1],
      ],
});

describe('cascade: herding region', () => {
  it('spec §4.3: ℋ is π(0) ∉ [0.3, 0.7] for B = [[0.7,0.3],[0.3,0.7]]', () => {
    const model = symmetric(0.7, true);
    assert.equal(herdAction(model, [0.740385, 0.259615]), 0);
    assert.equal(herdAction(model, [0.55, 0.45]), null);
    assert.equal(herdAction(model, [0.34375, 0.65625]), null);
    assert.equal(herdAction(model, [0.25, 0.75]), 1);
  });

  it('ignores observations that are impossible under π', () => {
    // From π = [1, 0] only y ∈ {0, 1} can occur, and both lead to action 0; y = 2 (possible only in state 1) would not.
    const model: DecisionModel = {
      prior: [1, 0],
      likelihood: [
        [0.5, 0.5, 0],
        [0.1, 0.1, 0.8],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
    };
    assert.equal(herdAction(model, [1, 0]), 0);
    assert.equal(herdAction(model, [0.5, 0.5]), null);
  });

  it('with one observation symbol every belief is in ℋ; with a perfectly informative sensor and interior π none is', () => {
    const blind: DecisionModel = {
      prior: [0.5, 0.5],
      likelihood: [[1], [1]],
      utility: [
        [1, 0],
        [0, 1],
      ],
    };
    assert.equal(herdAction(blind, [0.3, 0.7]), 1);
    const perfect = symmetric(1, false);
    assert.equal(inHerdingRegion(perfect, [0.3, 0.7]), false);
    assert.equal(herdAction(perfect, [1, 0]), 0);
  });

  it("uses P'π when P ≠ I", () => {
    const model: DecisionModel = {
      ...symmetric(0.7, false),
      transition: [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
    };
    assert.equal(herdAction(model, [0.99, 0.01]), null);
  });
});

describe('cascade: two-state closed form', () => {
  it('thresholds: herd on 1 below 1 - p, on 0 from p', () => {
    assert.deepEqual(twoStateCascadeThresholds(0.75), { herdOn1Below: 0.25, herdOn0From: 0.75 });
    assert.throws(() => twoStateCascadeThresholds(0.5), /p: must be in \(0\.5, 1\]/);
  });

  it('boundaries with exact (dyadic) numbers: equality at p is a tie that goes to action 0; at 1 - p the agent still learns', () => {
    for (const costForm of [false, true]) {
      const model = symmetric(0.75, costForm);
      for (const pi0 of [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1]) {
        assert.equal(herdAction(model, [pi0, 1 - pi0]), twoStateHerdAction(0.75, pi0), `π(0) = ${pi0}`);
      }
    }
    assert.equal(twoStateHerdAction(0.75, 0.75), 0);
    assert.equal(twoStateHerdAction(0.75, 0.25), null);
  });

  it('agrees with the general test on random p and π (away from the boundaries)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 1, noNaN: true }).filter((p) => p > 0.5 + 1e-6),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (p, pi0, costForm) => {
          fc.pre(Math.abs(pi0 - p) > 1e-9 && Math.abs(pi0 - (1 - p)) > 1e-9);
          assert.equal(herdAction(symmetric(p, costForm), [pi0, 1 - pi0]), twoStateHerdAction(p, pi0));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('log-likelihood-ratio form: the cascade starts once |ln(π0/π1)| exceeds ln(p/(1-p))', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.51, max: 0.99, noNaN: true }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), (p, pi0) => {
        const llr = Math.log(pi0 / (1 - pi0));
        const bound = Math.log(p / (1 - p));
        fc.pre(Math.abs(Math.abs(llr) - bound) > 1e-9);
        assert.equal(twoStateHerdAction(p, pi0) !== null, Math.abs(llr) > bound);
      }),
      { numRuns: 1000 },
    );
  });
});
