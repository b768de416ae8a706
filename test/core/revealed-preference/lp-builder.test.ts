import * as assert from 'node:assert/strict';
import { checkEnvironments } from '../../../src/core/revealed-preference/choice-data';
import { buildRpProgram } from '../../../src/core/revealed-preference/lp-builder';

describe('revealed preference: LP builder', () => {
  const data = checkEnvironments([
    {
      prior: [0.5, 0.5],
      actionGivenState: [
        [0.8, 0.2, 0],
        [0.3, 0.7, 0],
      ],
    },
    {
      prior: [0.5, 0.5],
      actionGivenState: [
        [0.9, 0.05, 0.05],
        [0.2, 0.7, 0.1],
      ],
    },
  ]);

  it('has the rows of §3.3: NIAS only for used actions, MAX for every (m≠n, a, b), NIAC per ordered pair', () => {
    const { lp } = buildRpProgram(data, false);
    const count = (prefix: string) => lp.rows.filter((r) => r.name.startsWith(prefix)).length;
    assert.equal(count('nias_0_'), 2 * 2); // actions 0 and 1 used in environment 0, each against 2 deviations
    assert.equal(count('nias_1_'), 3 * 2);
    assert.equal(count('nias_0_2_'), 0);
    assert.equal(count('max_'), 2 * 3 * 3);
    assert.equal(count('niac_'), 2);
    assert.ok(lp.rows.every((r) => r.upper === 0));
  });

  it('lets an unused action be a deviation b with the posterior of the chosen action', () => {
    const { lp, layout } = buildRpProgram(data, false);
    const row = lp.rows.find((r) => r.name === 'nias_0_0_2')!;
    const coef = (j: number) => row.values[row.indices.indexOf(j)];
    assert.ok(Math.abs(coef(layout.utility(0, 0, 2)) - 0.4 / 0.55) < 1e-15);
    assert.ok(Math.abs(coef(layout.utility(0, 0, 0)) + 0.4 / 0.55) < 1e-15);
    assert.equal(coef(layout.niasMargin), 1);
  });

  it('bounds r in [0,1], fixes κ_1 = 0 and leaves the other costs free', () => {
    const { lp, layout } = buildRpProgram(data, false);
    for (let j = 0; j < layout.utilityColumns; j++) assert.deepEqual([lp.colLower[j], lp.colUpper[j]], [0, 1]);
    assert.deepEqual([lp.colLower[layout.cost(0)], lp.colUpper[layout.cost(0)]], [0, 0]);
    assert.deepEqual([lp.colLower[layout.cost(1)], lp.colUpper[layout.cost(1)]], [-Infinity, Infinity]);
    assert.equal(new Set(lp.columnNames).size, lp.columnNames.length);
  });

  it('shares one utility block when commonUtility is set', () => {
    const { layout } = buildRpProgram(data, true);
    assert.equal(layout.utilityColumns, 2 * 3);
    assert.equal(layout.utility(0, 1, 2), layout.utility(1, 1, 2));
  });

  it('fixes ε_c at 0 with a single environment (no NIAC rows)', () => {
    const { lp, layout } = buildRpProgram(checkEnvironments([data.environments[1]]), false);
    assert.deepEqual([lp.colLower[layout.niacMargin], lp.colUpper[layout.niacMargin]], [0, 0]);
    assert.equal(lp.rows.filter((r) => !r.name.startsWith('nias_')).length, 0);
  });
});
