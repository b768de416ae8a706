// HerdScope: Delete Run — removes a run folder after a modal confirmation (scripts may pass confirm: false).
import * as vscode from 'vscode';
import type { RunStore } from '../../audit/run-store';
import type { Logger } from '../log';
import { pickRun, runIdFromArg } from './run-arg';

export interface DeleteRunDeps {
  store: RunStore;
  log: Logger;
  /** Runs this window is executing right now (a run marked running on disk may be a crashed one). */
  isActive(runId: string): boolean;
  onDeleted(runId: string): void;
}

export async function deleteRun({ store, log, isActive, onDeleted }: DeleteRunDeps, arg?: unknown): Promise<boolean> {
  const runId = runIdFromArg(arg) ?? (await pickRun(await store.list(), 'HerdScope: Delete Run'));
  if (!runId) return false;
  const meta = await store.readMeta(runId);
  if (isActive(runId)) {
    void vscode.window.showErrorMessage('HerdScope: this run is still running; cancel it first.');
    return false;
  }
  const confirm = !(typeof arg === 'object' && arg !== null && (arg as { confirm?: unknown }).confirm === false);
  if (confirm) {
    const answer = await vscode.window.showWarningMessage(
      `Delete the run '${meta.header.title || runId}'? Its steps and items are removed from ${store.runDir(runId)}.`,
      { modal: true },
      'Delete',
    );
    if (answer !== 'Delete') return false;
  }
  await store.delete(runId);
  log.info('Runs', `deleted run ${runId}`);
  onDeleted(runId);
  return true;
}
