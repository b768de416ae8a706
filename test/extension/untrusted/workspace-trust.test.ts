import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../src/extension/ids';
import type { HerdScopeApi } from '../../../src/extension/test-api';

describe('untrusted workspace', () => {
  let api: HerdScopeApi;
  before(async () => {
    const ext = vscode.extensions.getExtension<HerdScopeApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
  });

  it('opens the sample folder untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.ok(api.logFolder);
  });

  it('ignores the workspace value of the restricted profile setting (declared in capabilities.untrustedWorkspaces)', () => {
    // The sample folder's .vscode/settings.json sets both; the trusted suite sees both values applied.
    const config = vscode.workspace.getConfiguration('herdscope');
    assert.equal(config.get('concurrency'), 2, 'an unrestricted workspace setting still applies');
    assert.equal(config.get('profile'), 'hate-speech', 'the restricted one falls back to its default');
  });
});
