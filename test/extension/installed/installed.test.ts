// HerdScope as users run it: installed from the .vsix (not the development folder), activated in Production mode.
// Its public API exposes nothing; the demo and an Audit Selection against the loopback server run end to end; the
// provider SDKs load only when a provider is first used.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startFakeLlmServer, reply, type FakeLlmServer } from '../../support/fake-llm-server';
import { Commands, EXTENSION_ID } from '../../../src/extension/ids';
import { eventually, filesUnder, productAnswer, setSetting, workspaceFolder } from '../host-helpers';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const KEY = 'sk-installed-test-4d1e9b';

function installed(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext;
}

function runFiles(runId: string): {
  meta: { status: string; header: { kind: string; title: string } };
  steps: Array<{ provider: string; simulated?: boolean }>;
} {
  const dir = path.join(workspaceFolder().fsPath, '.herdscope', 'runs', runId);
  return {
    meta: JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')),
    steps: fs
      .readFileSync(path.join(dir, 'steps.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  };
}

/** The open editor tabs (an audit panel's tab is titled "HerdScope: <run title>"). */
const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);

/** Which of the lazily loaded bundles of the installed extension this extension host has loaded so far. */
function loadedSdks(ext: vscode.Extension<unknown>): string[] {
  const sdkDir = path.join(ext.extensionUri.fsPath, 'dist', 'sdk');
  return Object.keys(require.cache)
    .filter((f) => path.dirname(f) === sdkDir)
    .map((f) => path.basename(f, '.js'))
    .sort();
}

describe('HerdScope installed from the .vsix', () => {
  let server: FakeLlmServer;
  let demoRuns: string[] = [];

  before(async () => {
    server = await startFakeLlmServer();
    server.setResponder(() => reply.content(productAnswer({ defects: false, durability: true, expectations: true, recommend: true })));
  });

  after(async () => {
    for (const key of ['openai.baseUrl', 'provider']) await setSetting(key, undefined);
    await server.close();
  });

  it('runs from the extensions folder, not from the development checkout, with only packaged files', () => {
    const ext = installed();
    const dir = ext.extensionUri.fsPath;
    assert.ok(!dir.startsWith(repoRoot + path.sep), `${dir} is outside the checkout`);
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
    const files = filesUnder(dir).map((f) => path.relative(dir, f));
    assert.ok(files.includes(path.join('dist', 'extension.js')) && files.includes(path.join('dist', 'sdk', 'openai.js')));
    assert.deepEqual(
      files.filter((f) => /\.(ts|map)$/.test(f) || /^(src|test|out|bench|reproduce|node_modules)\//.test(f)),
      [],
      'no sources, tests, maps or node_modules',
    );
  });

  it('activates in Production mode and exposes no API to other extensions', async () => {
    const ext = installed();
    const exports = await ext.activate();
    assert.equal(ext.isActive, true);
    assert.equal(exports, undefined, 'activate() returned nothing');
    assert.equal(ext.exports, undefined);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has(Commands.runDemo) && registered.has(Commands.auditSelection));
  });

  it('has not loaded the provider SDKs or HiGHS by activating', () => {
    assert.deepEqual(loadedSdks(installed()), []);
  });

  it('runs the offline demo into the audit panel', async () => {
    const started = await vscode.commands.executeCommand<{ runIds: string[]; done: Promise<void> }>(Commands.runDemo);
    assert.ok(started, 'the demo started');
    await started.done;
    assert.equal(started.runIds.length, 3);
    demoRuns = started.runIds;
    for (const runId of started.runIds) {
      const { meta, steps } = runFiles(runId);
      assert.equal(meta.status, 'completed');
      assert.equal(meta.header.kind, 'demo');
      assert.ok(steps.length > 0 && steps.every((s) => s.simulated === true));
    }
    await eventually('the audit panel showing the first demo run', () => tabs().some((t) => t.label.startsWith('HerdScope: DEMO:')));
  });

  it('answers other extensions with plain data only: Open Run shows the run and hands out no panel', async () => {
    assert.ok(demoRuns.length > 0, 'the demo ran');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const result = await vscode.commands.executeCommand(Commands.openRun, { runId: demoRuns[1] });
    assert.equal(result, undefined);
    const title = runFiles(demoRuns[1]).meta.header.title;
    await eventually('the audit panel showing the second demo run', () =>
      tabs().some((t) => t.label.startsWith(`HerdScope: ${title.slice(0, 30)}`)),
    );
  });

  it('runs an Audit Selection against the loopback server with the key from SecretStorage, loading only the OpenAI SDK', async () => {
    await setSetting('openai.baseUrl', server.baseUrlOpenAI);
    await setSetting('provider', 'openai');
    await vscode.commands.executeCommand(Commands.setApiKey, { provider: 'openai', key: KEY });
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditSelection, {
      text: 'Sturdy, still works after a year.',
      profile: 'product-quality',
    });
    assert.ok(started, 'the audit started');
    await started.done;
    const { meta, steps } = runFiles(started.runId);
    assert.equal(meta.status, 'completed');
    assert.equal(steps.length, 10);
    assert.ok(steps.every((s) => s.provider === 'openai'));
    assert.equal(server.requests.length, 10);
    for (const r of server.requests) assert.equal(r.headers.authorization, `Bearer ${KEY}`);
    await eventually('the audit panel showing the run', () => tabs().some((t) => t.label.startsWith('HerdScope: Sturdy')));
    const loaded = loadedSdks(installed());
    assert.ok(loaded.includes('openai'), `openai loaded (${loaded.join(', ')})`);
    assert.ok(!loaded.includes('mistral'), 'the Mistral SDK was never needed');
  });
});
