import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { learn } from '../../src/core/social-learning';
import { twoStateProfile, twoStateProfileJson, agentOf, answerFor } from '../audit/fixtures';
import { runHerdscope, tempFile } from '../support/cli';
import { reply, startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server';

const SECRET = 'sk-test-DO-NOT-PRINT-1234567890';

describe('herdscope chain', () => {
  let server: FakeLlmServer;
  const ys = [1, 0, 0, 1, 1, 0, 1, 0, 1, 1];
  const profileFile = tempFile('profile.json', twoStateProfileJson());
  const env = { ...process.env, HERDSCOPE_OPENAI_API_KEY: SECRET, OPENAI_API_KEY: '' };
  const live = () => [
    'chain',
    '--profile',
    profileFile,
    '--text',
    'Some comment to audit.',
    '--agents',
    '10',
    '--provider',
    'openai',
    '--base-url',
    server.baseUrlOpenAI,
  ];
  beforeEach(async () => {
    server = await startFakeLlmServer();
    server.setResponder((req) => answerFor(ys[agentOf(req) - 1]));
  });
  afterEach(() => server.close());

  it('prints a table per agent and where herding began, as predicted by learn()', async () => {
    const { stdout, stderr, code } = await runHerdscope(live(), { env });
    assert.equal(code, 0, stderr);
    assert.equal(learn(twoStateProfile().model, ys).herdingStep, 4);
    assert.match(stdout, /Herding begins at agent 4: from there on every agent takes "pass"/);
    const rows = stdout.split('\n').filter((l) => /^\s+\d+\s+y=/.test(l));
    assert.equal(rows.length, 10);
    assert.match(rows[3], /^\s+4\s+y=1 \(is_toxic\).*pass.*C\s*$/);
    assert.equal(server.requests[0].headers.authorization, `Bearer ${SECRET}`);
    assert.ok(!stdout.includes(SECRET) && !stderr.includes(SECRET));
  });

  it('--json gives the steps; --out stores the run without the key; record then replay reproduces it offline', async () => {
    const runs = mkdtempSync(path.join(tmpdir(), 'herdscope-chain-runs-'));
    const cassette = path.join(runs, 'answers.jsonl');
    const recorded = await runHerdscope([...live(), '--json', '--out', runs, '--record', cassette], { env });
    assert.equal(recorded.code, 0, recorded.stderr);
    const first = JSON.parse(recorded.stdout);
    assert.equal(first.summary.herdingStep, 4);
    assert.deepEqual(
      first.steps.map((s: { observation: { index: number } }) => s.observation.index),
      ys,
    );
    const [runId] = readdirSync(runs).filter((f) => f !== 'answers.jsonl');
    for (const file of ['run.json', 'steps.jsonl', 'items.jsonl'])
      assert.ok(!readFileSync(path.join(runs, runId, file), 'utf8').includes(SECRET), file);
    assert.equal(
      readFileSync(path.join(runs, runId, 'steps.jsonl'), 'utf8')
        .trim()
        .split('\n').length,
      10,
    );

    await server.close();
    const replayed = await runHerdscope(
      [
        'chain',
        '--profile',
        profileFile,
        '--text',
        'Some comment to audit.',
        '--agents',
        '10',
        '--provider',
        'replay',
        '--cassette',
        cassette,
        '--json',
      ],
      { env: { ...process.env, OPENAI_API_KEY: '' } },
    );
    assert.equal(replayed.code, 0, replayed.stderr);
    const second = JSON.parse(replayed.stdout);
    const strip = (s: Record<string, unknown>) => ({ ...s, runId: null, provider: null, latencyMs: null, costUsd: null });
    assert.deepEqual(second.steps.map(strip), first.steps.map(strip));
    server = await startFakeLlmServer(); // for afterEach
  });

  it('reports a bad answer per agent and carries on', async () => {
    server.setResponder((req) => (agentOf(req) === 2 ? reply.content('Sure! The text is fine.') : answerFor(1)));
    const { stdout, code } = await runHerdscope([...live(), '--agents', '3'], { env });
    assert.equal(code, 0);
    assert.match(stdout, /\n\s+2\s+-\s.*parse: the answer contains no JSON object/);
    assert.match(stdout, /\n\s+3\s+y=1/);
  });

  it('says on stderr when it retries a rate-limited request, and the agent still answers', async () => {
    let limited = false;
    server.setResponder((req) => {
      if (agentOf(req) === 2 && !limited) {
        limited = true;
        return reply.rateLimited(0);
      }
      return answerFor(1);
    });
    const { stdout, stderr, code } = await runHerdscope([...live(), '--agents', '3'], { env });
    assert.equal(code, 0, stderr);
    assert.match(
      stderr,
      /retrying 2\/11 in 0\.[3-8] s: rate limited \(HTTP 429\)/,
      'Retry-After: 0 still waits the 250 ms floor plus jitter',
    );
    assert.ok(!stderr.includes(SECRET));
    assert.match(stdout, /\n\s+2\s+y=1/);
  });

  it('simulated provider: no key, no network, labelled SIMULATED', async () => {
    const { stdout, code } = await runHerdscope(
      ['chain', '--profile', 'hate-speech-binary', '--text', 'x', '--provider', 'simulated', '--true-state', '1', '--seed', '3'],
      { env: { ...process.env, OPENAI_API_KEY: '', MISTRAL_API_KEY: '' } },
    );
    assert.equal(code, 0);
    assert.match(stdout, /SIMULATED/);
    assert.match(stdout, /Revealed preferences \(profile sensor counts \(240 labelled texts/);
  });

  it('bad input: one line naming the field, exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['chain', '--text', 'x'], /--profile: is required/],
      [['chain', '--profile', 'hate-speech'], /--text: is required/],
      [
        ['chain', '--profile', 'hate-speech', '--text', 'x', '--provider', 'gpt'],
        /--provider: must be openai, mistral, replay or simulated/,
      ],
      [['chain', '--profile', 'hate-speech', '--text', 'x', '--provider', 'simulated'], /--true-state: is required/],
      [['chain', '--profile', 'hate-speech', '--text', 'x', '--provider', 'replay'], /--cassette: is required/],
      [
        ['chain', '--profile', 'hate-speech', '--text', 'x', '--agents', '0', '--provider', 'simulated', '--true-state', '0'],
        /--agents: must be an integer/,
      ],
      [['chain', '--profile', 'product-quality', '--text', 'x'], /openai needs an API key: set HERDSCOPE_OPENAI_API_KEY or OPENAI_API_KEY/],
      [
        ['chain', '--profile', 'hate-speech', '--text', 'x', '--provider', 'replay', '--cassette', '/nonexistent/c.jsonl'],
        /--cassette: cannot read "\/nonexistent\/c\.jsonl": no such file/,
      ],
      [
        ['chain', '--profile', 'hate-speech', '--text', 'x', '--provider', 'replay', '--cassette', tmpdir()],
        /--cassette: ".*" is not a file/,
      ],
      [
        ['chain', '--profile', 'hate-speech', '--text', 'x', '--provider', 'simulated', '--true-state', '0', '--out', profileFile],
        /--out: .*profile\.json is not a directory/,
      ],
    ];
    for (const [args, pattern] of cases) {
      const { stderr, code } = await runHerdscope(args, {
        env: { ...process.env, OPENAI_API_KEY: '', HERDSCOPE_OPENAI_API_KEY: '', MISTRAL_API_KEY: '', HERDSCOPE_MISTRAL_API_KEY: '' },
      });
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, pattern);
      assert.equal(stderr.trim().split('\n').length, 1);
    }
  });
});

describe('herdscope chain against the Mistral wire format', () => {
  it('drives the real Mistral SDK through --provider mistral --base-url', async () => {
    const server = await startFakeLlmServer();
    try {
      const ys = [1, 1, 0, 0];
      server.setResponder((req) => answerFor(ys[Number(req.body.random_seed ?? req.body.randomSeed) - 1]));
      const profileFile = tempFile('profile.json', twoStateProfileJson());
      const { stdout, stderr, code } = await runHerdscope(
        [
          'chain',
          '--profile',
          profileFile,
          '--text',
          'x',
          '--agents',
          '4',
          '--provider',
          'mistral',
          '--base-url',
          server.serverUrlMistral,
          '--json',
        ],
        {
          env: { ...process.env, MISTRAL_API_KEY: 'mistral-secret', HERDSCOPE_MISTRAL_API_KEY: '' },
        },
      );
      assert.equal(code, 0, stderr);
      assert.equal(server.requests[0].dialect, 'mistral');
      const doc = JSON.parse(stdout);
      assert.deepEqual(
        doc.steps.map((s: { observation: { index: number } }) => s.observation.index),
        ys,
      );
      assert.equal(doc.summary.herdingStep, learn(twoStateProfile().model, ys).herdingStep);
    } finally {
      await server.close();
    }
  });
});
