// HerdScope: Resume Dataset Audit — continues a cancelled, failed or interrupted dataset run: finished rows are kept, the others
// run again with the run's own profile and columns, streaming into the panel with a cancellable progress notification.
import * as path from 'node:path';
import type { RunStore } from '../../audit/run-store';
import type { PanelManager } from '../panel/panel-manager';
import type { AuditService } from '../runs/audit-service';
import type { Logger } from '../log';
import { datasetProgress } from './audit-dataset';
import { reportAuditError } from './report-error';
import { pickRun, runIdFromArg } from './run-arg';

export interface ResumeRunDeps {
  store: () => RunStore;
  audits: AuditService;
  panels: PanelManager;
  log: Logger;
}

export async function resumeRun(deps: ResumeRunDeps, arg?: unknown): Promise<{ runId: string; done: Promise<void> } | undefined> {
  const resumable = (await deps.store().list()).filter(
    (r) => r.header.kind === 'dataset' && (r.status === 'cancelled' || r.status === 'failed' || r.status === 'interrupted'),
  );
  const runId = runIdFromArg(arg) ?? (await pickRun(resumable, 'HerdScope: Resume which dataset audit?'));
  if (!runId) return undefined;
  try {
    const progress = datasetProgress(deps.audits);
    const started = await deps.audits.resumeDataset(runId, progress.onProgress, progress.onBatchProgress, batchPollSeconds(arg));
    await deps.panels.open(started.runId);
    const meta = await deps.store().readMeta(runId);
    progress.show(started, `HerdScope: resuming ${path.basename(meta.dataset?.file ?? runId)}`);
    return started;
  } catch (err) {
    await reportAuditError(deps.log, err);
    return undefined;
  }
}

/** Scripts and tests may pass { runId, batchPollSeconds } to poll a batch-API run faster than the default 30 s. */
function batchPollSeconds(arg: unknown): number | undefined {
  const value = typeof arg === 'object' && arg !== null ? (arg as { batchPollSeconds?: unknown }).batchPollSeconds : undefined;
  return typeof value === 'number' && value > 0 ? value : undefined;
}
