import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../src/extension/ids';
import type { HerdScopeApi } from '../../../src/extension/test-api';

describe('activation', () => {
  it('activates in a real extension host and returns its API', async () => {
    const ext = vscode.extensions.getExtension<HerdScopeApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    const api = await ext.activate();
    assert.equal(ext.isActive, true);
    assert.ok(api.logFolder instanceof vscode.Uri);
    console.log(`vscode ${vscode.version}, ${vscode.env.appName}, node ${process.version}, remote ${vscode.env.remoteName}`);
  });
});

describe('settings', () => {
  it("reads the sample folder's workspace settings when the folder is trusted", () => {
    assert.equal(vscode.workspace.isTrusted, true);
    const config = vscode.workspace.getConfiguration('herdscope');
    assert.equal(config.get('profile'), 'product-quality');
    assert.equal(config.get('concurrency'), 2);
  });
});
