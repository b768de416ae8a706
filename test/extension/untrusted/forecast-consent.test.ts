// Forecast Herding in an untrusted workspace: a workspace profile is forecast only with the user's consent, as for an audit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, REPORT_VIEW_TYPE } from '../../../src/extension/ids';
import type { ReportPage } from '../../../src/extension/panel/report-panel';
import type { HerdScopeApi } from '../../../src/extension/test-api';
import { herdscope } from '../host-helpers';

describe('Forecast Herding in an untrusted workspace', () => {
  let api: HerdScopeApi;
  let profileFile: string;

  before(async () => {
    api = await herdscope();
    assert.equal(vscode.workspace.isTrusted, false);
    const uri = await vscode.commands.executeCommand<vscode.Uri>(Commands.newProfile, {
      name: 'forecast-ws',
      base: 'product-quality',
      open: false,
    });
    assert.ok(uri);
    profileFile = uri.fsPath;
  });

  after(() => api.setConsentAnswer(undefined));

  it('does not forecast a workspace profile when the user declines', async () => {
    api.setConsentAnswer(false);
    const before = api.activeReport();
    assert.equal(await vscode.commands.executeCommand(Commands.forecastHerding, { profile: profileFile }), undefined);
    assert.equal(api.activeReport(), before);
  });

  it('a revived Forecast view of that profile is not recomputed and asks no one: it says why and what to do', async () => {
    api.setConsentAnswer(undefined); // were the user asked, the modal prompt would hold this test until its timeout
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Forecast: forecast-ws', vscode.ViewColumn.Active, {});
    const restored = new Promise<ReportPage>((resolve) => {
      const d = api.onDidRestoreReport((e) => {
        if (e.panel !== panel) return;
        d.dispose();
        resolve(e.page);
      });
    });
    await api.reportSerializer.deserializeWebviewPanel(panel, { version: 1, view: 'forecast', profile: profileFile, agents: 4 });
    const page = await restored;
    assert.equal(page.kind === 'message' && page.title, `Forecast of ${profileFile} not recomputed`);
    assert.match(panel.webview.html, /The workspace is not trusted, and the profile was not allowed in this session/);
    assert.equal(api.activeReport(), undefined);
    panel.dispose();
  });

  it('forecasts it once the user consents', async () => {
    api.setConsentAnswer(true);
    const shown = await vscode.commands.executeCommand<{ html: string }>(Commands.forecastHerding, { profile: profileFile });
    assert.ok(shown);
    assert.match(api.activeReport()?.html ?? '', /Herding forecast: profile forecast-ws/);
  });
});
