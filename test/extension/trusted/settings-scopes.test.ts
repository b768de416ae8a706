// Settings are read with the scope they are contributed with: an Audit Selection leaves no "Accessing a … scoped
// configuration" warning about HerdScope's settings in the extension host log.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startFakeLlmServer, reply, type FakeLlmServer } from '../../support/fake-llm-server';
import { Commands, EXTENSION_ID } from '../../../src/extension/ids';
import { RESOURCE_SCOPED_SETTINGS } from '../../../src/extension/settings';
import { eventually, filesUnder, herdscope, productAnswer, setSetting, workspaceFolder } from '../host-helpers';

const SCOPE_WARNING = /Accessing a (window|resource) scoped configuration[^\n]*?'([\w.]+)'/g;

describe('configuration scopes', () => {
  let server: FakeLlmServer;

  before(async () => {
    server = await startFakeLlmServer();
    server.setResponder(() => reply.content(productAnswer({ defects: false, durability: true, expectations: true, recommend: true })));
    await setSetting('openai.baseUrl', server.baseUrlOpenAI);
    await setSetting('provider', 'openai');
    await setSetting('agents', 2);
  });

  after(async () => {
    for (const key of ['openai.baseUrl', 'provider', 'agents']) await setSetting(key, undefined);
    await server.close();
  });

  it('declares resource scope exactly for the settings read per folder', () => {
    const props = (
      vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
        contributes: { configuration: { properties: Record<string, { scope?: string }> } };
      }
    ).contributes.configuration.properties;
    const resource = Object.entries(props)
      .filter(([, p]) => p.scope === 'resource')
      .map(([k]) => k.replace(/^herdscope\./, ''))
      .sort();
    assert.deepEqual(resource, [...RESOURCE_SCOPED_SETTINGS].sort());
  });

  it('an Audit Selection logs no scope warning about a HerdScope setting in the extension host log', async () => {
    const api = await herdscope();
    const exthostLogs = () => filesUnder(path.dirname(api.logFolder.fsPath)).filter((f) => /exthost\.log$/.test(path.basename(f)));
    // Control warnings before and after the audit bracket what it logged (the log is written asynchronously, and the
    // tests themselves run as HerdScope, so only what lies between the two belongs to the audit).
    const control = (after = -1) => {
      vscode.workspace.getConfiguration('window', workspaceFolder()).get('title');
      return eventually('the control warning for window.title', () => {
        for (const file of exthostLogs()) {
          const text = fs.readFileSync(file, 'utf8');
          const at = text.lastIndexOf("'window.title'");
          if (at > after) return { file, text, at };
        }
        return false;
      });
    };
    const before = await control();
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditSelection, {
      text: 'Solid and reliable.',
      profile: 'product-quality',
    });
    assert.ok(started, 'the audit ran');
    await started.done;
    const after = await control(before.at);
    assert.equal(after.file, before.file, 'both controls are in the same log file');
    const warnings = [...after.text.matchAll(SCOPE_WARNING)];
    assert.ok(
      warnings.some((m) => m[1] === 'window' && m[2] === 'window.title'),
      'the pattern matches the control warning',
    );
    const duringAudit = warnings
      .filter((m) => (m.index ?? 0) > before.at && (m.index ?? 0) < after.at && m[2].startsWith('herdscope.'))
      .map((m) => `${m[1]}: ${m[2]}`);
    assert.deepEqual(duringAudit, []);
  });
});
