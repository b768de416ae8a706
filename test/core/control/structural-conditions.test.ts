// The TP2 / submodularity checks of §5.1.
import assert from 'node:assert/strict';
import { stoppingProblem } from '../../../src/core/control/stopping-problem';
import { checkStructuralConditions, isTp2, worstTp2Minor } from '../../../src/core/control/structural-conditions';
import type { DecisionModel } from '../../../src/core/model';

const base: DecisionModel = {
  prior: [0.5, 0.5],
  likelihood: [
    [0.7, 0.3],
    [0.1, 0.9],
  ],
  utility: [
    [1, 0],
    [0, 1],
  ],
};

describe('control: structural conditions', () => {
  it('TP2 means every 2×2 minor is non-negative', () => {
    assert.ok(
      Math.abs(
        worstTp2Minor([
          [0.7, 0.3],
          [0.1, 0.9],
        ]) - 0.6,
      ) < 1e-12,
    );
    assert.equal(
      isTp2([
        [0.5, 0.3, 0.2],
        [0.2, 0.3, 0.5],
        [0.1, 0.2, 0.7],
      ]),
      true,
    );
    assert.equal(
      isTp2([
        [0.5, 0.3, 0.2],
        [0.1, 0.8, 0.1],
        [0.2, 0.3, 0.5],
      ]),
      false,
    );
  });

  it('the controllingherding.py override [[0.3,0.7],[0.7,0.3]] is not TP2, but is TP2 with the observations relabelled', () => {
    const override = stoppingProblem({
      ...base,
      likelihood: [
        [0.3, 0.7],
        [0.7, 0.3],
      ],
    });
    const check = checkStructuralConditions(override).checks.find((c) => c.name === 'likelihood-tp2')!;
    assert.equal(check.pass, false);
    assert.match(check.detail, /smallest 2×2 minor -0\.4/);
    assert.match(check.detail, /TP2 after reversing the observation order/);
  });

  it('P = I passes; a TP2 P passes; an anti-monotone P fails', () => {
    const find = (m: DecisionModel) => checkStructuralConditions(stoppingProblem(m)).checks.find((c) => c.name === 'transition-tp2')!;
    assert.equal(find(base).pass, true);
    assert.equal(
      find({
        ...base,
        transition: [
          [0.9, 0.1],
          [0.2, 0.8],
        ],
      }).pass,
      true,
    );
    assert.equal(
      find({
        ...base,
        transition: [
          [0.2, 0.8],
          [0.9, 0.1],
        ],
      }).pass,
      false,
    );
  });

  it('without a value-iteration grid (or for X > 2) the grid conditions are reported as not checked', () => {
    const c = checkStructuralConditions(stoppingProblem(base));
    assert.equal(c.checks.find((x) => x.name === 'submodular-costs')!.pass, null);
    assert.equal(c.allPass, false);
  });
});
