// HerdScope: Save Report HTML… — writes the report view in front (comparison, forecast, sensor check) as it is shown.
import * as vscode from 'vscode';
import type { Logger } from '../log';
import type { ReportPanels } from '../panel/report-panel';

export async function saveReport(reports: ReportPanels, log: Logger, arg?: unknown): Promise<vscode.Uri | undefined> {
  const given = typeof arg === 'object' && arg !== null ? (arg as { target?: unknown }).target : undefined;
  const report = reports.active();
  if (!report) {
    void vscode.window.showInformationMessage('HerdScope: no report view is open.');
    return undefined;
  }
  const target =
    typeof given === 'string'
      ? vscode.Uri.file(given)
      : given instanceof vscode.Uri
        ? given
        : await vscode.window.showSaveDialog({
            title: 'HerdScope: save the report as HTML',
            defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd()), report.fileName),
            filters: { HTML: ['html'] },
          });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(report.html));
  log.info('Report', `saved "${report.title}" to ${target.fsPath}`);
  return target;
}
