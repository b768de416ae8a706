import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRng } from '../../../src/core/random';
import {
  checkEnvironments,
  choiceProbabilitiesFromCounts,
  perturbChoices,
  posteriorsGivenAction,
} from '../../../src/core/revealed-preference/choice-data';
import { niacSlack, niasSlacks } from '../../../src/core/revealed-preference/gross-utility';
import { buildRpProgram } from '../../../src/core/revealed-preference/lp-builder';
import { solveMaxMargin } from '../../../src/core/revealed-preference/nias-niac';
import { loadLpSolver, type LpSolver } from '../../../src/core/revealed-preference/solver';
import type { ChoiceEnvironment, MaxMarginResult } from '../../../src/core/revealed-preference/types';
import { MISTRAL_Y6_COUNTS } from '../../../src/core/paper-data';

const uniform = (n: number) => Array<number>(n).fill(1 / n);
const PASS_P1 = [
  [0.8, 0.2],
  [0.3, 0.7],
];
const PASS_P2 = [
  [0.9, 0.1],
  [0.2, 0.8],
];
const FAIL_P1 = [
  [0.6, 0.4],
  [0.6, 0.4],
];

/** Rows of positive integer weights, normalised: a generic p(a|x) with every action used. */
const stochasticMatrix = (X: number, A: number, minWeight = 1) =>
  fc.array(fc.array(fc.integer({ min: minWeight, max: 30 }), { minLength: A, maxLength: A }), { minLength: X, maxLength: X }).map((rows) =>
    rows.map((row) => {
      const total = row.reduce((s, v) => s + v, 0);
      return row.map((v) => v / total);
    }),
  );
const probabilityVector = (X: number) => stochasticMatrix(1, X).map((rows) => rows[0]);

/**
 * Independent reference for M = 1, X = 2, A = 2: with d(x) = r(x,0) − r(x,1) ∈ [−1,1], the margin is
 * max_d min(q0·d, −q1·d); a concave piecewise-linear maximum sits at a box corner or where the two pieces meet on an edge.
 */
function twoStateTwoActionMargin(q0: number[], q1: number[]): number {
  const candidates: number[][] = [
    [-1, -1],
    [-1, 1],
    [1, -1],
    [1, 1],
  ];
  const s = [q0[0] + q1[0], q0[1] + q1[1]];
  for (const edge of [-1, 1]) {
    if (s[1] !== 0) candidates.push([edge, (-s[0] * edge) / s[1]]);
    if (s[0] !== 0) candidates.push([(-s[1] * edge) / s[0], edge]);
  }
  const value = (d: number[]) => Math.min(q0[0] * d[0] + q0[1] * d[1], -(q1[0] * d[0] + q1[1] * d[1]));
  return Math.max(...candidates.filter((d) => Math.abs(d[0]) <= 1 && Math.abs(d[1]) <= 1).map(value));
}

/** The reported utilities and costs really achieve the reported margins (a certificate for the lower bound). */
function assertCertificate(envs: ChoiceEnvironment[], result: MaxMarginResult): void {
  const data = checkEnvironments(envs);
  for (const r of result.utilities.flat(2)) assert.ok(r >= 0 && r <= 1 && !Object.is(r, -0), `utility ${r} outside [0,1]`);
  assert.equal(result.costs[0], 0);
  const slack = Math.min(...niasSlacks(data, result.utilities));
  assert.ok(slack >= result.niasMargin - 1e-8, `NIAS slack ${slack} below margin ${result.niasMargin}`);
  const cycle = niacSlack(result.grossUtility, result.costs);
  if (envs.length === 1) assert.equal(result.niacMargin, null);
  else assert.ok(cycle! >= result.niacMargin! - 1e-8, `NIAC slack ${cycle} below margin ${result.niacMargin}`);
  assert.equal(result.passes, result.niasMargin > 1e-6);
}

describe('revealed preference: max-margin NIAS/NIAC (lexicographic)', () => {
  let solver: LpSolver;
  const run = (envs: ChoiceEnvironment[], commonUtility = false) => solveMaxMargin(solver, checkEnvironments(envs), { commonUtility });

  before(async () => {
    solver = await loadLpSolver();
  });

  it('§3.4 PASS: εs = 0.480769, εc = 0.002404, κ2 = 0.097596, environment 1 binding', () => {
    const result = run([
      { prior: [0.5, 0.5], actionGivenState: PASS_P1 },
      { prior: [0.5, 0.5], actionGivenState: PASS_P2 },
    ]);
    assert.ok(Math.abs(result.niasMargin - 0.480769) < 1e-6, `εs ${result.niasMargin}`);
    assert.ok(Math.abs(result.niacMargin! - 0.002404) < 1e-6, `εc ${result.niacMargin}`);
    assert.ok(Math.abs(result.costs[1] - 0.097596) < 1e-6, `κ2 ${result.costs[1]}`);
    assert.equal(result.passes, true);
    assert.ok(Math.abs(result.niasSlack[0] - result.niasMargin) < 1e-8 && result.niasSlack[1] > result.niasMargin + 0.1);
    assertCertificate(
      [
        { prior: [0.5, 0.5], actionGivenState: PASS_P1 },
        { prior: [0.5, 0.5], actionGivenState: PASS_P2 },
      ],
      result,
    );
  });

  it('§3.4 PASS with a common utility: same εs, εc = 0 (the cycle sum is exactly 0)', () => {
    const result = run(
      [
        { prior: [0.5, 0.5], actionGivenState: PASS_P1 },
        { prior: [0.5, 0.5], actionGivenState: PASS_P2 },
      ],
      true,
    );
    assert.ok(Math.abs(result.niasMargin - 0.480769) < 1e-6);
    assert.ok(Math.abs(result.niacMargin!) < 1e-12, `εc ${result.niacMargin}`);
    assert.deepEqual(result.utilities[0], result.utilities[1]);
  });

  it('§3.4 FAIL: an uninformative environment using both actions gives εs = 0 exactly', () => {
    const envs = [
      { prior: [0.5, 0.5], actionGivenState: FAIL_P1 },
      { prior: [0.5, 0.5], actionGivenState: PASS_P2 },
    ];
    const result = run(envs);
    assert.equal(result.niasMargin, 0);
    assert.equal(result.passes, false);
    assertCertificate(envs, result);
  });

  it('skips NIAS for an unused action but keeps it as a deviation', () => {
    const withUnused = [
      [0.8, 0.2, 0],
      [0.3, 0.7, 0],
    ];
    const result = run([{ prior: [0.5, 0.5], actionGivenState: withUnused }]);
    // Imposing NIAS on action 2 with a zero "posterior" would force εs = 0; skipping it leaves the two-action margin.
    const [q0, q1] = posteriorsGivenAction({ prior: [0.5, 0.5], actionGivenState: withUnused });
    assert.ok(Math.abs(result.niasMargin - twoStateTwoActionMargin(q0!, q1!)) < 1e-9);
    assert.ok(Math.abs(result.niasMargin - 0.480769) < 1e-6);
    // As a deviation it is still constrained: each chosen action beats it by at least εs.
    const r = result.utilities[0];
    for (const q of [q0!, q1!]) {
      const chosen = q === q0 ? 0 : 1;
      assert.ok(q[0] * (r[0][chosen] - r[0][2]) + q[1] * (r[1][chosen] - r[1][2]) >= result.niasMargin - 1e-9);
    }
  });

  it('maximises εs first, then εc: data where max εs + εc would report εs = 0 (independent reference: scipy HiGHS)', () => {
    const envs = [
      {
        prior: [0.5, 0.5],
        actionGivenState: [
          [0.21, 0.04, 0.75],
          [0.48, 0.04, 0.48],
        ],
      },
      {
        prior: [0.5, 0.5],
        actionGivenState: [
          [0.56, 0.12, 0.32],
          [0.03, 0.16, 0.81],
        ],
      },
    ];
    const result = run(envs);
    assert.ok(Math.abs(result.niasMargin - 0.0675235776470485) < 1e-9, `εs ${result.niasMargin}`);
    assert.ok(result.niacMargin! >= 0 && result.niacMargin! < 1e-8, `εc ${result.niacMargin}`);
    assertCertificate(envs, result);
    const { lp, layout } = buildRpProgram(checkEnvironments(envs), false);
    lp.colCost[layout.niasMargin] = lp.colCost[layout.niacMargin] = 1;
    const sum = solver.solve(lp);
    assert.equal(sum.status, 'optimal');
    if (sum.status === 'optimal') assert.ok(sum.values[layout.niasMargin] < 1e-9 && sum.values[layout.niacMargin] > 0.08);
  });

  it('M = 1, X = 2, A = 2: equals the closed-form two-state margin', () => {
    fc.assert(
      fc.property(probabilityVector(2), stochasticMatrix(2, 2, 0), (prior, p) => {
        fc.pre(p.every((row) => row.every(Number.isFinite)));
        const posteriors = posteriorsGivenAction({ prior, actionGivenState: p });
        fc.pre(posteriors.every((q) => q !== null));
        const result = run([{ prior, actionGivenState: p }]);
        const expected = twoStateTwoActionMargin(posteriors[0]!, posteriors[1]!);
        assert.ok(Math.abs(result.niasMargin - expected) < 1e-9, `${result.niasMargin} vs ${expected}`);
      }),
      { numRuns: 200 },
    );
  });

  it('M = 1 sanity (§3.3): distinct posteriors pass, at least by the margin of r(·,a) = q_a − ½|q_a|²', () => {
    const shape = fc.record({ X: fc.integer({ min: 2, max: 4 }), A: fc.integer({ min: 2, max: 4 }) });
    const instance = shape.chain(({ X, A }) => fc.record({ prior: probabilityVector(X), p: stochasticMatrix(X, A) }));
    fc.assert(
      fc.property(instance, ({ prior, p }) => {
        const env = { prior, actionGivenState: p };
        const posteriors = posteriorsGivenAction(env).map((q) => q!);
        const distinct = posteriors.every((qa, a) => posteriors.every((qb, b) => b <= a || qa.some((v, x) => Math.abs(v - qb[x]) > 1e-6)));
        fc.pre(distinct);
        // The spec's witness, rescaled into the box [0,1]: its own NIAS margin bounds the optimum from below.
        const raw = prior.map((_, x) => posteriors.map((q) => q[x] - 0.5 * q.reduce((s, v) => s + v * v, 0)));
        const lo = Math.min(...raw.flat());
        const span = Math.max(...raw.flat()) - lo;
        const witness = raw.map((row) => row.map((v) => (v - lo) / span));
        const witnessMargin = Math.min(...niasSlacks(checkEnvironments([env]), [witness]));
        assert.ok(witnessMargin > 0);
        const result = run([env]);
        assert.ok(result.niasMargin >= witnessMargin - 1e-9, `${result.niasMargin} < witness ${witnessMargin}`);
        assert.equal(result.passes, result.niasMargin > 1e-6);
        assertCertificate([env], result);
      }),
      { numRuns: 100 },
    );
  });

  it('M = 1 sanity (§3.3): two used actions with identical posteriors fail with εs = 0', () => {
    const instance = fc
      .integer({ min: 2, max: 4 })
      .chain((X) =>
        fc.record({ prior: probabilityVector(X), p: stochasticMatrix(X, 3), share: fc.double({ min: 0.1, max: 0.9, noNaN: true }) }),
      );
    fc.assert(
      fc.property(instance, ({ prior, p, share }) => {
        // Split action 0 into actions 0 and 3 in a fixed proportion: both are used and have the same posterior.
        const split = p.map(([a0, ...rest]) => [a0 * share, ...rest, a0 * (1 - share)]);
        const result = run([{ prior, actionGivenState: split }]);
        assert.ok(result.niasMargin <= 1e-12, `εs ${result.niasMargin}`);
        assert.equal(result.passes, false);
      }),
      { numRuns: 60 },
    );
  });

  it('random data: the reported utilities and costs certify both margins; permuting states and actions changes no margin', () => {
    const instance = fc
      .record({
        M: fc.integer({ min: 1, max: 3 }),
        X: fc.integer({ min: 2, max: 3 }),
        A: fc.integer({ min: 2, max: 4 }),
        common: fc.boolean(),
      })
      .chain(({ M, X, A, common }) =>
        fc.record({
          envs: fc.array(fc.record({ prior: probabilityVector(X), actionGivenState: stochasticMatrix(X, A, 0) }), {
            minLength: M,
            maxLength: M,
          }),
          common: fc.constant(common),
          statePerm: fc.shuffledSubarray([...Array(X).keys()], { minLength: X, maxLength: X }),
          actionPerm: fc.shuffledSubarray([...Array(A).keys()], { minLength: A, maxLength: A }),
        }),
      );
    fc.assert(
      fc.property(instance, ({ envs, common, statePerm, actionPerm }) => {
        fc.pre(envs.every((e) => e.actionGivenState.every((row) => row.every(Number.isFinite))));
        const result = run(envs, common);
        assertCertificate(envs, result);
        const permuted = envs.map((e) => ({
          prior: statePerm.map((x) => e.prior[x]),
          actionGivenState: statePerm.map((x) => actionPerm.map((a) => e.actionGivenState[x][a])),
        }));
        const other = run(permuted, common);
        assert.ok(Math.abs(other.niasMargin - result.niasMargin) < 1e-9);
        if (envs.length > 1) assert.ok(Math.abs(other.niacMargin! - result.niacMargin!) < 1e-8);
      }),
      { numRuns: 80 },
    );
  });

  it('the real Mistral-7B counts of §2.4 (one environment, uniform prior) pass NIAS', () => {
    const env = { prior: uniform(6), actionGivenState: choiceProbabilitiesFromCounts(MISTRAL_Y6_COUNTS) };
    const result = run([env]);
    assert.equal(result.passes, true);
    assert.ok(result.niasMargin > 0.1, `εs ${result.niasMargin}`); // 0.129421 with the box 0 ≤ r ≤ 1
    assertCertificate([env], result);
  });

  it('E1 (§3.1): Mistral environment plus a U(0,0.01)-noise copy passes NIAS; NIAC holds only with a small margin', () => {
    const p1 = choiceProbabilitiesFromCounts(MISTRAL_Y6_COUNTS);
    const p2 = perturbChoices(p1, 0.01, createRng(2024).next);
    const envs = [
      { prior: uniform(6), actionGivenState: p1 },
      { prior: uniform(6), actionGivenState: p2 },
    ];
    const perEnvironment = run(envs);
    assert.equal(perEnvironment.passes, true);
    assert.ok(perEnvironment.niasMargin > 0.1 && perEnvironment.niacMargin! >= 0 && perEnvironment.niacMargin! < 0.01);
    assertCertificate(envs, perEnvironment);
    const common = run(envs, true);
    assert.equal(common.passes, true);
    assert.ok(Math.abs(common.niacMargin!) < 1e-12);
  });
});
