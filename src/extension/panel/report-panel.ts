// The read-only report view: shows an HTML document from src/audit/report/* (which escapes every untrusted text and
// carries a strict CSP: default-src 'none', its inline stylesheet admitted by hash, no script source). Scripts are
// off in the webview too. Keeps the HTML of each view so "Save HTML…" writes exactly what is shown.
import * as vscode from 'vscode';
import { REPORT_CSP } from '../../audit/report/html';

export const REPORT_VIEW_TYPE = 'herdscope.report';

export interface ShownReport {
  title: string;
  html: string;
  /** Suggested file name for Save HTML…. */
  fileName: string;
}

export class ReportPanels implements vscode.Disposable {
  private readonly open = new Map<vscode.WebviewPanel, ShownReport>();
  private last: vscode.WebviewPanel | undefined;

  show(report: ShownReport): void {
    if (!report.html.includes(`content="${REPORT_CSP}"`)) throw new Error('report view: the document lacks the report CSP');
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, report.title, vscode.ViewColumn.Active, {
      enableScripts: false,
      enableForms: false,
      localResourceRoots: [],
    });
    panel.webview.html = report.html;
    this.open.set(panel, report);
    this.last = panel;
    panel.onDidChangeViewState(() => {
      if (panel.active) this.last = panel;
    });
    panel.onDidDispose(() => {
      this.open.delete(panel);
      if (this.last === panel) this.last = undefined;
    });
  }

  /** The report view shown last or brought to the front last (a new panel reports itself active only later). */
  active(): ShownReport | undefined {
    return this.last ? this.open.get(this.last) : undefined;
  }

  dispose(): void {
    for (const panel of [...this.open.keys()]) panel.dispose();
  }
}
