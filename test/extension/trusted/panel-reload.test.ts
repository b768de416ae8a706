// A panel whose webview never runs its script (its document hung while loading, as a webview can on a first load in
// the browser) is named at once and replaced by a fresh webview, which then shows the run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/extension/ids';
import type { AuditPanel } from '../../../src/extension/panel/audit-panel';
import type { HerdScopeApi } from '../../../src/extension/test-api';
import { eventually, extensionLog, herdscope } from '../host-helpers';

const herdScopeTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('HerdScope'));

describe('an audit panel whose webview never loads', function () {
  this.timeout(120000);
  let api: HerdScopeApi;
  let runId: string;

  before(async () => {
    api = await herdscope();
    const started = await vscode.commands.executeCommand<{ runIds: string[]; done: Promise<void> }>(Commands.runDemo, { text: 1 });
    assert.ok(started, 'the demo started');
    await started.done;
    runId = started.runIds[0];
  });

  after(() => api.stallPanelLoads(0));

  it('names the run on its tab before the webview loads, then replaces the blank webview and shows the run', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually('no audit panel open', () => herdScopeTabs().length === 0);
    api.stallPanelLoads(1);
    const panel = await vscode.commands.executeCommand<AuditPanel>(Commands.openRun, { runId });
    assert.ok(panel, 'Open Run returned the panel');
    const first = panel.panel;
    assert.match(first.title, /^HerdScope: DEMO: /, 'the tab names the run while its webview is still blank');
    await panel.whenReady();
    assert.notEqual(panel.panel, first, 'a fresh webview replaced the blank one');
    const open = await eventually('the run sent to the fresh webview', () =>
      panel.delivered.find((m) => m.type === 'run/open' && m.header.runId === runId),
    );
    assert.ok(open);
    assert.ok(panel.received.some((m) => m.type === 'ready'));
    assert.match(panel.panel.title, /^HerdScope: DEMO: /);
    assert.equal(herdScopeTabs().length, 1, 'the blank webview was closed');
    assert.equal(api.activePanel(), panel);
    assert.match(extensionLog(api), /did not load within 10 s; opening a fresh one/);
  });
});
