import * as assert from 'node:assert/strict';
import type { LinearProgram } from '../../../src/core/revealed-preference/linear-program';
import { loadLpSolver } from '../../../src/core/revealed-preference/solver';

describe('revealed preference: HiGHS solver', () => {
  // max x + y  s.t.  x + 2y ≤ 4,  3x + y ≤ 6,  x, y ≥ 0  → (1.6, 1.2), objective 2.8
  const lp = (): LinearProgram => ({
    columnNames: ['x', 'y'],
    colLower: [0, 0],
    colUpper: [Infinity, Infinity],
    colCost: [1, 1],
    rows: [
      { name: 'a', indices: [0, 1], values: [1, 2], upper: 4 },
      { name: 'b', indices: [0, 1], values: [3, 1], upper: 6 },
    ],
    sense: 'maximize',
  });

  it('loads once and solves a small LP to its vertex', async () => {
    const solver = await loadLpSolver();
    assert.equal(await loadLpSolver(), solver);
    const outcome = solver.solve(lp());
    assert.equal(outcome.status, 'optimal');
    if (outcome.status !== 'optimal') return;
    assert.ok(Math.abs(outcome.objective - 2.8) < 1e-12);
    assert.ok(Math.abs(outcome.values[0] - 1.6) < 1e-12 && Math.abs(outcome.values[1] - 1.2) < 1e-12);
  });

  it('reports infeasible and unbounded problems instead of numbers', async () => {
    const solver = await loadLpSolver();
    const infeasible = lp();
    infeasible.colLower[0] = 5;
    assert.match(solver.solve(infeasible).status, /^infeasible/);
    const unbounded = lp();
    unbounded.rows = [];
    assert.match(solver.solve(unbounded).status, /unbounded/);
  });
});
