// Inputs too large or too odd for their command: one line naming the field, exit code 2, or a sound result.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { buildRpProgram } from '../../src/core/revealed-preference/lp-builder';
import { checkEnvironments, MAX_RP_COEFFICIENTS, rpProgramSize } from '../../src/core/revealed-preference/choice-data';
import { MAX_JSON_DEPTH } from '../../src/cli/input-files';
import { runHerdscope, tempFile } from '../support/cli';

/** M environments, X states, A actions: uniform priors, rows spread over all actions (valid data). */
function rpData(M: number, X: number, A: number) {
  const row = (x: number) => Array.from({ length: A }, (_, a) => (a === x % A ? 0.5 : 0.5 / (A - 1)));
  return {
    environments: Array.from({ length: M }, () => ({
      prior: Array(X).fill(1 / X),
      actionGivenState: Array.from({ length: X }, (_, x) => row(x)),
    })),
  };
}

function assertOneLineError(result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, pattern);
  assert.doesNotMatch(result.stderr, /internal error|at .*\.js:\d+/);
}

describe('inputs too large or too odd', () => {
  it('rp estimates its LP size from the dimensions: never above the real count, within a factor 1.5 of it', () => {
    for (const [M, X, A] of [
      [1, 2, 2],
      [3, 4, 5],
      [5, 6, 6],
      [2, 10, 3],
    ]) {
      const data = checkEnvironments(rpData(M, X, A).environments);
      const { lp } = buildRpProgram(data, false);
      const actual = lp.rows.reduce((n, row) => n + row.indices.length, 0);
      const estimate = rpProgramSize(M, X, A);
      assert.ok(estimate <= actual && actual <= 1.5 * estimate, `${M}×${X}×${A}: estimate ${estimate}, actual ${actual}`);
    }
  });

  it('rp refuses an LP far beyond what HiGHS can solve here, naming environments, before building it', async () => {
    assert.ok(rpProgramSize(3, 100, 100) > MAX_RP_COEFFICIENTS);
    const file = tempFile('big-rp.json', rpData(3, 100, 100));
    assertOneLineError(
      await runHerdscope(['rp', '--data', file]),
      /environments: 3 environments × 100 states × 100 actions make an LP of about .* coefficients; the limit is/,
    );
  });

  it('a model JSON nested 100,000 levels deep is refused naming --model (no stack overflow)', async () => {
    const file = tempFile('deep.json', '');
    writeFileSync(file, `{"prior":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    assertOneLineError(
      await runHerdscope(['learn', '--model', file, '--observations', '0,1']),
      new RegExp(`--model: .* nests arrays/objects deeper than ${MAX_JSON_DEPTH} levels`),
    );
    // Nested a little (a wrong shape, not deep): the validation names the entry without expanding it.
    const shallow = tempFile('nested.json', { prior: [[[[1]]], 0], likelihood: [[1]], utility: [[1]] });
    assertOneLineError(
      await runHerdscope(['learn', '--model', shallow, '--observations', '0']),
      /prior\[0\]: must be a finite number, got an array of 1/,
    );
  });

  it('control stop with utilities of ±1e308 is refused naming the utility entry, instead of nulls marked converged', async () => {
    const model = tempFile('huge.json', {
      prior: [0.5, 0.5],
      likelihood: [
        [0.7, 0.3],
        [0.3, 0.7],
      ],
      utility: [
        [1e308, -1e308],
        [-1e308, 1e308],
      ],
    });
    assertOneLineError(await runHerdscope(['control', 'stop', '--model', model]), /utility\[0\]\[0\]: must be at most 1e\+12 in magnitude/);
    const cost = JSON.stringify([
      [0, 1e300],
      [1e300, 0],
    ]);
    const ok = tempFile('ok.json', {
      prior: [0.5, 0.5],
      likelihood: [
        [0.7, 0.3],
        [0.3, 0.7],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
    });
    assertOneLineError(
      await runHerdscope(['control', 'stop', '--model', ok, '--classification-cost', cost]),
      /classificationCost\[0\]\[1\]: must be at most/,
    );
    // Large but within range: every value is a finite number.
    const big = tempFile('big.json', {
      prior: [0.5, 0.5],
      likelihood: [
        [0.7, 0.3],
        [0.3, 0.7],
      ],
      utility: [
        [1e11, -1e11],
        [-1e11, 1e11],
      ],
    });
    const result = await runHerdscope(['control', 'stop', '--model', big, '--grid', '101', '--terminal-cost', '1e11']);
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.ok(out.values.value.every(Number.isFinite) && Number.isFinite(out.valueAtPrior), 'finite values');
  });
});
