// The identifiers in src/extension/ids.ts against what package.json contributes (and what VS Code registered).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  Commands,
  CONFIG_SECTION,
  EXTENSION_ID,
  PANEL_VIEW_TYPE,
  REPORT_VIEW_TYPE,
  RESTRICTED_SETTINGS,
  SettingKeys,
  Views,
} from '../../../src/extension/ids';
import { PROVIDER_CHOICES } from '../../../src/extension/settings';
import { RP_GROUPINGS } from '../../../src/shared/dataset-overview';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string; title: string; category: string }>;
    menus: Record<string, Array<{ command: string }>>;
    viewsContainers: { activitybar: Array<{ id: string; icon: string }> };
    views: Record<string, Array<{ id: string }>>;
    configuration: { properties: Record<string, { scope?: string; enum?: string[] }> };
    jsonValidation: Array<{ fileMatch: string; url: string }>;
  };
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
}

describe('manifest and identifiers', () => {
  const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest;

  it('contributes exactly the commands of ids.ts, each titled "HerdScope: …"', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'HerdScope', c.command);
  });

  it('registers every contributed command in VS Code', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(Commands)) assert.ok(registered.has(id), `${id} is registered`);
  });

  it('menus only name contributed commands', () => {
    const known = new Set<string>(Object.values(Commands));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const e of entries) assert.ok(known.has(e.command), `${menu}: ${e.command}`);
    }
  });

  it('declares the view container, the runs view and the activation events that revive the audit panel and report views', () => {
    assert.deepEqual(
      manifest.contributes.viewsContainers.activitybar.map((c) => c.id),
      [Views.container],
    );
    assert.deepEqual(
      manifest.contributes.views[Views.container].map((v) => v.id),
      [Views.runs],
    );
    assert.deepEqual(manifest.activationEvents, [`onWebviewPanel:${PANEL_VIEW_TYPE}`, `onWebviewPanel:${REPORT_VIEW_TYPE}`]);
  });

  it('contributes every setting key, machine-scoped endpoints, and the restricted settings for untrusted workspaces', () => {
    const props = manifest.contributes.configuration.properties;
    const contributed = Object.keys(props).sort();
    assert.deepEqual(
      contributed,
      Object.values(SettingKeys)
        .map((k) => `${CONFIG_SECTION}.${k}`)
        .sort(),
    );
    assert.equal(props[`${CONFIG_SECTION}.${SettingKeys.openaiBaseUrl}`].scope, 'machine');
    assert.equal(props[`${CONFIG_SECTION}.${SettingKeys.mistralServerUrl}`].scope, 'machine');
    assert.deepEqual(props[`${CONFIG_SECTION}.${SettingKeys.provider}`].enum, [...PROVIDER_CHOICES]);
    assert.deepEqual(props[`${CONFIG_SECTION}.${SettingKeys.rpEnvironments}`].enum, [...RP_GROUPINGS]);
    assert.equal(props[`${CONFIG_SECTION}.${SettingKeys.rpEnvironments}`].scope, undefined); // no key: a workspace may set it
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual([...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), [...RESTRICTED_SETTINGS].sort());
    for (const key of Object.keys(props))
      assert.ok(!/key|secret|token|password/i.test(key.replace('requestsPerMinute', '')), `${key} does not hold a secret`);
  });

  it('validates *.herdscope.json files with the shipped profile schema', async () => {
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '*.herdscope.json', url: './schemas/profile.schema.json' }]);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const schema = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'schemas', 'profile.schema.json'))),
    );
    assert.equal(schema.type, 'object');
  });
});
