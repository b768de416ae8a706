import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDatasetRun } from '../../src/audit/engine/dataset-run';
import { RunStore } from '../../src/audit/run-store';
import { batchReply, startFakeBatchServer } from '../support/fake-batch-server';
import { twoStateProfile } from './fixtures';

const KEY = 'sk-batch-source-ECHOED-KEY-9';

function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesIn(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe('the batch API as a source of the run engine', function () {
  this.timeout(60_000);
  it('runs one batch job per chunk of rows, records the batch API in run.json, and cuts an echoed key from every answer', async () => {
    const { profile, model } = twoStateProfile({
      agents: { count: 2, provider: 'openai', model: 'm', temperature: 0.7, maxTokens: 64, promptTemplate: '{{format}}\nText: {{text}}' },
    });
    // The server echoes the key in the answer text (as a misbehaving proxy might) and in one line's error message.
    const server = await startFakeBatchServer({
      answer: (line) =>
        /row 3/.test(line.body.messages.at(-1).content) && line.body.seed === 2
          ? batchReply.lineError(400, `bad key ${KEY}`)
          : batchReply.content(`{"is_toxic": true, "is_polite": false} ${KEY}`),
      shuffle: true,
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'herdscope-batch-source-'));
    const file = path.join(dir, 'rows.csv');
    writeFileSync(file, `text\n${Array.from({ length: 5 }, (_, i) => `row ${i}`).join('\n')}\n`);
    const store = new RunStore(path.join(dir, 'runs'));
    const events: string[] = [];
    try {
      const started = await startDatasetRun({
        store,
        file,
        loaded: { profile, model, counts: null, source: 'test' },
        source: {
          kind: 'batch-api',
          provider: { kind: 'openai', baseURL: server.baseUrlOpenAI, apiKey: KEY, maxRetries: 0 },
          pollSeconds: 0.01,
          chunkRows: 2,
          onBatchEvent: (line) => events.push(line),
        },
      });
      const result = await started.done;
      assert.equal(result.cancelled, false);
      assert.equal(server.batches.length, 3, 'rows 0-1, 2-3 and 4: one batch each');
      assert.deepEqual(
        server.batches.map((b) => b.lines.length),
        [4, 4, 2],
      );
      assert.equal(events.filter((e) => e.startsWith('submitted batch')).length, 3);
      const run = await store.load(started.runId);
      assert.equal(run.meta.status, 'completed');
      assert.equal(run.meta.provider.batchApi, 'openai');
      assert.match(run.meta.header.providerSummary ?? '', /\(batch API\)/);
      const state = JSON.parse(readFileSync(path.join(store.runDir(started.runId), 'batch-api', 'state.json'), 'utf8'));
      assert.equal(state.submissions.length, 3);
      assert.equal(run.steps.length, 10);
      const answered = run.steps.filter((s) => s.error === undefined);
      assert.equal(answered.length, 9);
      assert.ok(answered.every((s) => s.observation !== null && s.rawResponse?.includes('[redacted]') && !s.rawResponse.includes(KEY)));
      const failed = run.steps.find((s) => s.error !== undefined)!;
      assert.equal(failed.item, 3);
      assert.match(failed.error!.message, /\[redacted\]/);
      for (const f of filesIn(store.dir)) assert.ok(!readFileSync(f, 'utf8').includes(KEY), f);
    } finally {
      await server.close();
    }
  });
});
