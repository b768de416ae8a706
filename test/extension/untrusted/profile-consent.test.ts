// In an untrusted workspace a profile file from the workspace runs only with the user's consent; built-ins always run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startFakeLlmServer, reply, type FakeLlmServer } from '../../support/fake-llm-server';
import { Commands } from '../../../src/extension/ids';
import type { HerdScopeApi } from '../../../src/extension/test-api';
import { herdscope, productAnswer, setSetting, workspaceFolder } from '../host-helpers';

describe('profile consent in an untrusted workspace', () => {
  let api: HerdScopeApi;
  let server: FakeLlmServer;
  let profileFile: string;

  before(async () => {
    api = await herdscope();
    assert.equal(vscode.workspace.isTrusted, false);
    server = await startFakeLlmServer();
    server.setResponder(() => reply.content(productAnswer({ defects: false, durability: true, expectations: true, recommend: true })));
    // machine-scoped: a user/remote setting, which an untrusted workspace cannot override
    await setSetting('openai.baseUrl', server.baseUrlOpenAI);
    await setSetting('provider', 'openai');
    await setSetting('agents', 2);
    const uri = await vscode.commands.executeCommand<vscode.Uri>(Commands.newProfile, {
      name: 'from-workspace',
      base: 'product-quality',
      open: false,
    });
    assert.ok(uri);
    profileFile = uri.fsPath;
  });

  after(async () => {
    api.setConsentAnswer(undefined);
    await setSetting('openai.baseUrl', undefined);
    await setSetting('provider', undefined);
    await setSetting('agents', undefined);
    await server.close();
  });

  const audit = (profile: string) =>
    vscode.commands.executeCommand<{ runId: string; done: Promise<void> } | undefined>(Commands.auditSelection, {
      text: 'Still works after a year.',
      profile,
    });
  const runCount = () => (fs.existsSync(api.runsDir()) ? fs.readdirSync(api.runsDir()).length : 0);

  it('does not run a workspace profile when the user declines (no run, no request)', async () => {
    api.setConsentAnswer(false);
    const runs = runCount();
    assert.equal(await audit(path.relative(workspaceFolder().fsPath, profileFile)), undefined);
    assert.equal(runCount(), runs);
    assert.equal(server.requests.length, 0);
  });

  it('runs built-in profiles without asking', async () => {
    api.setConsentAnswer(false);
    const started = await audit('product-quality');
    assert.ok(started);
    await started.done;
    assert.equal(server.requests.length, 2);
  });

  it('runs the workspace profile once the user consents', async () => {
    api.setConsentAnswer(true);
    const started = await audit(profileFile);
    assert.ok(started);
    await started.done;
    const meta = JSON.parse(fs.readFileSync(path.join(api.runsDir(), started.runId, 'run.json'), 'utf8'));
    assert.equal(meta.profile.name, 'from-workspace');
    assert.equal(meta.status, 'completed');
  });
});
