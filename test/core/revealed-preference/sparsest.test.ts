import * as assert from 'node:assert/strict';
import { InputError } from '../../../src/core/errors';
import { checkEnvironments } from '../../../src/core/revealed-preference/choice-data';
import { grossUtilities, niacSlack, niasSlacks } from '../../../src/core/revealed-preference/gross-utility';
import { solveMaxMargin } from '../../../src/core/revealed-preference/nias-niac';
import { loadLpSolver, type LpSolver } from '../../../src/core/revealed-preference/solver';
import { solveSparsest } from '../../../src/core/revealed-preference/sparsest';

describe('revealed preference: sparsest utility', () => {
  let solver: LpSolver;
  before(async () => {
    solver = await loadLpSolver();
  });
  const pass = checkEnvironments([
    {
      prior: [0.5, 0.5],
      actionGivenState: [
        [0.8, 0.2],
        [0.3, 0.7],
      ],
    },
    {
      prior: [0.5, 0.5],
      actionGivenState: [
        [0.9, 0.1],
        [0.2, 0.8],
      ],
    },
  ]);

  it('returns non-negative utilities meeting both fixed margins, with Σ r as the objective', () => {
    const result = solveSparsest(solver, pass, { niasMargin: 0.1, niacMargin: 0.01 });
    assert.equal(result.feasible, true);
    if (!result.feasible) return;
    const r = result.utilities.flat(2);
    assert.ok(r.every((v) => v >= 0));
    assert.ok(Math.abs(r.reduce((s, v) => s + v, 0) - result.totalUtility) < 1e-12);
    assert.ok(Math.min(...niasSlacks(pass, result.utilities)) >= 0.1 - 1e-9);
    assert.ok(niacSlack(grossUtilities(pass, result.utilities), result.costs)! >= 0.01 - 1e-9);
  });

  it('scales linearly with the margins (the feasible set is a cone) and never beats a rescaled max-margin utility', () => {
    const small = solveSparsest(solver, pass, { niasMargin: 0.1, niacMargin: 0.01 });
    const large = solveSparsest(solver, pass, { niasMargin: 11, niacMargin: 1.1 });
    assert.ok(small.feasible && large.feasible);
    if (!small.feasible || !large.feasible) return;
    assert.ok(Math.abs(large.totalUtility - 110 * small.totalUtility) < 1e-7 * large.totalUtility);
    // One environment: the max-margin utility scaled to margin 0.1 is feasible, so its Σ r bounds the sparsest from above.
    const single = checkEnvironments([pass.environments[0]]);
    const best = solveMaxMargin(solver, single);
    const sparse = solveSparsest(solver, single, { niasMargin: 0.1, niacMargin: 0 });
    assert.ok(sparse.feasible);
    if (!sparse.feasible) return;
    const scaled = best.utilities.flat(2).reduce((s, v) => s + v, 0) * (0.1 / best.niasMargin);
    assert.ok(sparse.totalUtility <= scaled + 1e-9);
  });

  it('reports infeasible margins instead of a number', () => {
    const fail = checkEnvironments([
      {
        prior: [0.5, 0.5],
        actionGivenState: [
          [0.6, 0.4],
          [0.6, 0.4],
        ],
      },
      {
        prior: [0.5, 0.5],
        actionGivenState: [
          [0.9, 0.1],
          [0.2, 0.8],
        ],
      },
    ]);
    const noNias = solveSparsest(solver, fail, { niasMargin: 11, niacMargin: 22 });
    assert.equal(noNias.feasible, false);
    if (!noNias.feasible) assert.match(noNias.reason, /no non-negative utility achieves NIAS margin 11 and NIAC margin 22/);
    // A common utility under a common prior has a zero cycle sum: no positive NIAC margin exists.
    assert.equal(solveSparsest(solver, pass, { niasMargin: 0.1, niacMargin: 0.01, commonUtility: true }).feasible, false);
    assert.equal(solveSparsest(solver, pass, { niasMargin: 0.1, niacMargin: 0, commonUtility: true }).feasible, true);
  });

  it('rejects negative or non-finite margins naming the field', () => {
    assert.throws(
      () => solveSparsest(solver, pass, { niasMargin: -1, niacMargin: 0 }),
      (e: unknown) => e instanceof InputError && e.field === 'niasMargin',
    );
    assert.throws(
      () => solveSparsest(solver, pass, { niasMargin: 1, niacMargin: NaN }),
      (e: unknown) => e instanceof InputError && e.field === 'niacMargin',
    );
  });
});
