import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { agentOf, answerFor, twoStateProfileJson } from '../audit/fixtures';
import { cliPath, runHerdscope, tempFile } from '../support/cli';
import { reply, startFakeLlmServer, type FakeLlmServer, type RecordedRequest } from '../support/fake-llm-server';

const env = { ...process.env, HERDSCOPE_OPENAI_API_KEY: 'sk-test-secret-audit', OPENAI_API_KEY: '' };
const profileFile = tempFile(
  'profile.json',
  twoStateProfileJson({
    agents: { count: 3, provider: 'openai', model: 'm', temperature: 0.7, maxTokens: 64, promptTemplate: '{{format}}\nText: {{text}}' },
  }),
);
const toxicIn = (req: RecordedRequest) => (/vermin|trash/.test(req.body.messages.at(-1).content) ? 1 : 0);

describe('herdscope audit', () => {
  let server: FakeLlmServer;
  let runs: string;
  beforeEach(async () => {
    server = await startFakeLlmServer();
    runs = mkdtempSync(path.join(tmpdir(), 'herdscope-audit-'));
  });
  afterEach(() => server.close());

  it('audits a CSV end to end with a label column: summary, stored run, CSV report', async () => {
    server.setResponder((req) => answerFor(toxicIn(req)));
    const csv = tempFile(
      'comments.csv',
      'id,comment,truth\n1,"You are vermin, go away",toxic\n2,"Thanks for the help!",clean\n3,"",clean\n4,"=trash people",1\n5,"Nice work",0\n',
    );
    const { stdout, stderr, code } = await runHerdscope(
      [
        'audit',
        csv,
        '--profile',
        profileFile,
        '--out',
        runs,
        '--text-column',
        'comment',
        '--label-column',
        'truth',
        '--provider',
        'openai',
        '--base-url',
        server.baseUrlOpenAI,
      ],
      { env },
    );
    assert.equal(code, 0, stderr);
    assert.match(stderr, /4 rows \(1 empty rows skipped\), 3 agents each/);
    assert.match(stderr, /\[4\/4\]/);
    assert.match(stdout, /rows finished: 4 of 4 \(1 empty rows skipped\)/);
    assert.match(stdout, /accuracy of the final public action: 100\.0% over 4 labelled rows/);
    assert.match(stdout, /Revealed preferences \(3 agents as environments over 4 labelled rows\): PASS/);
    assert.equal(server.requests.length, 12);
    const [runId] = readdirSync(runs);
    const report = await runHerdscope(['report', path.join(runs, runId), '--format', 'csv'], { env });
    assert.equal(report.code, 0, report.stderr);
    const rows = parse(report.stdout, { columns: true }) as Array<Record<string, string>>;
    assert.equal(rows.length, 12);
    assert.equal(rows.find((r) => r.item === '3')!.text, "'=trash people");
    const json = JSON.parse((await runHerdscope(['report', runId, '--runs', runs], { env })).stdout);
    assert.equal(json.summary.accuracy, 1);
    assert.equal(json.status, 'completed');
  });

  it('audits JSONL with the simulated sensor drawing from each row label', async () => {
    const jsonl = tempFile(
      'rows.jsonl',
      Array.from({ length: 8 }, (_, i) => JSON.stringify({ text: `row ${i}`, label: i % 2 })).join('\n'),
    );
    const { stdout, code, stderr } = await runHerdscope(
      [
        'audit',
        jsonl,
        '--profile',
        'hate-speech-binary',
        '--out',
        runs,
        '--label-column',
        'label',
        '--provider',
        'simulated',
        '--true-state',
        'label',
        '--json',
      ],
      { env },
    );
    assert.equal(code, 0, stderr);
    const doc = JSON.parse(stdout);
    assert.equal(doc.summary.items, 8);
    assert.equal(doc.summary.labelled, 8);
    assert.equal(doc.summary.actionCounts.length, 10);
    assert.ok(doc.rp.perAgent.length === 10);
  });

  it('Ctrl-C stops cleanly keeping finished rows; --resume finishes the rest', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({ text: i % 2 ? `vermin ${i}` : `hello ${i}`, label: i % 2 }));
    const file = tempFile('rows.jsonl', rows.map((r) => JSON.stringify(r)).join('\n'));
    let served = 0;
    server.setResponder((req) => (++served > 7 ? reply.hang() : answerFor(toxicIn(req))));
    const args = [
      'audit',
      file,
      '--profile',
      profileFile,
      '--out',
      runs,
      '--label-column',
      'label',
      '--provider',
      'openai',
      '--base-url',
      server.baseUrlOpenAI,
      '--concurrency',
      '1',
      '--agent-concurrency',
      '1',
    ];
    const child = spawn(process.execPath, [cliPath, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // One call at a time: the 8th request (row 3, agent 2) hangs, so rows 1 and 2 are finished.
    while (served < 8) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    assert.equal(await exited, 130, stderr);
    assert.match(stderr, /interrupted: 2 of 6 rows finished; continue with: .* --resume --run /);
    const [runId] = readdirSync(runs);
    const meta = JSON.parse(readFileSync(path.join(runs, runId, 'run.json'), 'utf8'));
    assert.equal(meta.status, 'cancelled');
    assert.equal(
      readFileSync(path.join(runs, runId, 'items.jsonl'), 'utf8')
        .trim()
        .split('\n').length,
      2,
    );

    server.setResponder((req) => answerFor(toxicIn(req)));
    const before = server.requests.length;
    const resumed = await runHerdscope(
      ['audit', file, '--out', runs, '--resume', '--provider', 'openai', '--base-url', server.baseUrlOpenAI],
      { env },
    );
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, new RegExp(`resuming run ${runId}: 2 of 6 rows already done`), JSON.stringify(resumed));
    assert.equal(server.requests.length - before, 4 * 3);
    assert.match(resumed.stdout, /rows finished: 6 of 6/);
    const steps = readFileSync(path.join(runs, runId, 'steps.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(steps.length, 18);
    assert.equal(new Set(steps.map((s) => `${s.item}:${s.index}`)).size, 18);
  });

  it('bad input: missing column lists the available ones; malformed JSONL names the line', async () => {
    const csv = tempFile('c.csv', 'body\nhello\n');
    const missing = await runHerdscope(
      ['audit', csv, '--profile', 'hate-speech', '--out', runs, '--provider', 'simulated', '--true-state', '0'],
      { env },
    );
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no column 'text'; available: body/);
    const bad = await runHerdscope(
      [
        'audit',
        tempFile('b.jsonl', '{"text":"a"}\nnot json\n'),
        '--profile',
        'hate-speech',
        '--out',
        runs,
        '--provider',
        'simulated',
        '--true-state',
        '0',
      ],
      { env },
    );
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /malformed JSONL in b.jsonl at line 2/);
    const none = await runHerdscope(['audit', csv, '--out', runs, '--resume'], { env });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--resume: no unfinished audit of c.csv/);
    const outIsFile = await runHerdscope(
      ['audit', csv, '--profile', 'hate-speech', '--out', csv, '--provider', 'simulated', '--true-state', '0'],
      { env },
    );
    assert.equal(outIsFile.code, 2);
    assert.match(outIsFile.stderr, /^herdscope audit: --out: .*c\.csv is not a directory\n$/);
    assert.equal(agentOf({ body: { seed: 2 } } as RecordedRequest), 2);
  });
});
