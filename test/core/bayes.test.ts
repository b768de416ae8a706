// The single-agent step: prediction, private belief (2.1) and myopic action (2.2).
import assert from 'node:assert/strict';
import { decideFromPredicted, myopicAction, predict, privateBelief } from '../../src/core/bayes';
import type { DecisionModel } from '../../src/core/model';

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

describe('bayes: single agent', () => {
  it("predict is the identity without P and P'π with it", () => {
    assert.deepEqual(predict(model, [0.25, 0.75]), [0.25, 0.75]);
    assert.deepEqual(
      predict(
        {
          ...model,
          transition: [
            [0.5, 0.5],
            [0.25, 0.75],
          ],
        },
        [0.5, 0.5],
      ),
      [0.375, 0.625],
    );
  });

  it("privateBelief normalises by 1'B_y P'π (not by 1'B'P'π as the authors' code does)", () => {
    const eta = privateBelief(model, [0.55, 0.45], 1)!;
    assert.ok(Math.abs(eta[0] - 0.34375) < 1e-15 && Math.abs(eta[1] - 0.65625) < 1e-15);
    assert.ok(Math.abs(eta[0] + eta[1] - 1) < 1e-15);
  });

  it('privateBelief is null when the observation is impossible under π', () => {
    const zeros: DecisionModel = {
      ...model,
      likelihood: [
        [1, 0],
        [0.5, 0.5],
      ],
    };
    assert.equal(privateBelief(zeros, [1, 0], 1), null);
    assert.deepEqual(privateBelief(zeros, [0.5, 0.5], 1), [0, 1]);
  });

  it("myopicAction maximises u_a'η; ties go to the lowest index", () => {
    assert.equal(myopicAction(model, [0.4, 0.6]), 1);
    assert.equal(myopicAction(model, [0.5, 0.5]), 0);
    const threeWay: DecisionModel = {
      ...model,
      utility: [
        [0, 1, 1],
        [0, 1, 1],
      ],
    };
    assert.equal(myopicAction(threeWay, [0.3, 0.7]), 1);
  });

  it('cost form (utility = -cost) gives argmin of expected cost with the same ties', () => {
    const cost = [
      [0, 1, 1],
      [1, 0, 1],
    ];
    const costModel: DecisionModel = { ...model, utility: cost.map((r) => r.map((c) => -c)) };
    assert.equal(myopicAction(costModel, [0.5, 0.5]), 0);
    assert.equal(myopicAction(costModel, [0.2, 0.8]), 1);
  });

  it('decideFromPredicted: exact ties in the data stay ties (action from the unnormalised joint)', () => {
    // joint for y = 3 is [9/64, 3/64, 3/64, 0]; u_0'joint = u_1'joint = -12/64 exactly, so action 0.
    const tie: DecisionModel = {
      prior: [0.375, 0.375, 0.125, 0.125],
      likelihood: [
        [0, 0.375, 0.25, 0.375],
        [0, 0.375, 0.5, 0.125],
        [0, 0.125, 0.5, 0.375],
        [0, 0, 1, 0],
      ],
      utility: [
        [-1, -2],
        [1, 2],
        [-2, 0],
        [0, 0],
      ],
    };
    assert.equal(decideFromPredicted(tie, tie.prior, 3).action, 0);
    assert.deepEqual(decideFromPredicted(tie, tie.prior, 0), { privateBelief: null, action: 0 });
  });
});
