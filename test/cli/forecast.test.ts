// `herdscope forecast` through the built CLI: the JSON contract, the text form, agreement with `herdscope simulate`, bad input.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-cli';
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

async function forecast(args: string[]) {
  const r = await runHerdscope(['forecast', ...args]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  return r.stdout;
}

async function expectInputError(args: string[], message: RegExp) {
  const r = await runHerdscope(['forecast', ...args]);
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one stderr line, got: ${r.stderr}`);
  assert.match(lines[0], /^herdscope forecast: /);
  assert.match(lines[0], message);
}

describe('cli: herdscope forecast', () => {
  it('--json keeps the contract shape: exact, agents, states[{state, herdedBy[N], wrongHerd, expectedHerdingStep}]', async () => {
    const out = JSON.parse(await forecast(['--model', tempFile('model.json', example), '--agents', '6', '--json']));
    assert.deepEqual(Object.keys(out).slice(0, 3), ['exact', 'agents', 'states']);
    assert.equal(out.exact, true);
    assert.equal(out.agents, 6);
    assert.deepEqual(Object.keys(out.states[0]).slice(0, 4), ['state', 'herdedBy', 'wrongHerd', 'expectedHerdingStep']);
    assert.deepEqual(
      out.states.map((s: { state: number }) => s.state),
      [0, 1],
    );
    assert.equal(out.states[0].herdedBy.length, 6);
    // Hand-computed in test/core/forecast: state 0 herds by agent 2 w.p. 0.7, wrongly w.p. 0.1089 within 6 agents.
    assert.ok(Math.abs(out.states[0].herdedBy[1] - 0.7) < 1e-12);
    assert.ok(Math.abs(out.states[0].wrongHerd - 0.1089) < 1e-12);
    assert.equal(out.cascadeRegion.kind, 'prior-axis');
  });

  it('the text form names states and actions of a profile, shows P(herded by k), the wrong-herd rate and the region', async () => {
    const text = await forecast(['--profile', 'hate-speech-binary', '--agents', '12']);
    assert.match(text, /^HerdScope forecast: profile .*12 agents/);
    assert.match(text, /Computed exact \([\d,]+ distinct public beliefs enumerated\)/);
    assert.match(text, /herded by 1 +herded by 2 +herded by 5 +herded by 10 +herded by 12 +wrong herd +E\[step \| herds\]/);
    assert.match(text, /^not HSP /m);
    assert.match(text, /Cascade region on the prior axis π\(not HSP\)/);
    assert.match(text, /The prior is (inside|outside) it/);
  });

  it('--html writes the forecast page: one line per true state of the profile, the exact label, the same numbers as --json', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'herdscope-forecast-')), 'forecast.html');
    const json = JSON.parse(await forecast(['--profile', 'hate-speech-binary', '--json', '--html', out]));
    const html = readFileSync(out, 'utf8');
    assert.equal((html.match(/<polyline class="line/g) ?? []).length, json.states.length);
    assert.match(html, /id="forecast-method">EXACT</);
    const pctText = `${(100 * json.states[0].wrongHerd).toFixed(1)}%`;
    assert.ok(html.includes(pctText), `the wrong-herd probability ${pctText}`);
    assert.ok(!/<script/i.test(html));
  });

  it("--agents defaults to the profile's count, 10 with --model; --prior overrides the prior", async () => {
    const profileAgents = JSON.parse(readFileSync('profiles/hate-speech-binary.json', 'utf8')).agents.count;
    assert.equal(JSON.parse(await forecast(['--profile', 'hate-speech-binary', '--json'])).agents, profileAgents);
    const out = JSON.parse(await forecast(['--model', tempFile('m.json', example), '--prior', '0.7,0.3', '--json']));
    assert.equal(out.agents, 10);
    assert.deepEqual(out.prior, [0.7, 0.3]);
    assert.deepEqual(out.states[0].herdedBy, new Array(10).fill(1)); // π(0) = 0.7 is in ℋ: everyone herds on 0
    assert.equal(out.cascadeRegion.priorInRegion, true);
  });

  it('--max-beliefs 0 gives a seeded Monte Carlo forecast labelled exact: false, with intervals', async () => {
    const file = tempFile('m.json', example);
    const out = JSON.parse(
      await forecast(['--model', file, '--agents', '6', '--max-beliefs', '0', '--chains', '5000', '--seed', '4', '--json']),
    );
    assert.equal(out.exact, false);
    assert.equal(out.chains, 5000);
    assert.equal(out.seed, 4);
    const [lo, hi] = out.states[0].intervals.herdedBy[1];
    assert.ok(lo <= 0.7 && 0.7 <= hi, `[${lo}, ${hi}]`);
    assert.equal(
      await forecast(['--model', file, '--agents', '6', '--max-beliefs', '0', '--chains', '5000', '--seed', '4', '--json']),
      JSON.stringify(out) + '\n',
    );
  });

  it('the text form says Monte Carlo, with the chains and the seed', async () => {
    const text = await forecast(['--model', tempFile('m.json', example), '--agents', '6', '--max-beliefs', '0', '--chains', '500']);
    assert.match(text, /Monte Carlo \(500 chains per state, seed 0/);
    assert.match(text, /\d%\s+\[[\d.]+%–[\d.]+%\]/);
  });

  it('agrees with `herdscope simulate` on the same model and prior (true state 2, 2000 runs)', async () => {
    const model = {
      likelihood: [
        [0.6, 0.3, 0.1],
        [0.2, 0.5, 0.3],
        [0.1, 0.2, 0.7],
      ],
      utility: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    };
    const file = tempFile('model.json', model);
    const results = tempFile('results.jsonl', '');
    const N = 10;
    const runs = 2000;
    const r = await runHerdscope([
      'simulate',
      '--model',
      file,
      '--agents',
      String(N),
      '--runs',
      String(runs),
      '--prior-values',
      '0.375',
      '--true-states',
      '2',
      '--dump-results',
      results,
    ]);
    assert.equal(r.code, 0, r.stderr);
    // simulate starts from π0 = 0.375·e_0 + 0.625·e_2.
    const out = JSON.parse(await forecast(['--model', file, '--prior', '0.375,0,0.625', '--agents', String(N), '--json']));
    assert.equal(out.exact, true);
    const lines = readFileSync(results, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { herding_step: number | null; herd_action: number | null });
    assert.equal(lines.length, runs);
    const s = out.states[2];
    const within = (k: number, p: number) => Math.abs(k / runs - p) <= 5 * Math.sqrt((p * (1 - p)) / runs) + 1 / runs;
    for (let k = 1; k <= N; k++) {
      const herded = lines.filter((l) => l.herding_step !== null && l.herding_step <= k).length;
      assert.ok(within(herded, s.herdedBy[k - 1]), `by ${k}: ${herded}/${runs} vs ${s.herdedBy[k - 1]}`);
    }
    const wrong = lines.filter((l) => l.herd_action !== null && l.herd_action !== 2).length;
    assert.ok(within(wrong, s.wrongHerd), `wrong ${wrong}/${runs} vs ${s.wrongHerd}`);
    const steps = lines.filter((l) => l.herding_step !== null).map((l) => l.herding_step as number);
    const mean = steps.reduce((a, b) => a + b, 0) / steps.length;
    assert.ok(Math.abs(mean - s.expectedHerdingStep) < 0.25, `mean step ${mean} vs ${s.expectedHerdingStep}`);
  });

  const exampleFile = () => tempFile('m.json', example);
  const badInputs: Array<[string, () => string[], RegExp]> = [
    ['neither --profile nor --model', () => [], /--profile: is required \(or give --model\)/],
    [
      'both --profile and --model',
      () => ['--profile', 'hate-speech', '--model', exampleFile()],
      /--model: give either --profile or --model/,
    ],
    ['--agents 0', () => ['--model', exampleFile(), '--agents', '0'], /--agents: must be an integer/],
    ['a prior not summing to 1', () => ['--model', exampleFile(), '--prior', '0.5,0.3'], /--prior: must sum to 1/],
    ['a prior of the wrong length', () => ['--model', exampleFile(), '--prior', '1'], /--prior: must have 2 entries/],
    ['a prior entry that is not a number', () => ['--model', exampleFile(), '--prior', '0.5,x'], /--prior\[1\]: must be a number/],
    [
      'a moving state',
      () => [
        '--model',
        tempFile('m.json', {
          ...example,
          transition: [
            [0.9, 0.1],
            [0.1, 0.9],
          ],
        }),
      ],
      /transition: must be the identity/,
    ],
    [
      'a model file without prior and no --prior',
      () => ['--model', tempFile('m.json', { likelihood: example.likelihood, cost: example.cost })],
      /--prior: is required: the model file has no prior/,
    ],
    [
      'a likelihood row not summing to 1',
      () => [
        '--model',
        tempFile('m.json', {
          ...example,
          likelihood: [
            [0.7, 0.2],
            [0.3, 0.7],
          ],
        }),
      ],
      /likelihood\[0\]: must sum to 1/,
    ],
  ];
  for (const [what, args, message] of badInputs) {
    it(`bad input (${what}): one line naming the field, exit 2`, () => expectInputError(args(), message));
  }

  it('stops with exit code 130 and one stderr line, printing no result, when interrupted (io.signal, as Ctrl-C aborts it)', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['forecast', '--model', tempFile('model.json', example), '--agents', '6', '--json'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      signal: AbortSignal.abort(),
    });
    assert.equal(code, 130);
    assert.equal(stdout, '');
    assert.equal(stderr, 'herdscope forecast: cancelled\n');
  });
});
