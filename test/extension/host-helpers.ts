// Shared by the integration tests that run inside the extension host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/extension/ids';
import type { HerdScopeApi } from '../../src/extension/test-api';
import type { HostToWebview } from '../../src/shared/protocol';
import type { StepRecord } from '../../src/shared/step-record';

export async function herdscope(): Promise<HerdScopeApi> {
  const ext = vscode.extensions.getExtension<HerdScopeApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is loaded`);
  const api = await ext.activate();
  assert.ok(api, 'the test API is returned (the extension runs in ExtensionMode.Test)');
  return api;
}

/** Polls until the condition holds; fails with `what` when the suite's timeout is near (no timing is asserted). */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  limitMs = 30000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'the test workspace folder is open');
  return folder;
}

/** A product-quality answer as a model would send it. */
export function productAnswer(bits: { defects: boolean; durability: boolean; expectations: boolean; recommend: boolean }): string {
  return JSON.stringify(bits);
}

/** The distinct steps the panel was sent for one item, by agent position. */
export function deliveredSteps(messages: readonly HostToWebview[], runId: string, item = 0): Map<number, StepRecord> {
  const steps = new Map<number, StepRecord>();
  for (const m of messages)
    if (m.type === 'run/steps' && m.runId === runId) for (const s of m.steps) if (s.item === item) steps.set(s.index, s);
  return steps;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('herdscope').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Every file under a folder, recursively (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** What the "HerdScope" log channel has written so far. */
export function extensionLog(api: HerdScopeApi): string {
  return filesUnder(api.logFolder.fsPath)
    .filter((f) => f.endsWith('.log'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}
