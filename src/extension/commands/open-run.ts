// HerdScope: Open Run — shows a stored run in the audit panel; a cancelled, failed or interrupted dataset run also offers Resume.
import * as vscode from 'vscode';
import type { RunStore } from '../../audit/run-store';
import { Commands } from '../ids';
import type { AuditPanel } from '../panel/audit-panel';
import type { PanelManager } from '../panel/panel-manager';
import { pickRun, runIdFromArg } from './run-arg';

export async function openRun(store: RunStore, panels: PanelManager, arg?: unknown): Promise<AuditPanel | undefined> {
  const runId = runIdFromArg(arg) ?? (await pickRun(await store.list(), 'HerdScope: Open Run'));
  if (!runId) return undefined;
  let meta;
  try {
    meta = await store.readMeta(runId); // a clear "no run 'x'" before a panel opens
  } catch (err) {
    void vscode.window.showErrorMessage(`HerdScope: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  const panel = await panels.open(runId);
  if (meta.header.kind === 'dataset' && (meta.status === 'cancelled' || meta.status === 'failed' || meta.status === 'interrupted')) {
    const resume = 'Resume';
    const done = meta.totals.itemsDone;
    void vscode.window
      .showInformationMessage(
        `HerdScope: this dataset audit was ${meta.status} after ${done} of ${meta.header.items} rows. Resume it (finished rows are kept)?`,
        resume,
      )
      .then((pick) => {
        if (pick === resume) void vscode.commands.executeCommand(Commands.resumeRun, { runId });
      });
  }
  return panel;
}
