// `herdscope simulate` through the built CLI: output contract, file round trips, hash order, bad input (exit 2).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runHerdscope, tempFile } from '../support/cli';

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
  observationSource: {
    kind: 'rows',
    columns: ['y', 'state'],
    rows: [
      [0, 0],
      [1, 0],
      [1, 1],
      [2, 1],
      [2, 2],
      [0, 2],
    ],
  },
  priorFamily: { kind: 'two-point', anchor: 0 },
};

interface Line {
  run: number;
  prior_index: number;
  prior: number;
  true_state: number;
  actions: number[];
  obs: number[];
  herding_step: number | null;
  herd_action: number | null;
  final_public_belief: number[] | null;
  public_beliefs?: Array<number[] | null>;
}

const readLines = (file: string): Line[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
const sha256 = (bytes: number[]) => createHash('sha256').update(Int8Array.from(bytes)).digest('hex');

async function simulate(args: string[]) {
  const r = await runHerdscope(['simulate', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function expectBadInput(args: string[], field: RegExp) {
  const r = await runHerdscope(['simulate', ...args]);
  assert.equal(r.code, 2, `exit code for ${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
  assert.match(r.stderr, field);
}

describe('herdscope simulate', () => {
  const modelFile = tempFile('model.json', model);

  it('prints the workload, timings and summary with the documented keys and sizes', async () => {
    const out = await simulate(['--model', modelFile, '--agents', '7', '--runs', '4', '--priors', '5', '--seed', '3']);
    assert.deepEqual(Object.keys(out), ['workload', 'seconds', 'cpu_seconds', 'chains', 'agent_steps', 'steps_per_second', 'summary']);
    assert.equal(out.chains, 4 * 5 * 3);
    assert.equal(out.agent_steps, 4 * 5 * 3 * 7);
    assert.ok(out.seconds >= 0 && out.cpu_seconds >= 0);
    const s = out.summary;
    for (const key of [
      'prior_grid',
      'true_states',
      'mean_action_by_prior_state',
      'herding_rate_by_prior',
      'herding_rate_by_prior_state',
      'mean_herd_step_by_prior',
      'wrong_herd_rate_by_prior',
      'herded_chains',
      'nonabsorbing_chains',
      'degenerate_nan_chains',
      'actions_sha256',
      'obs_sha256',
    ]) {
      assert.ok(key in s, key);
    }
    assert.deepEqual(s.prior_grid, [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(s.true_states, [0, 1, 2]);
    assert.equal(s.mean_action_by_prior_state.length, 5);
    assert.equal(s.mean_action_by_prior_state[0].length, 3);
    assert.match(s.actions_sha256, /^[0-9a-f]{64}$/);
    s.herding_rate_ci95_by_prior.forEach(([lo, hi]: number[], g: number) =>
      assert.ok(lo <= s.herding_rate_by_prior[g] && s.herding_rate_by_prior[g] <= hi),
    );
  });

  it('hashes actions and observations in [run][prior][state][agent] order while files list run → true state → prior', async () => {
    const seq = tempFile('seq.jsonl', '');
    const res = tempFile('res.jsonl', '');
    const out = await simulate([
      '--model',
      modelFile,
      '--agents',
      '6',
      '--runs',
      '3',
      '--prior-values',
      '0.1,0.6',
      '--true-states',
      '2,0',
      '--dump-sequences',
      seq,
      '--dump-results',
      res,
    ]);
    const chains = readLines(res);
    const sequences = readLines(seq).slice(1);
    assert.deepEqual(
      chains.map((c) => [c.run, c.true_state, c.prior_index]),
      [0, 1, 2].flatMap((run) => [2, 0].flatMap((x) => [0, 1].map((g) => [run, x, g]))),
    );
    const byKey = (lines: Line[], pick: (l: Line) => number[]) => {
      const bytes: number[] = [];
      for (let run = 0; run < 3; run++)
        for (const g of [0, 1])
          for (const x of [2, 0]) bytes.push(...pick(lines.find((l) => l.run === run && l.prior_index === g && l.true_state === x)!));
      return bytes;
    };
    assert.equal(out.summary.actions_sha256, sha256(byKey(chains, (l) => l.actions)));
    assert.equal(out.summary.obs_sha256, sha256(byKey(sequences, (l) => l.obs)));
  });

  for (const mode of [[], ['--code-parity']]) {
    it(`replays a dumped sequences file to the same results ${mode.length ? '(code parity)' : '(filter)'}`, async () => {
      const seq = tempFile('seq.jsonl', '');
      const res1 = tempFile('res1.jsonl', '');
      const res2 = tempFile('res2.jsonl', '');
      const first = await simulate([
        '--model',
        modelFile,
        '--agents',
        '9',
        '--runs',
        '5',
        '--priors',
        '4',
        '--seed',
        '11',
        ...mode,
        '--dump-sequences',
        seq,
        '--dump-results',
        res1,
      ]);
      const header = JSON.parse(readFileSync(seq, 'utf8').split('\n')[0]);
      assert.deepEqual(
        { ...header, order: undefined },
        {
          format: 'herdscope-sequences/1',
          X: 3,
          Y: 3,
          A: 3,
          agents: 9,
          grid: 4,
          runs: 5,
          true_states: [0, 1, 2],
          seed: 11,
          prior_grid: first.summary.prior_grid,
          order: undefined,
        },
      );
      const second = await simulate(['--model', modelFile, '--sequences', seq, ...mode, '--dump-results', res2]);
      assert.deepEqual(second.summary, first.summary);
      assert.equal(readFileSync(res2, 'utf8'), readFileSync(res1, 'utf8'));
      const again = await simulate(['--model', modelFile, '--agents', '9', '--runs', '5', '--priors', '4', '--seed', '11', ...mode]);
      assert.equal(again.summary.obs_sha256, first.summary.obs_sha256, 'same seed, same observations');
    });
  }

  it('adds public_beliefs with --dump-beliefs; final_public_belief is the last of them', async () => {
    const res = tempFile('res.jsonl', '');
    await simulate(['--model', modelFile, '--agents', '5', '--runs', '2', '--priors', '3', '--dump-results', res, '--dump-beliefs']);
    for (const line of readLines(res)) {
      assert.equal(line.public_beliefs!.length, 5);
      assert.deepEqual(line.public_beliefs![4], line.final_public_belief);
      assert.ok(
        line.final_public_belief!.every((v) => v >= 0) && Math.abs(line.final_public_belief!.reduce((a, b) => a + b, 0) - 1) < 1e-12,
      );
    }
  });

  it('code parity: the assignment prior of x* = anchor at p = 1 is the zero vector, a degenerate NaN chain herding on 0', async () => {
    const res = tempFile('res.jsonl', '');
    const out = await simulate([
      '--model',
      modelFile,
      '--agents',
      '4',
      '--runs',
      '3',
      '--priors',
      '3',
      '--code-parity',
      '--dump-results',
      res,
    ]);
    assert.equal(out.summary.degenerate_nan_chains, 3);
    const zero = readLines(res).filter((l) => l.true_state === 0 && l.prior === 1);
    assert.equal(zero.length, 3);
    for (const l of zero) {
      assert.deepEqual(l.actions, [0, 0, 0, 0]);
      assert.equal(l.final_public_belief, null);
      assert.equal(l.herding_step, 1);
      assert.equal(l.herd_action, 0);
    }
    const filter = await simulate(['--model', modelFile, '--agents', '4', '--runs', '3', '--priors', '3']);
    assert.equal(filter.summary.degenerate_nan_chains, 0);
  });

  describe('bad input → one line naming the field, exit 2', () => {
    let seq: string;
    before(async () => {
      seq = tempFile('seq.jsonl', '');
      await simulate(['--model', modelFile, '--agents', '4', '--runs', '2', '--priors', '3', '--dump-sequences', seq]);
    });
    const withLines = (edit: (lines: string[]) => string[]) =>
      tempFile('bad.jsonl', edit(readFileSync(seq, 'utf8').trim().split('\n')).join('\n'));

    it('a header that disagrees with a flag', () =>
      expectBadInput(['--model', modelFile, '--sequences', seq, '--agents', '5'], /sequences\.agents/));
    it('a header that disagrees with the prior grid', () =>
      expectBadInput(['--model', modelFile, '--sequences', seq, '--priors', '4'], /sequences\.grid/));
    it('a header that disagrees with the model', () => {
      const twoStates = tempFile('m2.json', {
        likelihood: [
          [0.5, 0.5, 0],
          [0, 0.5, 0.5],
        ],
        utility: [
          [1, 0],
          [0, 1],
        ],
      });
      return expectBadInput(['--model', twoStates, '--sequences', seq], /sequences\.X/);
    });
    it('an observation index ≥ Y', () =>
      expectBadInput(
        [
          '--model',
          modelFile,
          '--sequences',
          withLines((l) => [l[0], l[1].replace('"obs":[', '"obs":[3,').replace(/,\d+\]/, ']'), ...l.slice(2)]),
        ],
        /line 2 obs\[0\]/,
      ));
    it('a missing chain', () =>
      expectBadInput(['--model', modelFile, '--sequences', withLines((l) => l.filter((_, i) => i !== 5))], /sequences: missing chain/));
    it('a duplicated chain', () => expectBadInput(['--model', modelFile, '--sequences', withLines((l) => [...l, l[3]])], /appears twice/));
    it('a likelihood row not summing to 1', () => {
      const bad = tempFile('bad.json', { ...model, likelihood: [[0.6, 0.3, 0.2], model.likelihood[1], model.likelihood[2]] });
      return expectBadInput(['--model', bad], /likelihood\[0\]/);
    });
    it('an unknown observation source', () =>
      expectBadInput(['--model', tempFile('bad.json', { ...model, observationSource: { kind: 'llm' } })], /observationSource\.kind/));
    it('both --priors and --prior-values', () =>
      expectBadInput(['--model', modelFile, '--priors', '3', '--prior-values', '0.5'], /--prior-values/));
    it('--dump-beliefs without --dump-results', () => expectBadInput(['--model', modelFile, '--dump-beliefs'], /--dump-beliefs/));
    it('a true state out of range', () => expectBadInput(['--model', modelFile, '--true-states', '0,3'], /--true-states\[1\]/));
    it('a missing model file', () => expectBadInput(['--model', '/nonexistent/model.json'], /--model/));
    it('a sequences file that is not JSON lines', () => {
      const bad = tempFile('bad.jsonl', 'not json\n');
      return expectBadInput(['--model', modelFile, '--sequences', bad], /sequences line 1/);
    });
  });
});
