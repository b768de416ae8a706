// Forecast Herding in an untrusted workspace: a workspace profile is forecast only with the user's consent, as for an audit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/extension/ids';
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

  it('forecasts it once the user consents', async () => {
    api.setConsentAnswer(true);
    const shown = await vscode.commands.executeCommand<{ html: string }>(Commands.forecastHerding, { profile: profileFile });
    assert.ok(shown);
    assert.match(api.activeReport()?.html ?? '', /Herding forecast: profile forecast-ws/);
  });
});
