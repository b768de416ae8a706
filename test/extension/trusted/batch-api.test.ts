// Audit Dataset through the provider's batch API: the fake batch server speaks OpenAI's Files + Batches on 127.0.0.1;
// the SecretStorage key and herdscope.openai.baseUrl reach it, cancel cancels the remote batch, resume keeps polling.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { batchReply, startFakeBatchServer, type FakeBatchServer } from '../../support/fake-batch-server';
import { Commands } from '../../../src/extension/ids';
import type { HerdScopeApi } from '../../../src/extension/test-api';
import { eventually, herdscope, productAnswer, setSetting, workspaceFolder } from '../host-helpers';

const good = productAnswer({ defects: false, durability: true, expectations: true, recommend: true });

describe('Audit Dataset through the OpenAI batch API (fake batch server)', () => {
  let api: HerdScopeApi;
  let server: FakeBatchServer;
  const creates = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/batches');
  const cancels = () => server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/cancel'));

  before(async () => {
    api = await herdscope();
    server = await startFakeBatchServer({ answer: () => batchReply.content(good) });
    await setSetting('openai.baseUrl', server.baseUrlOpenAI);
    await setSetting('provider', 'openai');
    await setSetting('agents', 2);
  });

  after(async () => {
    await setSetting('openai.baseUrl', undefined);
    await setSetting('provider', undefined);
    await setSetting('agents', undefined);
    await server.close();
  });

  it('audits all 8 rows in one batch and records that the run used the batch API', async () => {
    server.script = { answer: () => batchReply.content(good), shuffle: true, linesPerPoll: 6 };
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditDataset, {
      file: path.join(workspaceFolder().fsPath, 'reviews.csv'),
      textColumn: 'review',
      labelColumn: 'label',
      profile: 'product-quality',
      transport: 'batch-api',
      batchPollSeconds: 0.02,
    });
    assert.ok(started);
    await started.done;
    const runDir = path.join(api.runsDir(), started.runId);
    const meta = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8'));
    assert.equal(meta.status, 'completed');
    assert.equal(meta.provider.batchApi, 'openai');
    assert.equal(meta.totals.itemsDone, 8);
    assert.equal(creates().length, 1);
    assert.equal(server.batches[0].lines.length, 16);
    assert.ok(JSON.parse(fs.readFileSync(path.join(runDir, 'batch-api', 'state.json'), 'utf8')).submissions[0].batchId);
  });

  it('cancel cancels the remote batch; Resume Dataset Audit polls it again and submits only what did not run', async () => {
    server.script = { answer: () => batchReply.content(good), linesPerPoll: 1 };
    const before = creates().length;
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditDataset, {
      file: path.join(workspaceFolder().fsPath, 'reviews.csv'),
      textColumn: 'review',
      labelColumn: null,
      profile: 'product-quality',
      transport: 'batch-api',
      batchPollSeconds: 0.5,
    });
    assert.ok(started);
    await eventually('the batch was created', () => creates().length === before + 1);
    const panel = api.activePanel();
    assert.ok(panel);
    await panel.whenReady();
    panel.handleMessage({ type: 'cancel' });
    await started.done;
    const runDir = path.join(api.runsDir(), started.runId);
    assert.equal(JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')).status, 'cancelled');
    assert.equal(cancels().length, 1);
    const batch = server.batches.at(-1)!;
    assert.ok(batch.processed < 16);

    server.script = { answer: () => batchReply.content(good) };
    const resumed = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.resumeRun, {
      runId: started.runId,
      batchPollSeconds: 0.02,
    });
    assert.ok(resumed);
    await resumed.done;
    const meta = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8'));
    assert.equal(meta.status, 'completed');
    assert.equal(meta.totals.itemsDone, 8);
    assert.equal(creates().length, before + 2, 'one follow-up batch for the lines the cancelled batch never ran');
    assert.equal(server.batches.at(-1)!.lines.length, 16 - batch.processed);
  });
});
