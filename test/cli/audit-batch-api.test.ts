import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { twoStateProfileJson } from '../audit/fixtures';
import { cliPath, runHerdscope, tempFile } from '../support/cli';
import { type BatchInputLine, batchReply, type FakeBatchServer, startFakeBatchServer } from '../support/fake-batch-server';

const KEYS = { openai: 'sk-cli-batch-SECRET-777', mistral: 'mistral-cli-batch-SECRET-777' } as const;
const env = {
  ...process.env,
  HERDSCOPE_OPENAI_API_KEY: KEYS.openai,
  OPENAI_API_KEY: '',
  HERDSCOPE_MISTRAL_API_KEY: KEYS.mistral,
  MISTRAL_API_KEY: '',
};
const profileFor = (kind: string) =>
  tempFile(
    'profile.json',
    twoStateProfileJson({
      agents: { count: 3, provider: kind, model: 'm', temperature: 0.7, maxTokens: 64, promptTemplate: '{{format}}\nText: {{text}}' },
    }),
  );
const toxic = (line: BatchInputLine) => /vermin|trash/.test(line.body.messages.at(-1).content);
const answer = (line: BatchInputLine) =>
  batchReply.content(JSON.stringify({ is_toxic: toxic(line), is_polite: !toxic(line) }), { prompt: 30, completion: 8 });
const csv = () =>
  tempFile(
    'comments.csv',
    'comment,truth\n"You are vermin, go away",toxic\n"Thanks for the help!",clean\n"trash people",1\n"Nice work",0\n',
  );

function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesIn(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

for (const kind of ['openai', 'mistral'] as const) {
  describe(`herdscope audit --batch-api (${kind})`, function () {
    this.timeout(90_000); // several CLI processes each; the machine is shared
    let server: FakeBatchServer;
    let runs: string;
    const url = () => (kind === 'openai' ? server.baseUrlOpenAI : server.serverUrlMistral);
    const creates = () => server.requests.filter((r) => r.method === 'POST' && (r.path === '/v1/batches' || r.path === '/v1/batch/jobs'));
    const polls = () => server.requests.filter((r) => r.method === 'GET' && /\/v1\/(batches|batch\/jobs)\//.test(r.path));
    beforeEach(async () => {
      server = await startFakeBatchServer();
      runs = mkdtempSync(path.join(tmpdir(), 'herdscope-cli-batch-'));
    });
    afterEach(() => server.close());

    it('audits a CSV end to end through the batch API: progress with request counts, summary, stored run, no key on disk', async () => {
      server.script = { answer, shuffle: true, linesPerPoll: 5 };
      const args = [
        'audit',
        csv(),
        '--profile',
        profileFor(kind),
        '--out',
        runs,
        '--text-column',
        'comment',
        '--label-column',
        'truth',
        '--provider',
        kind,
        '--base-url',
        url(),
        '--batch-api',
        '--batch-poll-seconds',
        '0.02',
      ];
      const { stdout, stderr, code } = await runHerdscope(args, { env });
      assert.equal(code, 0, stderr);
      assert.match(stderr, /batch-api: submitted batch \S+: 12 request\(s\), model m/);
      assert.match(stderr, /batch-api: \S+ (in_progress|RUNNING) 5\/12; 0 of 12 requests answered/);
      assert.match(stderr, /batch-api: \S+ (completed|SUCCESS) 12\/12/);
      assert.match(stderr, /\[4\/4\]/);
      assert.match(stdout, /rows finished: 4 of 4/);
      assert.match(stdout, /accuracy of the final public action: 100\.0% over 4 labelled rows/);
      assert.equal(creates().length, 1);
      assert.ok(server.requests.every((r) => r.dialect === kind && r.headers.authorization === `Bearer ${KEYS[kind]}`));
      const [runId] = readdirSync(runs);
      const meta = JSON.parse(readFileSync(path.join(runs, runId, 'run.json'), 'utf8'));
      assert.equal(meta.status, 'completed');
      assert.equal(meta.provider.batchApi, kind);
      const steps = readFileSync(path.join(runs, runId, 'steps.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.equal(steps.length, 12);
      assert.ok(steps.every((s) => s.provider === kind && s.error === undefined));
      for (const file of filesIn(runs)) assert.ok(!readFileSync(file, 'utf8').includes(KEYS[kind]), file);
    });

    it('a client killed mid-poll resumes polling the same batch: exactly one create, every row finished once', async () => {
      server.script = { answer, linesPerPoll: 1 };
      const file = csv();
      const args = [
        'audit',
        file,
        '--profile',
        profileFor(kind),
        '--out',
        runs,
        '--text-column',
        'comment',
        '--label-column',
        'truth',
        '--provider',
        kind,
        '--base-url',
        url(),
        '--batch-api',
        '--batch-poll-seconds',
        '0.05',
      ];
      const child = spawn(process.execPath, [cliPath, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
      for (let i = 0; i < 3000 && polls().length < 3; i++) await new Promise((r) => setTimeout(r, 10));
      assert.ok(polls().length >= 3, 'the client polled');
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');
      const batchId = server.batches[0].id;
      assert.ok(server.batches[0].processed < 12, 'killed before the batch finished');
      const [runId] = readdirSync(runs);
      const state = JSON.parse(readFileSync(path.join(runs, runId, 'batch-api', 'state.json'), 'utf8'));
      assert.equal(state.submissions[0].batchId, batchId);

      server.script = { answer, linesPerPoll: 4 };
      const before = polls().length;
      const resumed = await runHerdscope(
        ['audit', file, '--out', runs, '--resume', '--provider', kind, '--base-url', url(), '--batch-poll-seconds', '0.02'],
        { env },
      );
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.equal(creates().length, 1, 'no second batch was created');
      assert.ok(
        polls().slice(before).length > 0 &&
          polls()
            .slice(before)
            .every((r) => r.path.endsWith(batchId)),
      );
      assert.match(resumed.stdout, /rows finished: 4 of 4/);
      const steps = readFileSync(path.join(runs, runId, 'steps.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.equal(steps.length, 12);
      assert.equal(new Set(steps.map((s) => `${s.item}:${s.index}`)).size, 12);
    });

    it('Ctrl-C cancels the remote batch and exits 130; --resume collects its partial output and submits only the rest', async () => {
      server.script = { answer, linesPerPoll: 2 };
      const file = csv();
      const args = [
        'audit',
        file,
        '--profile',
        profileFor(kind),
        '--out',
        runs,
        '--text-column',
        'comment',
        '--provider',
        kind,
        '--base-url',
        url(),
        '--batch-api',
        '--batch-poll-seconds',
        '0.05',
      ];
      const child = spawn(process.execPath, [cliPath, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      for (let i = 0; i < 3000 && polls().length < 2; i++) await new Promise((r) => setTimeout(r, 10));
      child.kill('SIGINT');
      assert.equal(await exited, 130, stderr);
      assert.match(stderr, /batch-api: cancel requested for batch /);
      assert.equal(server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/cancel')).length, 1);
      const [runId] = readdirSync(runs);
      assert.equal(JSON.parse(readFileSync(path.join(runs, runId, 'run.json'), 'utf8')).status, 'cancelled');
      const processed = server.batches[0].processed;
      assert.ok(processed > 0 && processed < 12);

      const resumed = await runHerdscope(
        ['audit', file, '--out', runs, '--resume', '--provider', kind, '--base-url', url(), '--batch-api', '--batch-poll-seconds', '0.02'],
        { env },
      );
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.equal(server.batches[0].status, 'cancelled');
      assert.equal(creates().length, 2);
      assert.equal(server.batches[1].lines.length, 12 - processed);
      assert.match(resumed.stdout, /rows finished: 4 of 4/);
    });
  });
}

describe('herdscope audit --batch-api: bad input', function () {
  this.timeout(90_000);
  it('refuses interacting mode, non-batch providers and stray flags with one line each', async () => {
    const runs = mkdtempSync(path.join(tmpdir(), 'herdscope-cli-batch-bad-'));
    const file = csv();
    const base = ['audit', file, '--text-column', 'comment', '--out', runs];
    const interacting = await runHerdscope(
      [
        ...base,
        '--profile',
        profileFor('openai'),
        '--mode',
        'interacting',
        '--provider',
        'openai',
        '--base-url',
        'http://127.0.0.1:9/v1',
        '--batch-api',
      ],
      { env },
    );
    assert.equal(interacting.code, 2);
    assert.equal(
      interacting.stderr,
      "herdscope audit: --batch-api: interacting mode cannot use a batch API: each agent needs its predecessors' actions (use sensor mode, or drop --batch-api)\n",
    );
    const simulated = await runHerdscope(
      [...base, '--profile', 'hate-speech', '--provider', 'simulated', '--true-state', '0', '--batch-api'],
      { env },
    );
    assert.equal(simulated.code, 2);
    assert.match(simulated.stderr, /^herdscope audit: --batch-api: needs --provider openai or mistral \(the provider is simulated\)\n$/);
    const stray = await runHerdscope(
      [
        ...base,
        '--profile',
        profileFor('openai'),
        '--provider',
        'openai',
        '--base-url',
        'http://127.0.0.1:9/v1',
        '--batch-poll-seconds',
        '5',
      ],
      { env },
    );
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /--batch-poll-seconds: only applies with --batch-api/);
    const zero = await runHerdscope(
      [
        ...base,
        '--profile',
        profileFor('openai'),
        '--provider',
        'openai',
        '--base-url',
        'http://127.0.0.1:9/v1',
        '--batch-api',
        '--batch-poll-seconds',
        '0',
      ],
      { env },
    );
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /--batch-poll-seconds: must be a number of seconds > 0, got '0'/);
    assert.equal(readdirSync(runs).length, 0, 'no run was created for bad input');
  });
});
