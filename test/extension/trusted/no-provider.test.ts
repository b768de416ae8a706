// When no provider is usable, Audit Selection offers the ways out (set a key, use a local server, the VS Code
// language models when there are any, the demo); "Use a Local Server" then makes the next audit run keyless.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { startFakeLlmServer, reply, type FakeLlmServer } from '../../support/fake-llm-server';
import { Commands } from '../../../src/extension/ids';
import type { HerdScopeApi } from '../../../src/extension/test-api';
import { eventually, extensionLog, herdscope, productAnswer, setSetting } from '../host-helpers';

describe('no usable provider', () => {
  let api: HerdScopeApi;
  let server: FakeLlmServer;

  before(async () => {
    api = await herdscope();
    server = await startFakeLlmServer();
    server.setResponder(() => reply.content(productAnswer({ defects: true, durability: false, expectations: false, recommend: false })));
    await vscode.commands.executeCommand(Commands.setApiKey, { provider: 'openai', key: '' }); // no OpenAI key stored
    await setSetting('openai.baseUrl', undefined);
    await setSetting('provider', 'openai');
    await setSetting('agents', 2);
  });

  after(async () => {
    for (const key of ['openai.baseUrl', 'provider', 'agents', 'model']) await setSetting(key, undefined);
    await server.close();
  });

  it('offers Set API Key, Use a Local Server, the VS Code models only if there are any, and Run Demo; no run is created', async () => {
    const runsBefore = fs.existsSync(api.runsDir()) ? fs.readdirSync(api.runsDir()).length : 0;
    const started = await vscode.commands.executeCommand(Commands.auditSelection, {
      text: 'It broke after a week.',
      profile: 'product-quality',
    });
    assert.equal(started, undefined);
    assert.equal(fs.existsSync(api.runsDir()) ? fs.readdirSync(api.runsDir()).length : 0, runsBefore);
    const models = await vscode.lm.selectChatModels();
    const expected = ['Set API Key', 'Use a Local Server', ...(models.length > 0 ? ['Use VS Code Language Models'] : []), 'Run Demo'];
    await eventually('the offer in the log', () => extensionLog(api).includes(`no usable provider: offered ${expected.join(', ')}`));
  });

  it('"Use a Local Server" writes the base URL, provider and model to the user settings; the next audit runs without a key', async () => {
    const done = await vscode.commands.executeCommand<boolean>(Commands.useLocalServer, {
      baseUrl: server.baseUrlOpenAI,
      model: 'local-model',
    });
    assert.equal(done, true);
    const config = vscode.workspace.getConfiguration('herdscope');
    assert.equal(config.inspect('openai.baseUrl')?.globalValue, server.baseUrlOpenAI);
    assert.equal(config.inspect('provider')?.globalValue, 'openai');
    assert.equal(config.inspect('model')?.globalValue, 'local-model');
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditSelection, {
      text: 'It broke after a week.',
      profile: 'product-quality',
    });
    assert.ok(started, 'the audit started');
    await started.done;
    assert.equal(server.requests.length, 2, 'one request per agent');
    for (const r of server.requests) {
      assert.ok(
        [undefined, 'Bearer no-key'].includes(r.headers.authorization as string | undefined),
        `no stored key is sent to the local server (got ${r.headers.authorization})`,
      );
      assert.equal((r.body as { model?: string }).model, 'local-model');
    }
  });

  it('refuses a base URL with credentials or another scheme, and changes nothing', async () => {
    for (const baseUrl of ['http://me:secret@127.0.0.1:1/v1', 'file:///etc/passwd', 'not a url']) {
      assert.equal(await vscode.commands.executeCommand<boolean>(Commands.useLocalServer, { baseUrl, model: '' }), false, baseUrl);
    }
    assert.equal(vscode.workspace.getConfiguration('herdscope').inspect('openai.baseUrl')?.globalValue, server.baseUrlOpenAI);
  });
});
