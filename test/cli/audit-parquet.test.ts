import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { answerFor, twoStateProfileJson } from '../audit/fixtures';
import { writeParquet } from '../audit/parquet-fixtures';
import { cliPath, runHerdscope, tempFile } from '../support/cli';
import { reply, startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server';

const env = { ...process.env, HERDSCOPE_OPENAI_API_KEY: 'sk-test-parquet', OPENAI_API_KEY: '' };
const profileFile = tempFile(
  'profile.json',
  twoStateProfileJson({
    agents: { count: 2, provider: 'openai', model: 'm', temperature: 0.7, maxTokens: 64, promptTemplate: '{{format}}\nText: {{text}}' },
  }),
);

describe('herdscope audit of a Parquet file', () => {
  let runs: string;
  beforeEach(() => {
    runs = mkdtempSync(path.join(tmpdir(), 'herdscope-parquet-runs-'));
  });

  it('audits rows.parquet with the simulated sensor drawing from each row label (several row groups, a null text)', async () => {
    const text = Array.from({ length: 9 }, (_, i) => (i === 4 ? null : `row ${i}`));
    const file = writeParquet(
      'rows.parquet',
      [
        { name: 'text', data: text, type: 'STRING' },
        { name: 'label', data: text.map((_, i) => i % 2), type: 'INT32' },
      ],
      { rowGroupSize: 3 },
    );
    const { stdout, stderr, code } = await runHerdscope(
      [
        'audit',
        file,
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
    assert.match(stderr, /8 rows \(1 empty rows skipped\)/);
    const doc = JSON.parse(stdout);
    assert.equal(doc.summary.items, 8);
    assert.equal(doc.summary.labelled, 8);
    const help = await runHerdscope(['audit', '--help'], { env });
    assert.match(help.stdout + help.stderr, /CSV, JSONL or Parquet/);
  });

  it('a resume against a changed Parquet file is refused naming the change; against the same file it finishes', async () => {
    let server: FakeLlmServer | undefined;
    try {
      server = await startFakeLlmServer();
      const texts = Array.from({ length: 6 }, (_, i) => `comment ${i}`);
      const labels = texts.map((_, i) => i % 2);
      const file = writeParquet(
        'rows.parquet',
        [
          { name: 'text', data: texts, type: 'STRING' },
          { name: 'label', data: labels, type: 'INT32' },
        ],
        { rowGroupSize: 2 },
      );
      let served = 0;
      server.setResponder(() => (++served > 4 ? reply.hang() : answerFor(0)));
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
      // One call at a time: the 5th request hangs, so rows 1 and 2 are finished.
      while (served < 5) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGINT');
      assert.equal(await exited, 130, stderr);

      server.setResponder(() => answerFor(0));
      const edited = texts.map((t, i) => (i === 1 ? `${t}, edited` : t));
      const original = readFileSync(file);
      copyFileSync(
        writeParquet(
          'rows.parquet',
          [
            { name: 'text', data: edited, type: 'STRING' },
            { name: 'label', data: labels, type: 'INT32' },
          ],
          { rowGroupSize: 2 },
        ),
        file,
      );
      const resumeArgs = ['audit', file, '--out', runs, '--resume', '--provider', 'openai', '--base-url', server.baseUrlOpenAI];
      const refused = await runHerdscope(resumeArgs, { env });
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, /rows\.parquet changed since the run started \(row 2 changed: text differs\)/);
      writeFileSync(file, original);
      const resumed = await runHerdscope(resumeArgs, { env });
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stderr, /2 of 6 rows already done/);
      assert.match(resumed.stdout, /rows finished: 6 of 6/);
      assert.equal(readdirSync(runs).length, 1);
    } finally {
      server?.close();
    }
  });
});
