// What the Show Log channel records about provider calls: each bounded retry as one line, and never the credentials
// of a base URL (https://user:pass@host), which is refused before any run or request exists.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startFakeLlmServer, reply, type FakeLlmServer } from '../../support/fake-llm-server';
import { Commands } from '../../../src/extension/ids';
import type { HerdScopeApi } from '../../../src/extension/test-api';
import { eventually, herdscope, productAnswer, setSetting } from '../host-helpers';

function logText(api: HerdScopeApi): string {
  const files = (dir: string): string[] =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { withFileTypes: true })
          .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      : [];
  return files(api.logFolder.fsPath)
    .filter((f) => f.endsWith('.log'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}

describe('Provider calls in the log', () => {
  let api: HerdScopeApi;
  let server: FakeLlmServer;

  before(async () => {
    api = await herdscope();
    server = await startFakeLlmServer();
    await setSetting('provider', 'openai');
    await setSetting('agents', 2);
    await setSetting('concurrency', 1);
  });

  after(async () => {
    for (const key of ['provider', 'agents', 'concurrency', 'openai.baseUrl']) await setSetting(key, undefined);
    await server.close();
  });

  it('logs each retry after a 429 with its attempt, bound and the Retry-After wait, then finishes the run', async () => {
    await setSetting('openai.baseUrl', server.baseUrlOpenAI);
    server.setResponder((_request, index) =>
      index === 0
        ? reply.rateLimited(0)
        : reply.content(productAnswer({ defects: true, durability: false, expectations: false, recommend: false })),
    );
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditSelection, {
      text: 'It broke.',
      profile: 'product-quality',
    });
    assert.ok(started);
    await started.done;
    const meta = JSON.parse(fs.readFileSync(path.join(api.runsDir(), started.runId, 'run.json'), 'utf8'));
    assert.equal(meta.status, 'completed');
    await eventually('the retry line in the log', () =>
      /\[Provider\] openai \S+: retrying 2\/11 in 0\.[3-8] s: rate limited \(HTTP 429\)/.test(logText(api)),
    ); // Retry-After: 0 still waits the 250 ms floor plus jitter
  });

  it('refuses a base URL with credentials before any run or request, and never writes them anywhere', async () => {
    const secret = 's3cret-pass-9f2c';
    await setSetting('openai.baseUrl', server.baseUrlOpenAI.replace('http://', `http://bob:${secret}@`));
    const sent = server.requests.length;
    const runsBefore = fs.readdirSync(api.runsDir()).length;
    const started = await vscode.commands.executeCommand<unknown>(Commands.auditSelection, {
      text: 'It broke.',
      profile: 'product-quality',
    });
    assert.equal(started, undefined);
    assert.equal(server.requests.length, sent);
    assert.equal(fs.readdirSync(api.runsDir()).length, runsBefore);
    const text = await eventually('the refusal in the log', () => {
      const t = logText(api);
      return t.includes('herdscope.openai.baseUrl: must not contain credentials') && t;
    });
    assert.ok(!text.includes(secret), 'the log does not contain the URL password');
  });
});
