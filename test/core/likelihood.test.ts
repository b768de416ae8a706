// Likelihood estimation B(y|x) from labelled observations (spec §2.4, §7.4).
import assert from 'node:assert/strict';
import { confusionTable, countTable, estimateLikelihood } from '../../src/core/likelihood';
import { MISTRAL_Y6_COUNTS } from '../../src/core/paper-data';

describe('likelihood: counts and estimation', () => {
  it('countTable rebuilds the §2.4 table from 240 labelled rows', () => {
    const rows = MISTRAL_Y6_COUNTS.flatMap((row, state) => row.flatMap((n, y) => Array.from({ length: n }, () => ({ state, y }))));
    assert.equal(rows.length, 240);
    assert.deepEqual(countTable(rows, 6, 6), MISTRAL_Y6_COUNTS);
  });

  it('confusionTable takes parallel arrays', () => {
    assert.deepEqual(confusionTable([0, 0, 1], [1, 1, 0], 2, 2), [
      [0, 2],
      [1, 0],
    ]);
    assert.throws(() => confusionTable([0], [1, 1], 2, 2), /labels: must have one entry per state/);
  });

  it('names bad rows', () => {
    assert.throws(
      () =>
        countTable(
          [
            { state: 0, y: 0 },
            { state: 2, y: 0 },
          ],
          2,
          2,
        ),
      /rows\[1\]\.state: must be an integer in 0\.\.1, got 2/,
    );
    assert.throws(() => countTable([{ state: 0, y: -1 }], 2, 2), /rows\[0\]\.y/);
  });

  it('without smoothing gives the empirical frequencies (zeros kept)', () => {
    const B = estimateLikelihood(MISTRAL_Y6_COUNTS, { smoothing: 0 });
    assert.deepEqual(B[0], [35 / 40, 2 / 40, 0, 2 / 40, 1 / 40, 0]);
  });

  it('Laplace (+1) by default: (n + 1)/(40 + 6), every entry positive, rows sum to 1', () => {
    const B = estimateLikelihood(MISTRAL_Y6_COUNTS);
    assert.deepEqual(
      B[5],
      [1, 2, 1, 8, 25, 9].map((n) => n / 46),
    );
    for (const row of B) {
      assert.ok(row.every((p) => p > 0));
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-15);
    }
  });

  it('fractional pseudo-counts', () => {
    const B = estimateLikelihood([[3, 0, 1]], { smoothing: 0.5 });
    assert.deepEqual(B, [[3.5 / 5.5, 0.5 / 5.5, 1.5 / 5.5]]);
  });

  it('a state with no data: uniform with smoothing, a clear error without', () => {
    assert.deepEqual(
      estimateLikelihood(
        [
          [0, 0],
          [1, 3],
        ],
        { smoothing: 1 },
      )[0],
      [0.5, 0.5],
    );
    assert.throws(
      () =>
        estimateLikelihood(
          [
            [1, 3],
            [0, 0],
          ],
          { smoothing: 0 },
        ),
      /counts\[1\]: state has no observations/,
    );
  });

  it('rejects negative or non-finite counts and smoothing', () => {
    assert.throws(() => estimateLikelihood([[1, -1]]), /counts\[0\]\[1\]: must be a finite count >= 0/);
    assert.throws(() => estimateLikelihood([[1, 1]], { smoothing: -1 }), /smoothing: must be a finite number >= 0/);
    assert.throws(() => estimateLikelihood([[1, 1], [1]]), /counts\[1\]: must have 2 entries, got 1/);
  });
});
