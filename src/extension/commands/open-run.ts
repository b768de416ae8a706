// HerdScope: Open Run — shows a stored run in the audit panel.
import type { RunStore } from '../../audit/run-store';
import type { AuditPanel } from '../panel/audit-panel';
import type { PanelManager } from '../panel/panel-manager';
import { pickRun, runIdFromArg } from './run-arg';

export async function openRun(store: RunStore, panels: PanelManager, arg?: unknown): Promise<AuditPanel | undefined> {
  const runId = runIdFromArg(arg) ?? (await pickRun(await store.list(), 'HerdScope: Open Run'));
  if (!runId) return undefined;
  await store.readMeta(runId); // a clear "no run 'x'" error before a panel opens
  return panels.open(runId);
}
