// SecretStorage round trip: a key set with "HerdScope: Set API Key" reaches the provider, can be removed, and never
// appears in settings, the log or any run file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startFakeLlmServer, reply, type FakeLlmServer } from '../../support/fake-llm-server';
import { Commands } from '../../../src/extension/ids';
import type { HerdScopeApi } from '../../../src/extension/test-api';
import { eventually, herdscope, productAnswer, setSetting } from '../host-helpers';

const KEY = 'sk-roundtrip-4b1d8e0c77aa';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('API keys in SecretStorage', () => {
  let api: HerdScopeApi;
  let server: FakeLlmServer;
  const runIds: string[] = [];

  before(async () => {
    api = await herdscope();
    server = await startFakeLlmServer();
    server.setResponder(() => reply.content(productAnswer({ defects: true, durability: false, expectations: false, recommend: false })));
    await setSetting('provider', 'openai');
    await setSetting('agents', 3);
  });

  after(async () => {
    await setSetting('provider', undefined);
    await setSetting('agents', undefined);
    await setSetting('openai.baseUrl', undefined);
    await vscode.commands.executeCommand(Commands.setApiKey, { provider: 'openai', key: '' });
    await server.close();
  });

  async function audit(): Promise<string | undefined> {
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> } | undefined>(Commands.auditSelection, {
      text: 'The lid broke on day one.',
      profile: 'product-quality',
    });
    if (!started) return undefined;
    await started.done;
    runIds.push(started.runId);
    return started.runId;
  }

  it('sends the stored key, and stops sending it once removed', async () => {
    await setSetting('openai.baseUrl', server.baseUrlOpenAI);
    await vscode.commands.executeCommand(Commands.setApiKey, { provider: 'openai', key: `  ${KEY}  ` });
    assert.ok(await audit());
    assert.ok(
      server.requests.length > 0 && server.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`),
      'the trimmed key was sent',
    );
    const sent = server.requests.length;
    await vscode.commands.executeCommand(Commands.setApiKey, { provider: 'openai', key: '' });
    assert.ok(await audit(), 'a custom endpoint (e.g. a local server) needs no key');
    assert.ok(server.requests.length > sent, 'the keyless run sent requests');
    assert.ok(
      server.requests.slice(sent).every((r) => r.headers.authorization !== `Bearer ${KEY}`),
      'the removed key is not sent',
    );
  });

  it('refuses to start against the default OpenAI endpoint without a key (no run, no request)', async () => {
    await setSetting('openai.baseUrl', undefined);
    const sent = server.requests.length;
    const before = fs.readdirSync(api.runsDir()).length;
    assert.equal(await audit(), undefined);
    assert.equal(fs.readdirSync(api.runsDir()).length, before);
    assert.equal(server.requests.length, sent);
  });

  it('keeps the key out of settings, the log and every run file', async () => {
    await setSetting('openai.baseUrl', server.baseUrlOpenAI);
    await vscode.commands.executeCommand(Commands.setApiKey, { provider: 'openai', key: KEY });
    assert.ok(await audit());
    const config = vscode.workspace.getConfiguration('herdscope');
    const manifest = vscode.extensions.getExtension('herdscope.herdscope')?.packageJSON as {
      contributes: { configuration: { properties: Record<string, unknown> } };
    };
    for (const full of Object.keys(manifest.contributes.configuration.properties)) {
      const inspected = config.inspect(full.replace(/^herdscope\./, ''));
      assert.ok(!JSON.stringify(inspected ?? {}).includes(KEY), `${full} does not hold the key`);
    }
    const runFiles = runIds.flatMap((id) => filesUnder(path.join(api.runsDir(), id)));
    assert.ok(runFiles.length >= 9, 'run.json, steps.jsonl and items.jsonl of each run');
    for (const f of runFiles) assert.ok(!fs.readFileSync(f, 'utf8').includes(KEY), `${f} does not contain the key`);
    const logText = await eventually('the HerdScope log file', () => {
      const logs = filesUnder(api.logFolder.fsPath).filter((f) => f.endsWith('.log'));
      const text = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      return text.includes('API key stored in SecretStorage') && text;
    });
    assert.match(logText, /\[Activation\] activated in \d+ ms/);
    assert.ok(!logText.includes(KEY), 'the log does not contain the key');
  });
});
