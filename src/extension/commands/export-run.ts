// HerdScope: Export Run… — writes a run as JSON, CSV or an HTML report (from the audit reports) to a chosen file.
import * as vscode from 'vscode';
import { openFileSink } from '../../audit/report/file-sink';
import { writeRunReport } from '../../audit/report/stream-report';
import type { RunStore } from '../../audit/run-store';
import type { Logger } from '../log';
import { pickRun, runIdFromArg } from './run-arg';

export type ExportFormat = 'json' | 'csv' | 'html';

const FORMATS: Record<ExportFormat, { label: string; ext: string }> = {
  json: { label: 'JSON (run, steps and items)', ext: 'json' },
  csv: { label: "CSV (one row per agent step, the text on each item's first row)", ext: 'csv' },
  html: { label: 'HTML report (charts, no scripts; the chains of the first items of a large run)', ext: 'html' },
};

export interface ExportRunArgs {
  runId?: string;
  format?: ExportFormat;
  /** Where to write (default: asked with a save dialog). */
  target?: vscode.Uri | string;
}

export async function exportRun(store: RunStore, log: Logger, arg?: unknown): Promise<vscode.Uri | undefined> {
  const args: ExportRunArgs = typeof arg === 'object' && arg !== null ? (arg as ExportRunArgs) : {};
  const runId = runIdFromArg(arg) ?? (await pickRun(await store.list(), 'HerdScope: Export Run'));
  if (!runId) return undefined;
  const format = args.format ?? (await pickFormat());
  if (!format) return undefined;
  const spec = Object.prototype.hasOwnProperty.call(FORMATS, format) ? FORMATS[format] : undefined;
  if (!spec) {
    void vscode.window.showErrorMessage(`HerdScope: unknown export format '${String(format)}' (json, csv or html).`);
    return undefined;
  }
  const target = args.target
    ? typeof args.target === 'string'
      ? vscode.Uri.file(args.target)
      : args.target
    : await vscode.window.showSaveDialog({
        title: `HerdScope: export run ${runId}`,
        defaultUri: vscode.Uri.joinPath(
          vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(store.dir),
          `herdscope-${runId}.${spec.ext}`,
        ),
        filters: { [spec.ext.toUpperCase()]: [spec.ext] },
      });
  if (!target) return undefined;
  await writeReport(store, runId, format, target);
  log.info('Runs', `exported run ${runId} as ${format} to ${target.fsPath}`);
  if (!args.target) {
    void vscode.window.showInformationMessage(`HerdScope: exported to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((pick) => {
      if (pick) void vscode.commands.executeCommand('vscode.open', target);
    });
  }
  return target;
}

/** Streamed straight to a local file; other file systems get the report in one piece through vscode.workspace.fs. */
async function writeReport(store: RunStore, runId: string, format: ExportFormat, target: vscode.Uri): Promise<void> {
  if (target.scheme === 'file') {
    const file = await openFileSink(target.fsPath);
    try {
      await writeRunReport(store, runId, format, file.write);
    } finally {
      await file.close();
    }
    return;
  }
  const chunks: string[] = [];
  await writeRunReport(store, runId, format, (chunk) => {
    chunks.push(chunk);
  });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(chunks.join('')));
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    (Object.keys(FORMATS) as ExportFormat[]).map((f) => ({ label: f.toUpperCase(), description: FORMATS[f].label, format: f })),
    { title: 'HerdScope: export as' },
  );
  return picked?.format;
}
