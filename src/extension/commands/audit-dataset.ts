// HerdScope: Audit Dataset… — every row of a .csv/.jsonl/.parquet file through the chain: quick picks for the text column, an
// optional label column and the profile (or args from scripts/tests), a cancellable progress notification, and
// results streaming into the audit panel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { builtinProfileNames } from '../../audit/builtin-profiles';
import { listColumns } from '../../audit/dataset';
import type { Logger } from '../log';
import type { PanelManager } from '../panel/panel-manager';
import { findWorkspaceProfiles } from '../profiles/profile-selection';
import { batchProgressText } from '../../audit/batch-api/batch-api-source';
import type { BatchProgress } from '../../audit/batch-runner';
import type { BatchJobProgress } from '../../llm/batch/batch-job-runner';
import type { AuditService } from '../runs/audit-service';
import { reportAuditError } from './report-error';

export interface AuditDatasetArgs {
  /** The file (the Explorer passes its Uri). */
  file?: vscode.Uri | string;
  textColumn?: string;
  /** null: no label column. */
  labelColumn?: string | null;
  profile?: string;
  /** 'batch-api': the provider's batch API (sensor mode, openai or mistral); default: ask when it applies, else live. */
  transport?: 'live' | 'batch-api';
  /** Batch API: seconds between status polls (default 30). */
  batchPollSeconds?: number;
}

export interface AuditDatasetDeps {
  audits: AuditService;
  panels: PanelManager;
  activeProfile(): string;
  resolveProfile(ref: string): string;
  log: Logger;
}

export async function auditDataset(
  deps: AuditDatasetDeps,
  arg?: vscode.Uri | AuditDatasetArgs,
): Promise<{ runId: string; done: Promise<void> } | undefined> {
  const args: AuditDatasetArgs = arg instanceof vscode.Uri ? { file: arg } : (arg ?? {});
  try {
    const file = args.file ? toPath(args.file) : await pickFile();
    if (!file) return undefined;
    const columns = await listColumns(file);
    const textColumn = args.textColumn ?? (await pickColumn(columns, 'Which column holds the text the agents read?', guessText(columns)));
    if (!textColumn) return undefined;
    const labelColumn = args.labelColumn !== undefined ? args.labelColumn : await pickLabelColumn(columns.filter((c) => c !== textColumn));
    if (labelColumn === undefined) return undefined;
    const profileRef = args.profile ? deps.resolveProfile(args.profile) : await pickProfile(deps.activeProfile());
    if (!profileRef) return undefined;

    // Scripts and tests that name the columns choose the transport too (default live); the interactive flow asks when it applies.
    const ask = args.transport === undefined && args.textColumn === undefined && (await deps.audits.batchApiChoice(profileRef)) !== null;
    const transport = args.transport ?? (ask ? await pickTransport() : 'live');
    if (!transport) return undefined;
    const batchApi =
      transport === 'batch-api' ? { ...(args.batchPollSeconds !== undefined ? { pollSeconds: args.batchPollSeconds } : {}) } : undefined;

    const progress = datasetProgress(deps.audits);
    const started = await deps.audits.startDataset({
      file,
      textColumn,
      labelColumn,
      profileRef,
      batchApi,
      onProgress: progress.onProgress,
      onBatchProgress: progress.onBatchProgress,
    });
    await deps.panels.open(started.runId);
    progress.show(started, `HerdScope: auditing ${path.basename(file)}`);
    return started;
  } catch (err) {
    await reportAuditError(deps.log, err);
    return undefined;
  }
}

/**
 * A cancellable progress notification for a dataset run; `onProgress` (and, through a batch API, `onBatchProgress`) are
 * handed to the service before the run starts. Cancelling a batch-API run cancels the remote batch.
 */
export function datasetProgress(audits: AuditService): {
  onProgress: (p: BatchProgress) => void;
  onBatchProgress: (p: BatchJobProgress) => void;
  show(started: { runId: string; done: Promise<void> }, title: string): void;
} {
  let report: ((p: BatchProgress) => void) | undefined;
  let reportBatch: ((p: BatchJobProgress) => void) | undefined;
  let lastBatch: BatchJobProgress | undefined;
  return {
    onProgress: (p) => report?.(p),
    onBatchProgress: (p) => {
      lastBatch = p;
      reportBatch?.(p);
    },
    show(started, title) {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => audits.cancel(started.runId));
          let last = 0;
          report = ({ done, total }) => {
            progress.report({ message: `${done} of ${total} rows`, increment: ((done - last) / total) * 100 });
            last = done;
          };
          reportBatch = (p) => progress.report({ message: `batch API: ${batchProgressText(p)}` });
          if (lastBatch) reportBatch(lastBatch);
          await started.done;
        },
      );
    },
  };
}

const LIVE = 'Live calls';
const BATCH = "Provider's batch API (sensor mode; OpenAI or Mistral; half price, may take hours)";

/** undefined: cancelled. */
async function pickTransport(): Promise<'live' | 'batch-api' | undefined> {
  const picked = await vscode.window.showQuickPick([LIVE, BATCH], { title: "HerdScope: How should the agents' calls be sent?" });
  return picked === undefined ? undefined : picked === BATCH ? 'batch-api' : 'live';
}

function toPath(file: vscode.Uri | string): string {
  return typeof file === 'string' ? file : file.fsPath;
}

async function pickFile(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor?.document.uri;
  if (editor && /\.(csv|jsonl|parquet)$/i.test(editor.fsPath)) return editor.fsPath;
  const picked = await vscode.window.showOpenDialog({
    title: 'HerdScope: dataset to audit',
    canSelectMany: false,
    filters: { Datasets: ['csv', 'jsonl', 'parquet'] },
  });
  return picked?.[0]?.fsPath;
}

function guessText(columns: string[]): string | undefined {
  return columns.find((c) => /^(text|review|comment|content|body|message)$/i.test(c));
}

async function pickColumn(columns: string[], title: string, preferred?: string): Promise<string | undefined> {
  const ordered = preferred ? [preferred, ...columns.filter((c) => c !== preferred)] : columns;
  return vscode.window.showQuickPick(ordered, { title: `HerdScope: ${title}` });
}

/** undefined: cancelled; null: no label column. */
async function pickLabelColumn(columns: string[]): Promise<string | null | undefined> {
  const none = '(no label column)';
  const preferred = columns.find((c) => /^(label|state|class|truth|gold)$/i.test(c));
  const ordered = preferred ? [preferred, none, ...columns.filter((c) => c !== preferred)] : [none, ...columns];
  const picked = await vscode.window.showQuickPick(ordered, {
    title: 'HerdScope: Which column holds the true state (optional; enables accuracy and revealed-preference tests)?',
  });
  if (picked === undefined) return undefined;
  return picked === none ? null : picked;
}

async function pickProfile(active: string): Promise<string | undefined> {
  const files = await findWorkspaceProfiles();
  const refs = [active, ...builtinProfileNames, ...files].filter((r, i, all) => all.indexOf(r) === i);
  const picked = await vscode.window.showQuickPick(
    refs.map((ref) => ({
      label: path.basename(ref),
      description: ref === active ? 'active profile' : builtinProfileNames.includes(ref) ? 'built-in' : ref,
      ref,
    })),
    { title: 'HerdScope: Audit with which profile?' },
  );
  return picked?.ref;
}
