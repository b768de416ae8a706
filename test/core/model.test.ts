// Validation of the model-file JSON: every error names its field.
import assert from 'node:assert/strict';
import { dims, parseDecisionModel } from '../../src/core/model';

const valid = {
  prior: [0.55, 0.45],
  likelihood: [
    [0.7, 0.2, 0.1],
    [0.3, 0.3, 0.4],
  ],
  utility: [
    [1, 0],
    [0, 1],
  ],
};
const fails = (raw: unknown, message: RegExp) => assert.throws(() => parseDecisionModel(raw), message);

describe('model: parseDecisionModel', () => {
  it('accepts utility form and reports dims', () => {
    const m = parseDecisionModel(valid);
    assert.deepEqual(dims(m), { X: 2, Y: 3, A: 2 });
    assert.equal(m.transition, undefined);
  });

  it('stores a cost model as the exact negation', () => {
    const m = parseDecisionModel({
      ...valid,
      utility: undefined,
      cost: [
        [0, 1.5],
        [2, 0],
      ],
    });
    assert.deepEqual(m.utility, [
      [-0, -1.5],
      [-2, -0],
    ]);
  });

  it('accepts a transition and rows summing to 1 within 1e-9, keeping the values as given', () => {
    const m = parseDecisionModel({
      ...valid,
      prior: [0.5 + 4e-10, 0.5],
      transition: [
        [0.9, 0.1],
        [0.2, 0.8],
      ],
    });
    assert.deepEqual(m.prior, [0.5 + 4e-10, 0.5]);
    assert.deepEqual(m.transition, [
      [0.9, 0.1],
      [0.2, 0.8],
    ]);
  });

  it('does not alias the input arrays', () => {
    const raw = structuredClone(valid);
    const m = parseDecisionModel(raw);
    raw.likelihood[0][0] = 99;
    assert.equal(m.likelihood[0][0], 0.7);
  });

  it('rejects bad input naming the field', () => {
    fails(null, /model: must be a JSON object/);
    fails([1], /model: must be a JSON object/);
    fails({ ...valid, prior: undefined }, /prior: is required/);
    fails({ ...valid, prior: [0.5, 0.6] }, /prior: must sum to 1, sums to 1\.1/);
    fails({ ...valid, prior: [1.5, -0.5] }, /prior\[1\]: must be non-negative, got -0\.5/);
    fails(
      {
        ...valid,
        likelihood: [
          [0.7, 0.3, 0.2],
          [0.3, 0.3, 0.4],
        ],
      },
      /likelihood\[0\]: must sum to 1, sums to 1\.2/,
    );
    fails({ ...valid, likelihood: [[0.7, 0.3]] }, /likelihood: must have 2 rows, got 1/);
    fails(
      {
        ...valid,
        likelihood: [
          [0.7, 0.3, 0],
          [0.5, 0.5],
        ],
      },
      /likelihood\[1\]: must have 3 entries, got 2/,
    );
    fails(
      {
        ...valid,
        likelihood: [
          [0.7, '0.3', 0],
          [0.5, 0.5, 0],
        ],
      },
      /likelihood\[0\]\[1\]: must be a finite number/,
    );
    fails({ ...valid, utility: undefined }, /utility: is required \(or give cost\)/);
    fails(
      {
        ...valid,
        cost: [
          [0, 1],
          [1, 0],
        ],
      },
      /cost: give either utility or cost, not both/,
    );
    fails({ ...valid, utility: [[1, 0], [0]] }, /utility\[1\]: must have 2 entries, got 1/);
    fails({ ...valid, utility: [[1, 0]] }, /utility: must have 2 rows, got 1/);
    fails(
      {
        ...valid,
        transition: [
          [1, 0],
          [0.5, 0.4],
        ],
      },
      /transition\[1\]: must sum to 1, sums to 0\.9/,
    );
    fails(
      {
        ...valid,
        transition: [
          [1, 0, 0],
          [0, 1, 0],
        ],
      },
      /transition\[0\]: must have 2 entries, got 3/,
    );
    fails({ ...valid, prior: [] }, /prior: must not be empty/);
    fails(
      {
        ...valid,
        utility: [
          [Infinity, 0],
          [0, 1],
        ],
      },
      /utility\[0\]\[0\]: must be a finite number, got Infinity/,
    );
    fails({ ...valid, prior: [NaN, 1] }, /prior\[0\]: must be a finite number, got NaN/);
  });

  it('prefixes fields when given a parent field', () => {
    assert.throws(() => parseDecisionModel({ ...valid, prior: [0.2, 0.2] }, 'profile'), /profile\.prior: must sum to 1/);
  });
});
