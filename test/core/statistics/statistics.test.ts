// Exact test vectors, each computed outside this code (python3 with mpmath/decimal from closed forms:
// χ²_1 tail = erfc(√(x/2)); even df: e^{−x/2} Σ_{k<df/2} (x/2)^k/k!; odd df: erfc(√(x/2)) + e^{−x/2} Σ_k x^{k−½}/(2^{k−½} Γ(k+½))).
import assert from 'node:assert/strict';
import { chiSquareSurvival, gTest, holm, mcnemar, mcnemarExact, totalVariation, wilsonInterval } from '../../../src/core/statistics';

/** |actual − expected| ≤ rel·|expected| (relative tolerance; tails are tiny numbers). */
function close(actual: number, expected: number, rel = 1e-9, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected) + 1e-300, `${what} ${actual} vs ${expected}`);
}

describe('chi-square survival function', () => {
  const vectors: Array<[number, number, number]> = [
    [3.841458820694124, 1, 0.05000000000000008],
    [2, 1, 0.1572992070502851306587793649173907407039],
    [10, 2, 0.006737946999085467],
    [7, 3, 0.07189777249646513],
    [5, 6, 0.543813115883329517998127468344933726925],
    [150, 100, 0.000903932042354009085755644774829803785],
    [300, 200, 0.00000592454033548391582941139743668203026],
    [280, 301, 0.802147038322196231216009452177051434557],
    [350, 301, 0.02712719432269171754985866199590184355159],
    [216.3956680168535118453800040753485322505, 5, 8.789743246736001173521628730654009007011e-45],
    [1000, 4, 3.56941277977738405130612784593850037871e-215],
  ];
  for (const [x, df, p] of vectors) {
    it(`P(χ²_${df} ≥ ${x}) = ${p}`, () => close(chiSquareSurvival(x, df), p, 1e-9, `df=${df} x=${x}`));
  }
  it('is 1 at 0, a point mass for df = 0, and rejects a bad df', () => {
    assert.equal(chiSquareSurvival(0, 3), 1);
    assert.equal(chiSquareSurvival(0, 0), 1);
    assert.equal(chiSquareSurvival(0.1, 0), 0);
    assert.throws(() => chiSquareSurvival(1, 1.5), /degrees of freedom/);
  });
  it('decreases in x and increases in df', () => {
    for (let x = 0.5; x < 60; x += 0.5) assert.ok(chiSquareSurvival(x, 7) > chiSquareSurvival(x + 0.5, 7));
    for (let df = 1; df < 60; df++) assert.ok(chiSquareSurvival(30, df) < chiSquareSurvival(30, df + 1));
  });
});

describe('Wilson interval', () => {
  it('8/10 = [0.4902, 0.9433]', () => {
    const w = wilsonInterval(8, 10)!;
    close(w.low, 0.4901624715366418, 1e-12);
    close(w.high, 0.9433178485456248, 1e-12);
  });
  it('45/100, 0/20 (low end exactly 0) and 1/1 (high end exactly 1)', () => {
    const a = wilsonInterval(45, 100)!;
    close(a.low, 0.3561453797951198, 1e-12);
    close(a.high, 0.5475539700255787, 1e-12);
    assert.deepEqual(wilsonInterval(0, 20)!.low, 0);
    close(wilsonInterval(0, 20)!.high, 0.16112515805281938, 1e-12);
    close(wilsonInterval(1, 1)!.low, 0.20654931437723745, 1e-12);
    assert.equal(wilsonInterval(1, 1)!.high, 1);
  });
  it('is null for n = 0 and rejects k > n', () => {
    assert.equal(wilsonInterval(0, 0), null);
    assert.throws(() => wilsonInterval(3, 2), /0 <= k <= n/);
  });
});

describe('G-test', () => {
  it('binary: O = [30, 10] vs E = [0.7, 0.3] (G = 0.4931, df 1, p = 0.4825, hand-computed)', () => {
    const r = gTest([30, 10], [0.7, 0.3]);
    close(r.g, 0.49314115333799347, 1e-12);
    assert.equal(r.df, 1);
    close(r.p, 0.48252944389413077, 1e-9);
    assert.equal(r.n, 40);
  });
  it('binary: O = [20, 20] vs E = [0.7, 0.3] rejects (G = 6.9741, p = 0.00827)', () => {
    const r = gTest([20, 20], [0.7, 0.3]);
    close(r.g, 6.974135485791111, 1e-12);
    close(r.p, 0.008269616339410844, 1e-9);
  });
  it('exact fit gives G = 0, p = 1', () => {
    const r = gTest([12, 28], [0.3, 0.7]);
    assert.ok(Math.abs(r.g) < 1e-12);
    close(r.p, 1, 1e-12);
  });
  it("spec §2.4: Mistral's state-0 counts against the nested-set B row (G = 216.3957 on 5 df, p = 8.79e-45)", () => {
    const r = gTest([35, 2, 0, 2, 1, 0], [0.0324, 0.166, 0.1822, 0.1903, 0.2024, 0.2267]);
    close(r.g, 216.3956680168535118, 1e-12);
    assert.equal(r.df, 5);
    close(r.p, 8.789743246736001e-45, 1e-8);
  });
  it('a count where E = 0 makes B impossible: G = ∞, p = 0, the cell is named; E = 0 cells reduce df', () => {
    const r = gTest([5, 1, 0], [0.5, 0, 0.5]);
    assert.equal(r.g, Infinity);
    assert.equal(r.p, 0);
    assert.deepEqual(r.impossible, [1]);
    assert.equal(r.df, 1);
    const ok = gTest([5, 0, 5], [0.5, 0, 0.5]);
    assert.equal(ok.df, 1);
    assert.ok(Math.abs(ok.g) < 1e-12);
  });
});

describe('Holm correction', () => {
  it('p = [0.01, 0.04, 0.03, 0.005] → [0.03, 0.06, 0.06, 0.02] (step-down, monotone), nulls kept', () => {
    const out = holm([0.01, null, 0.04, 0.03, 0.005]);
    assert.equal(out[1], null);
    [0.03, 0.06, 0.06, 0.02].forEach((want, i) => close(out[[0, 2, 3, 4][i]] as number, want, 1e-12));
  });
  it('caps at 1', () => assert.deepEqual(holm([0.6, 0.7]), [1, 1]));
});

describe('total variation', () => {
  it('½ Σ |p − q|', () => {
    close(totalVariation([0.75, 0.25], [0.7, 0.3]), 0.05, 1e-12);
    assert.equal(totalVariation([1, 0, 0], [0, 0, 1]), 1);
  });
});

describe('McNemar test', () => {
  it('exact two-sided for few discordant pairs: b = 1, c = 7 → 2·(1 + 8)/2⁸ = 0.0703125', () => {
    const r = mcnemar(1, 7);
    assert.equal(r.method, 'exact');
    close(r.p, 18 / 256, 1e-12);
    close(mcnemarExact(7, 1), 18 / 256, 1e-12);
  });
  it('exact: balanced or no discordant pairs → p = 1; b = 0, c = 5 → 2/32', () => {
    assert.equal(mcnemar(4, 4).p, 1);
    assert.equal(mcnemar(0, 0).p, 1);
    close(mcnemar(0, 5).p, 2 / 32, 1e-12);
  });
  it('chi-square with continuity correction from 25 discordant pairs: b = 20, c = 40 → χ² = 19²/60, p = 0.014171', () => {
    const r = mcnemar(20, 40);
    assert.equal(r.method, 'chi-square');
    close(r.statistic as number, 361 / 60, 1e-12);
    close(r.p, 0.01417138825401233, 1e-9);
  });
});

describe('McNemar exact test for many discordant pairs', () => {
  it('b = 480, c = 560 (n > 1000, log-space): p matches the exact sum computed with python fractions', () => {
    // python3: from fractions import Fraction; from math import comb; float(2*sum(Fraction(comb(1040,i), 2**1040) for i in range(481)))
    close(mcnemarExact(480, 560), 0.014259079095386026, 1e-9);
  });
});
