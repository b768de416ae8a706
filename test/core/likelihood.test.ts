// Likelihood estimation B(y|x) from labelled observations (spec §2.4, §7.4).
import assert from 'node:assert/strict';
import { confusionTable, countTable, estimateLikelihood } from '../../src/core/likelihood';

const y6Counts = [
  [35, 2, 0, 2, 1, 0],
  [7, 10, 1, 12, 9, 1],
  [4, 9, 0, 13, 13, 1],
  [0, 9, 0, 21, 8, 2],
  [1, 5, 0, 8, 22, 4],
  [0, 1, 0, 7, 24, 8],
];

describe('likelihood: counts and estimation', () => {
  it('countTable rebuilds the §2.4 table from 240 labelled rows', () => {
    const rows = y6Counts.flatMap((row, state) => row.flatMap((n, y) => Array.from({ length: n }, () => ({ state, y }))));
    assert.equal(rows.length, 240);
    assert.deepEqual(countTable(rows, 6, 6), y6Counts);
  });

  it('confusionTable takes parallel arrays', () => {
    assert.deepEqual(confusionTable([0, 0, 1], [1, 1, 0], 2, 2), [[0, 2], [1, 0]]);
    assert.throws(() => confusionTable([0], [1, 1], 2, 2), /labels: must have one entry per state/);
  });

  it('names bad rows', () => {
    assert.throws(() => countTable([{ state: 0, y: 0 }, { state: 2, y: 0 }], 2, 2), /rows\[1\]\.state: must be an integer in 0\.\.1, got 2/);
    assert.throws(() => countTable([{ state: 0, y: -1 }], 2, 2), /rows\[0\]\.y/);
  });

  it('without smoothing gives the empirical frequencies (zeros kept)', () => {
    const B = estimateLikelihood(y6Counts, { smoothing: 0 });
    assert.deepEqual(B[0], [35 / 40, 2 / 40, 0, 2 / 40, 1 / 40, 0]);
  });

  it('Laplace (+1) by default: (n + 1)/(40 + 6), every entry positive, rows sum to 1', () => {
    const B = estimateLikelihood(y6Counts);
    assert.deepEqual(B[5], [1, 2, 1, 8, 25, 9].map((n) => n / 46));
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
    assert.deepEqual(estimateLikelihood([[0, 0], [1, 3]], { smoothing: 1 })[0], [0.5, 0.5]);
    assert.throws(() => estimateLikelihood([[1, 3], [0, 0]], { smoothing: 0 }), /counts\[1\]: state has no observations/);
  });

  it('rejects negative or non-finite counts and smoothing', () => {
    assert.throws(() => estimateLikelihood([[1, -1]]), /counts\[0\]\[1\]: must be a finite count >= 0/);
    assert.throws(() => estimateLikelihood([[1, 1]], { smoothing: -1 }), /smoothing: must be a finite number >= 0/);
    assert.throws(() => estimateLikelihood([[1, 1], [1]]), /counts\[1\]: must have 2 entries, got 1/);
  });
});
