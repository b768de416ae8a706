// HerdScope: Open Run — shows a stored run in the audit panel.
import * as vscode from 'vscode';
import type { RunStore } from '../../audit/run-store';
import type { AuditPanel } from '../panel/audit-panel';
import type { PanelManager } from '../panel/panel-manager';
import { pickRun, runIdFromArg } from './run-arg';

export async function openRun(store: RunStore, panels: PanelManager, arg?: unknown): Promise<AuditPanel | undefined> {
  const runId = runIdFromArg(arg) ?? (await pickRun(await store.list(), 'HerdScope: Open Run'));
  if (!runId) return undefined;
  try {
    await store.readMeta(runId); // a clear "no run 'x'" before a panel opens
  } catch (err) {
    void vscode.window.showErrorMessage(`HerdScope: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  return panels.open(runId);
}
