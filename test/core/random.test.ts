// The seeded PRNG: reproducible, seed- and stream-sensitive, roughly uniform.
import assert from 'node:assert/strict';
import { assertSeed, createRng, deriveSeed } from '../../src/core/random';

const draws = (seed: number, ...streams: number[]) => {
  const rng = createRng(seed, ...streams);
  return Array.from({ length: 5 }, () => rng.next());
};

describe('random: seeded PRNG', () => {
  it('the same seed and streams give the same numbers', () => {
    assert.deepEqual(draws(7, 3), draws(7, 3));
  });

  it('the seed and every stream index change the numbers', () => {
    assert.notDeepEqual(draws(1), draws(2));
    assert.notDeepEqual(draws(1, 0), draws(2, 0));
    assert.notDeepEqual(draws(1, 0), draws(1, 1));
    assert.notDeepEqual(draws(1, 0, 1), draws(1, 1, 0));
    assert.notEqual(deriveSeed(3), deriveSeed(4));
    assert.notEqual(deriveSeed(2 ** 40), deriveSeed(2 ** 40 + 1));
  });

  it('next() is in [0,1) with mean ≈ 1/2; categorical follows its probabilities', () => {
    const rng = createRng(11);
    let sum = 0;
    const counts = [0, 0, 0];
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      assert.ok(u >= 0 && u < 1);
      sum += u;
      counts[rng.categorical([0.2, 0, 0.8])]++;
    }
    assert.ok(Math.abs(sum / n - 0.5) < 0.01);
    assert.equal(counts[1], 0);
    assert.ok(Math.abs(counts[0] / n - 0.2) < 0.01);
  });

  it('rademacher gives ±1 about equally often; nextInt stays in range', () => {
    const rng = createRng(5);
    let plus = 0;
    for (let i = 0; i < 10000; i++) {
      if (rng.rademacher() === 1) plus++;
      const k = rng.nextInt(3);
      assert.ok(k >= 0 && k < 3 && Number.isInteger(k));
    }
    assert.ok(Math.abs(plus / 10000 - 0.5) < 0.02);
  });

  it('assertSeed rejects non-integers with the field name', () => {
    assert.throws(() => assertSeed(1.5), /seed: must be an integer/);
    assert.equal(assertSeed(-3), -3);
  });
});
