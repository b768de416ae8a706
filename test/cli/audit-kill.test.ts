import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RunStore } from '../../src/audit/run-store';
import { answerFor, agentOf, twoStateProfileJson } from '../audit/fixtures';
import { cliPath, runHerdscope, tempFile } from '../support/cli';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server';

const env = { ...process.env, HERDSCOPE_OPENAI_API_KEY: 'sk-test-kill', OPENAI_API_KEY: '' };
const profileFile = tempFile(
  'profile.json',
  twoStateProfileJson({
    agents: { count: 2, provider: 'openai', model: 'm', temperature: 0.7, maxTokens: 64, promptTemplate: '{{format}}\nText: {{text}}' },
  }),
);
const ROWS = 40;

describe('herdscope audit killed with SIGKILL', () => {
  let server: FakeLlmServer;
  before(async () => {
    server = await startFakeLlmServer();
    server.setResponder((req) => ({ ...answerFor(agentOf(req) === 1 ? 1 : 0), delayMs: 5 }));
  });
  after(() => server.close());

  it('at random moments, many times: each --resume finishes exactly the missing rows, never a duplicate', async function () {
    this.timeout(240_000);
    const runs = mkdtempSync(path.join(tmpdir(), 'herdscope-kill-'));
    const file = tempFile(
      'rows.jsonl',
      Array.from({ length: ROWS }, (_, i) => JSON.stringify({ text: `row ${i}`, label: i % 2 })).join('\n'),
    );
    const base = [
      file,
      '--out',
      runs,
      '--label-column',
      'label',
      '--provider',
      'openai',
      '--base-url',
      server.baseUrlOpenAI,
      '--concurrency',
      '4',
    ];
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let kills = 0;
    for (let attempt = 0; attempt < 6; attempt++) {
      const args = ['audit', ...base, ...(attempt === 0 ? ['--profile', profileFile] : ['--resume'])];
      const child = spawn(process.execPath, [cliPath, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      let stderr = '';
      // Kill once the run exists (its first line), after a random further moment of the row loop.
      await new Promise<void>((resolve) => {
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          stderr += d;
          if (/^(run|resuming run) /m.test(stderr)) resolve();
        });
        void exited.then(() => resolve());
      });
      await new Promise((r) => setTimeout(r, Math.floor(random() * 250)));
      child.kill('SIGKILL');
      const code = await exited;
      if (code === 0) break; // it finished before the kill landed
      kills++;
      const [listing] = await new RunStore(runs).list();
      assert.equal(listing.status, 'interrupted', `after kill ${kills}: ${stderr}`);
    }
    assert.ok(kills >= 3, `at least three kills landed mid-run (${kills})`);
    const [runId] = readdirSync(runs);
    const meta = await new RunStore(runs).readMeta(runId);
    if (meta.status !== 'completed') {
      const last = await runHerdscope(['audit', ...base, '--resume'], { env });
      assert.equal(last.code, 0, last.stderr);
      assert.match(last.stdout, new RegExp(`rows finished: ${ROWS} of ${ROWS}`));
    }
    const dir = path.join(runs, runId);
    const items = readFileSync(path.join(dir, 'items.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      items.map((i) => i.item).sort((a, b) => a - b),
      Array.from({ length: ROWS }, (_, i) => i),
      'every row once',
    );
    assert.ok(
      items.every((i) => i.text === `row ${i.item}`),
      'each item carries its own row',
    );
    const steps = readFileSync(path.join(dir, 'steps.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(steps.length, ROWS * 2);
    assert.equal(new Set(steps.map((s) => `${s.item}:${s.index}`)).size, ROWS * 2);
    const final = await new RunStore(runs).readMeta(runId);
    assert.equal(final.status, 'completed');
    assert.equal(final.counts?.items, ROWS);
    assert.equal(final.summary?.items, ROWS);
  });
});
