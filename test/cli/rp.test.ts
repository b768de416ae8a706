import * as assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runHerdscope, tempFile, type CliResult } from '../support/cli';

const PASS = {
  environments: [
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
  ],
  commonUtility: false,
};

function parseOneLine(result: CliResult): Record<string, unknown> {
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '');
  assert.match(result.stdout, /^[^\n]+\n$/);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

async function rejects(args: string[], field: string): Promise<string> {
  const result = await runHerdscope(['rp', ...args]);
  assert.equal(result.code, 2, `exit code for ${args.join(' ')}: ${result.stdout}${result.stderr}`);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^herdscope rp: [^\n]+\n$/);
  assert.ok(result.stderr.includes(field), `stderr should name ${field}: ${result.stderr}`);
  assert.doesNotMatch(result.stderr, /\bat .*:\d+:\d+/);
  return result.stderr;
}

describe('herdscope rp (built CLI)', () => {
  it('prints the §3.4 PASS margins in the contract shape', async () => {
    const out = parseOneLine(await runHerdscope(['rp', '--data', tempFile('pass.json', PASS)]));
    assert.deepEqual(Object.keys(out), ['niasMargin', 'niacMargin', 'passes', 'utilities', 'costs']);
    assert.ok(Math.abs((out.niasMargin as number) - 0.480769) < 1e-6);
    assert.ok(Math.abs((out.niacMargin as number) - 0.002404) < 1e-6);
    assert.equal(out.passes, true);
    const utilities = out.utilities as number[][][];
    assert.deepEqual([utilities.length, utilities[0].length, utilities[0][0].length], [2, 2, 2]);
    const costs = out.costs as number[];
    assert.equal(costs[0], 0);
    assert.ok(Math.abs(costs[1] - 0.097596) < 1e-6);
  });

  it('reports FAIL with εs = 0, and niacMargin null for one environment', async () => {
    const fail = {
      environments: [
        {
          ...PASS.environments[0],
          actionGivenState: [
            [0.6, 0.4],
            [0.6, 0.4],
          ],
        },
        PASS.environments[1],
      ],
    };
    const failed = parseOneLine(await runHerdscope(['rp', '--data', tempFile('fail.json', fail)]));
    assert.equal(failed.niasMargin, 0);
    assert.equal(failed.passes, false);
    const single = parseOneLine(await runHerdscope(['rp', '--data', tempFile('one.json', { environments: [PASS.environments[0]] })]));
    assert.equal(single.niacMargin, null);
    assert.equal((single.costs as number[]).length, 1);
  });

  it('uses a common utility from the file or from --common-utility, which overrides the file', async () => {
    const fromFlag = parseOneLine(await runHerdscope(['rp', '--data', tempFile('pass.json', PASS), '--common-utility']));
    const fromFile = parseOneLine(await runHerdscope(['rp', '--data', tempFile('common.json', { ...PASS, commonUtility: true })]));
    for (const out of [fromFlag, fromFile]) {
      assert.ok(Math.abs(out.niacMargin as number) < 1e-12);
      const [r1, r2] = out.utilities as number[][][];
      assert.deepEqual(r1, r2);
    }
  });

  it('adds G(m,n) and per-environment NIAS slack with --details', async () => {
    const out = parseOneLine(await runHerdscope(['rp', '--data', tempFile('pass.json', PASS), '--details']));
    assert.deepEqual(Object.keys(out), ['niasMargin', 'niacMargin', 'passes', 'utilities', 'costs', 'grossUtility', 'niasSlack']);
    const slack = out.niasSlack as number[];
    assert.ok(Math.abs(slack[0] - (out.niasMargin as number)) < 1e-8 && slack[1] > slack[0]);
  });

  it('prints the sparsest utility, or that the margins are infeasible', async () => {
    const file = tempFile('pass.json', PASS);
    const sparse = parseOneLine(await runHerdscope(['rp', '--data', file, '--sparsest', '0.1,0.01']));
    assert.equal(sparse.feasible, true);
    const total = (sparse.utilities as number[][][]).flat(2).reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(total - (sparse.totalUtility as number)) < 1e-12);
    const none = parseOneLine(await runHerdscope(['rp', '--data', file, '--sparsest', '0.1,0.01', '--common-utility']));
    assert.equal(none.feasible, false);
    assert.match(none.reason as string, /no non-negative utility/);
  });

  it('finds highs.wasm and the lazily loaded HiGHS bundle beside the CLI when dist/ is copied elsewhere and run from another directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herdscope-dist-'));
    copyFileSync(join(repoRoot, 'dist', 'cli.js'), join(dir, 'cli.js'));
    copyFileSync(join(repoRoot, 'dist', 'highs.wasm'), join(dir, 'highs.wasm'));
    cpSync(join(repoRoot, 'dist', 'sdk'), join(dir, 'sdk'), { recursive: true });
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, [join(dir, 'cli.js'), 'rp', '--data', tempFile('pass.json', PASS)], {
      cwd: tmpdir(),
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(Math.abs((JSON.parse(run.stdout) as { niasMargin: number }).niasMargin - 0.480769) < 1e-6);
  });

  it('rejects bad input with one line naming the field and exit code 2', async () => {
    const env = PASS.environments[0];
    await rejects([], '--data');
    await rejects(['--data', join(tmpdir(), 'herdscope-no-such-file.json')], '--data');
    await rejects(['--data', tempFile('bad.json', '{"environments": [')], '--data');
    const sums = await rejects(
      [
        '--data',
        tempFile('sum.json', {
          environments: [
            {
              prior: [0.5, 0.5],
              actionGivenState: [
                [0.5, 0.5],
                [3, 7],
              ],
            },
          ],
        }),
      ],
      'environments[0].actionGivenState[1]',
    );
    assert.match(sums, /must sum to 1, sums to 10/);
    await rejects(
      [
        '--data',
        tempFile('neg.json', {
          environments: [
            {
              prior: [0.5, 0.5],
              actionGivenState: [
                [1.5, -0.5],
                [0.5, 0.5],
              ],
            },
          ],
        }),
      ],
      'environments[0].actionGivenState[0][1]',
    );
    await rejects(
      [
        '--data',
        tempFile('x.json', {
          environments: [
            env,
            {
              prior: [0.2, 0.3, 0.5],
              actionGivenState: [
                [1, 0],
                [0, 1],
                [1, 0],
              ],
            },
          ],
        }),
      ],
      'environments[1].prior',
    );
    await rejects(
      [
        '--data',
        tempFile('a.json', {
          environments: [
            env,
            {
              prior: [0.5, 0.5],
              actionGivenState: [
                [1, 0, 0],
                [0, 1, 0],
              ],
            },
          ],
        }),
      ],
      'environments[1].actionGivenState[0]',
    );
    await rejects(
      ['--data', tempFile('shape.json', { environments: [{ prior: [0.5, 0.5], actionGivenState: [0.5, 0.5] }] })],
      'environments[0].actionGivenState[0]',
    );
    await rejects(['--data', tempFile('none.json', { envs: [] })], 'environments');
    await rejects(['--data', tempFile('flag.json', { ...PASS, commonUtility: 'yes' })], 'commonUtility');
    await rejects(['--data', tempFile('pass.json', PASS), '--sparsest', '1'], '--sparsest');
    await rejects(['--data', tempFile('pass.json', PASS), '--bogus'], '--bogus');
  });
});
