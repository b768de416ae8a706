// HerdScope: Export Run… — writes a run as JSON, CSV or an HTML report (from the audit reports) to a chosen file.
import * as vscode from 'vscode';
import { csvReport } from '../../audit/report/csv';
import { htmlReport } from '../../audit/report/html';
import { jsonReport } from '../../audit/report/json';
import type { RunStore } from '../../audit/run-store';
import type { LoadedRun } from '../../audit/run-types';
import type { Logger } from '../log';
import { pickRun, runIdFromArg } from './run-arg';

export type ExportFormat = 'json' | 'csv' | 'html';

const FORMATS: Record<ExportFormat, { label: string; ext: string; render: (run: LoadedRun) => string | Promise<string> }> = {
  json: { label: 'JSON (run, steps and items)', ext: 'json', render: jsonReport },
  csv: { label: 'CSV (one row per agent step)', ext: 'csv', render: csvReport },
  html: { label: 'HTML report (charts, no scripts)', ext: 'html', render: (run) => htmlReport(run) },
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
    ? (typeof args.target === 'string' ? vscode.Uri.file(args.target) : args.target)
    : await vscode.window.showSaveDialog({
      title: `HerdScope: export run ${runId}`,
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(store.dir), `herdscope-${runId}.${spec.ext}`),
      filters: { [spec.ext.toUpperCase()]: [spec.ext] },
    });
  if (!target) return undefined;
  const run = await store.load(runId);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(await spec.render(run)));
  log.info('Runs', `exported run ${runId} as ${format} to ${target.fsPath}`);
  if (!args.target) {
    void vscode.window.showInformationMessage(`HerdScope: exported to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((pick) => {
      if (pick) void vscode.commands.executeCommand('vscode.open', target);
    });
  }
  return target;
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    (Object.keys(FORMATS) as ExportFormat[]).map((f) => ({ label: f.toUpperCase(), description: FORMATS[f].label, format: f })),
    { title: 'HerdScope: export as' },
  );
  return picked?.format;
}
