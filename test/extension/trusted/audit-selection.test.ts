// Audit Selection end to end: the real OpenAI SDK (key from SecretStorage) against a chat-completions server on
// 127.0.0.1, the chain, the run store, the audit panel in Chromium, the Runs view, export, revival and delete.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startFakeLlmServer, reply, type FakeLlmServer } from '../../support/fake-llm-server';
import { Commands, EXTENSION_ID, PANEL_VIEW_TYPE } from '../../../src/extension/ids';
import type { HerdScopeApi } from '../../../src/extension/test-api';
import type { RunTreeItem } from '../../../src/extension/runs/run-tree-item';
import { deliveredSteps, eventually, herdscope, productAnswer, setSetting } from '../host-helpers';

const KEY = 'sk-test-herdscope-9f3a7c21e5';
const REVIEW = 'Sturdy kettle, boils fast and still works after a year of daily use. Would buy again.';

describe('Audit Selection (fake OpenAI server on 127.0.0.1)', function () {
  let api: HerdScopeApi;
  let server: FakeLlmServer;
  let runId: string;

  before(async () => {
    api = await herdscope();
    server = await startFakeLlmServer();
    server.setResponder(() =>
      reply.content(productAnswer({ defects: false, durability: true, expectations: true, recommend: true }), {
        usage: { prompt: 120, completion: 24 },
      }),
    );
    await setSetting('openai.baseUrl', server.baseUrlOpenAI);
    await setSetting('provider', 'openai');
    await vscode.commands.executeCommand(Commands.setApiKey, { provider: 'openai', key: KEY });
  });

  after(async () => {
    await setSetting('openai.baseUrl', undefined);
    await setSetting('provider', undefined);
    await server.close();
  });

  it('refuses an empty selection and creates no run', async () => {
    const before = fs.existsSync(api.runsDir()) ? fs.readdirSync(api.runsDir()) : [];
    const result = await vscode.commands.executeCommand(Commands.auditSelection, { text: '   ' });
    assert.equal(result, undefined);
    const after = fs.existsSync(api.runsDir()) ? fs.readdirSync(api.runsDir()) : [];
    assert.deepEqual(after, before);
  });

  it('streams every agent of the chain into the audit panel, which really rendered in Chromium', async () => {
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditSelection, {
      text: REVIEW,
      profile: 'product-quality',
    });
    assert.ok(started, 'a run started');
    runId = started.runId;
    await started.done;
    const panel = api.activePanel();
    assert.ok(panel);
    await panel.whenReady();
    assert.ok(
      panel.received.some((m) => m.type === 'ready'),
      "the webview script ran and posted 'ready'",
    );
    const steps = await eventually('10 agents in the panel', () => {
      const s = deliveredSteps(panel.delivered, runId);
      return s.size === 10 && s;
    });
    const open = panel.delivered.find((m) => m.type === 'run/open' && m.header.runId === runId);
    assert.ok(open && open.type === 'run/open', 'the panel was sent the run header');
    assert.equal(open.header.kind, 'selection');
    assert.equal(open.header.profileName, 'product-quality');
    // durability, expectations and recommend all true: product-bits index 4·1 + 2·1 + 1 = 7
    for (const step of steps.values()) {
      assert.equal(step.observation?.index, 7);
      assert.equal(step.provider, 'openai');
      assert.ok(Math.abs(step.publicBeliefAfter.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    }
    await eventually('the final status in the panel', () =>
      panel.delivered.some((m) => m.type === 'run/status' && m.runId === runId && m.status === 'completed'),
    );
    assert.equal(server.requests.length, 10, 'one chat completion per agent');
    for (const r of server.requests) assert.equal(r.headers.authorization, `Bearer ${KEY}`, 'the key from SecretStorage reached the SDK');
  });

  it('lists the run in the Runs view with its status and herding step', async () => {
    const items = (await api.runsTree.getChildren()) as RunTreeItem[];
    const item = items.find((i) => i.id === runId);
    assert.ok(item, 'the run is listed');
    const runFile = JSON.parse(fs.readFileSync(path.join(api.runsDir(), runId, 'run.json'), 'utf8'));
    const summary = JSON.parse(fs.readFileSync(path.join(api.runsDir(), runId, 'items.jsonl'), 'utf8').trim());
    assert.equal(runFile.status, 'completed');
    const herding = summary.herdingStep === null ? 'no herding' : `herding at agent ${summary.herdingStep}`;
    assert.match(String(item.description), new RegExp(`^completed · ${herding}`));
    assert.equal(item.command?.command, Commands.openRun);
  });

  it('exports the run as JSON, CSV and an HTML report, and refuses unknown formats', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'herdscope-export-'));
    const json = await vscode.commands.executeCommand<vscode.Uri>(Commands.exportRun, {
      runId,
      format: 'json',
      target: path.join(dir, 'run.json'),
    });
    const csv = await vscode.commands.executeCommand<vscode.Uri>(Commands.exportRun, {
      runId,
      format: 'csv',
      target: path.join(dir, 'run.csv'),
    });
    assert.ok(json && csv);
    const exported = fs.readFileSync(json.fsPath, 'utf8');
    assert.ok(exported.includes(runId));
    JSON.parse(exported);
    const lines = fs.readFileSync(csv.fsPath, 'utf8').trim().split(/\r?\n/);
    assert.equal(lines.length, 11, 'a header and one row per agent');
    const html = await vscode.commands.executeCommand<vscode.Uri>(Commands.exportRun, {
      runId,
      format: 'html',
      target: path.join(dir, 'run.html'),
    });
    assert.ok(html);
    const report = fs.readFileSync(html.fsPath, 'utf8');
    assert.match(report, /^<!DOCTYPE html>/i);
    assert.ok(!/<script/i.test(report), 'the report runs no script');
    for (const text of [exported, lines.join('\n'), report]) assert.ok(!text.includes(KEY), 'no key in reports');
    assert.equal(
      await vscode.commands.executeCommand(Commands.exportRun, { runId, format: 'pdf', target: path.join(dir, 'run.pdf') }),
      undefined,
    );
    assert.equal(fs.existsSync(path.join(dir, 'run.pdf')), false);
  });

  it('revives a panel from its saved state by re-reading the run from the store', async () => {
    const webviewPanel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'HerdScope', vscode.ViewColumn.Active, {});
    const created = new Promise<NonNullable<ReturnType<HerdScopeApi['activePanel']>>>((resolve) => {
      const d = api.onDidCreatePanel((p) => {
        d.dispose();
        resolve(p);
      });
    });
    await api.panelSerializer.deserializeWebviewPanel(webviewPanel, { runId, selectedItem: 0 });
    const revived = await created;
    assert.equal(revived.panel, webviewPanel);
    assert.equal(webviewPanel.webview.options.enableScripts, true);
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionUri.fsPath ?? '';
    const roots = webviewPanel.webview.options.localResourceRoots ?? [];
    assert.ok(
      roots.every((u) => u.scheme === 'file'),
      'local resource roots are file URIs',
    );
    assert.deepEqual(
      roots.map((u) => path.relative(extensionPath, u.fsPath)),
      [path.join('dist', 'webview'), 'media'],
      'only the webview bundle and the styles',
    );
    await revived.whenReady();
    const steps = await eventually('the revived panel to get the run', () => {
      const s = deliveredSteps(revived.delivered, runId);
      return s.size === 10 && s;
    });
    assert.equal(steps.size, 10);
    revived.dispose();
  });

  it('deletes the run and drops it from the Runs view', async () => {
    const deleted = await vscode.commands.executeCommand<boolean>(Commands.deleteRun, { runId, confirm: false });
    assert.equal(deleted, true);
    assert.equal(fs.existsSync(path.join(api.runsDir(), runId)), false);
    const items = (await api.runsTree.getChildren()) as RunTreeItem[];
    assert.ok(!items.some((i) => i.id === runId));
  });
});
