// `herdscope learn` through the built CLI: output shape, precision, and one-line errors with exit code 2.
import assert from 'node:assert/strict';
import { parseDecisionModel } from '../../src/core/model';
import { learn } from '../../src/core/social-learning';
import { runHerdscope, tempFile } from '../support/cli';

const example = {
  prior: [0.55, 0.45],
  likelihood: [
    [0.7, 0.3],
    [0.3, 0.7],
  ],
  cost: [
    [0, 1],
    [1, 0],
  ],
};

async function learnCli(model: unknown, ...args: string[]) {
  return runHerdscope(['learn', '--model', tempFile('model.json', model), ...args]);
}

async function expectInputError(args: string[], message: RegExp) {
  const r = await runHerdscope(['learn', ...args]);
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one stderr line, got: ${r.stderr}`);
  assert.match(lines[0], /^herdscope learn: /);
  assert.match(lines[0], message);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

describe('cli: herdscope learn', () => {
  it('prints the §4.3 run as one line of JSON: cascade at agent 4, π frozen', async () => {
    const r = await learnCli(example, '--observations', '1,0,0,1,1,0');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.ok(r.stdout.endsWith('\n') && r.stdout.trim().split('\n').length === 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['steps', 'herdingStep']);
    assert.deepEqual(Object.keys(out.steps[0]), ['privateBelief', 'action', 'publicBelief', 'cascade']);
    assert.equal(out.herdingStep, 4);
    assert.deepEqual(
      out.steps.map((s: { action: number }) => s.action),
      [1, 0, 0, 0, 0, 0],
    );
    assert.deepEqual(
      out.steps.map((s: { cascade: boolean }) => s.cascade),
      [false, false, false, true, true, true],
    );
    for (const s of out.steps.slice(2)) {
      assert.ok(Math.abs(s.publicBelief[0] - 0.740385) < 1e-6 && Math.abs(s.publicBelief[1] - 0.259615) < 1e-6);
    }
  });

  it('prints full double precision, identical to the core result', async () => {
    const r = await learnCli(example, '--observations', '1,0,0');
    assert.equal(r.stdout, `${JSON.stringify(printed(learn(parseDecisionModel(example), [1, 0, 0])))}\n`);
    assert.ok(Math.abs(JSON.parse(r.stdout).steps[2].publicBelief[0] - 77 / 104) <= 2e-16);
  });

  it("--code-parity gives the authors' trajectory (no cascade)", async () => {
    const out = JSON.parse((await learnCli(example, '--observations', '1,0,0,1,1,0', '--code-parity')).stdout);
    assert.equal(out.herdingStep, null);
    assert.ok(Math.abs(out.steps[0].publicBelief[0] - 0.483108) < 1e-6);
    assert.ok(Math.abs(out.steps[2].publicBelief[0] - 0.615132) < 1e-6);
    assert.equal(out.steps[3].action, 1);
  });

  it('utility form and a transition matrix are accepted', async () => {
    const model = {
      prior: [0.55, 0.45],
      likelihood: [
        [0.7, 0.3],
        [0.3, 0.7],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
      transition: [
        [0.9, 0.1],
        [0.2, 0.8],
      ],
    };
    const r = await learnCli(model, '--observations', '1, 1,0');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${JSON.stringify(printed(learn(parseDecisionModel(model), [1, 1, 0])))}\n`);
  });

  it('an observation impossible under the public belief: privateBelief null, action 0', async () => {
    const model = {
      prior: [1, 0],
      likelihood: [
        [0.5, 0.5, 0],
        [0.2, 0.3, 0.5],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
    };
    const out = JSON.parse((await learnCli(model, '--observations', '2,0')).stdout);
    assert.deepEqual(out.steps[0], { privateBelief: null, action: 0, publicBelief: [1, 0], cascade: true });
    assert.equal(out.herdingStep, 1);
  });

  it('an empty observation list gives no steps', async () => {
    const r = await learnCli(example, '--observations', '');
    assert.equal(r.stdout, '{"steps":[],"herdingStep":null}\n');
  });

  it('--help prints the usage, including the impossible-observation rule', async () => {
    const r = await runHerdscope(['learn', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /usage: herdscope learn --model FILE --observations/);
    assert.match(r.stdout, /privateBelief null; the agent then takes\s+action 0/);
  });

  describe('bad input: one stderr line naming the field, exit 2', () => {
    const file = (model: unknown) => ['--model', tempFile('model.json', model), '--observations', '0,1'];
    it('missing --model / --observations', async () => {
      await expectInputError(['--observations', '0'], /--model: is required/);
      await expectInputError(['--model', tempFile('m.json', example)], /--observations: is required/);
    });
    it('missing file', async () => {
      await expectInputError(
        ['--model', '/nonexistent/model.json', '--observations', '0'],
        /--model: cannot read "\/nonexistent\/model\.json": no such file/,
      );
    });
    it('a directory instead of a file', async () => {
      await expectInputError(['--model', '/tmp', '--observations', '0'], /--model: cannot read "\/tmp" \(EISDIR\)/);
    });
    it('invalid JSON', async () => {
      await expectInputError(
        ['--model', tempFile('m.json', '{"prior": [0.5, 0.5],'), '--observations', '0'],
        /--model: ".*m\.json" is not valid JSON/,
      );
    });
    it('not an object', async () => {
      await expectInputError(file([1, 2]), /model: must be a JSON object/);
    });
    it('rows not summing to 1', async () => {
      await expectInputError(
        file({
          ...example,
          likelihood: [
            [0.7, 0.3],
            [0.3, 0.9],
          ],
        }),
        /likelihood\[1\]: must sum to 1, sums to 1\.2/,
      );
      await expectInputError(file({ ...example, prior: [0.5, 0.4] }), /prior: must sum to 1, sums to 0\.9/);
    });
    it('negative entries', async () => {
      await expectInputError(
        file({
          ...example,
          likelihood: [
            [1.2, -0.2],
            [0.3, 0.7],
          ],
        }),
        /likelihood\[0\]\[1\]: must be non-negative, got -0\.2/,
      );
    });
    it('wrong shapes', async () => {
      await expectInputError(file({ ...example, likelihood: [[1]] }), /likelihood: must have 2 rows, got 1/);
      await expectInputError(file({ ...example, cost: [[0, 1], [1]] }), /cost\[1\]: must have 2 entries, got 1/);
      await expectInputError(file({ ...example, transition: [[1, 0]] }), /transition: must have 2 rows, got 1/);
    });
    it('a number JSON.parse turns into Infinity is shown as such, not as null', async () => {
      const overflow = '{"prior":[0.5,0.5],"likelihood":[[1e999,0],[0.3,0.7]],"cost":[[0,1],[1,0]]}';
      await expectInputError(
        ['--model', tempFile('m.json', overflow), '--observations', '0'],
        /likelihood\[0\]\[0\]: must be a finite number, got Infinity$/,
      );
    });
    it('both or neither of utility and cost', async () => {
      await expectInputError(
        file({
          ...example,
          utility: [
            [1, 0],
            [0, 1],
          ],
        }),
        /cost: give either utility or cost, not both/,
      );
      await expectInputError(file({ prior: [1], likelihood: [[1]] }), /utility: is required \(or give cost\)/);
    });
    it('observations out of range or not integers', async () => {
      await expectInputError(
        ['--model', tempFile('m.json', example), '--observations', '0,2'],
        /observations\[1\]: must be an integer in 0\.\.1, got 2/,
      );
      await expectInputError(
        ['--model', tempFile('m.json', example), '--observations', '0,-1'],
        /observations\[1\]: must be a non-negative integer, got "-1"/,
      );
      await expectInputError(
        ['--model', tempFile('m.json', example), '--observations', '1.5'],
        /observations\[0\]: must be a non-negative integer/,
      );
      await expectInputError(['--model', tempFile('m.json', example), '--observations', '0,,1'], /observations\[1\]/);
    });
    it('unknown options and stray arguments', async () => {
      await expectInputError(['--model', tempFile('m.json', example), '--observations', '0', '--verbose'], /verbose/);
      await expectInputError(['--model', tempFile('m.json', example), '--observations', '0', 'extra'], /extra/);
    });
  });
});

/** What `learn` prints of the core result: the steps and the herding step. */
function printed({ steps, herdingStep }: ReturnType<typeof learn>): { steps: unknown; herdingStep: number | null } {
  return { steps, herdingStep };
}
