// The report view: shows an HTML document from src/audit/report/* (which escapes every untrusted text and carries a
// strict CSP: default-src 'none', its inline stylesheet admitted by hash). In the webview one script is added, by
// nonce: it saves the view's state (which report of what, see src/shared/report-view-state.ts), so the view is revived
// after a window reload through a WebviewPanelSerializer (activation event onWebviewPanel:herdscope.report) and its
// page re-derived from disk. Keeps the HTML of each view so "Save HTML…" writes exactly the report shown.
import * as vscode from 'vscode';
import { REPORT_CSP } from '../../audit/report/html';
import { htmlMessage } from '../../audit/report/html-message';
import { parseReportViewState, type ReportViewState } from '../../shared/report-view-state';
import { REPORT_VIEW_TYPE } from '../ids';
import type { Logger } from '../log';
import { reportWebviewHtml } from '../report-webview-html';
import { makeNonce } from '../webview-html';

export { REPORT_VIEW_TYPE };

export interface ShownReport {
  title: string;
  html: string;
  /** Suggested file name for Save HTML…. */
  fileName: string;
}

/** What a report view shows: its report, or a message saying why it cannot (the run is gone, the forecast was cancelled). */
export type ReportPage =
  | { kind: 'report'; report: ShownReport }
  /** The first paragraph says what happened (in the error colour when `error`), the others what to do. */
  | { kind: 'message'; title: string; paragraphs: string[]; error?: boolean };

export interface ReportPanelsDeps {
  extensionUri: vscode.Uri;
  log: Logger;
  /** Re-derives a revived view's page from disk (never throws: a failure is a message page). */
  restore(state: ReportViewState): Promise<ReportPage>;
}

export class ReportPanels implements vscode.Disposable {
  private readonly open = new Map<vscode.WebviewPanel, ShownReport | undefined>();
  private last: vscode.WebviewPanel | undefined;
  private readonly restored = new vscode.EventEmitter<{ panel: vscode.WebviewPanel; page: ReportPage }>();
  /** Fires when a revived view shows its re-derived page (tests observe it). */
  readonly onDidRestore = this.restored.event;

  constructor(private readonly deps: ReportPanelsDeps) {}

  show(report: ShownReport, state: ReportViewState): void {
    if (!report.html.includes(`content="${REPORT_CSP}"`)) throw new Error('report view: the document lacks the report CSP');
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, report.title, vscode.ViewColumn.Active, this.webviewOptions());
    this.adopt(panel);
    this.setPage(panel, { kind: 'report', report }, state);
  }

  /** Scripts on for the one state script; no forms; local files only from dist/webview/ (that script). */
  webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableForms: false,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview')],
    };
  }

  serializer(): vscode.WebviewPanelSerializer<unknown> {
    return {
      deserializeWebviewPanel: async (panel, raw) => {
        const state = parseReportViewState(raw);
        panel.webview.options = this.webviewOptions();
        this.adopt(panel);
        if (!state) {
          this.deps.log.warn('Report', 'a report view without a state HerdScope can read was not restored');
          const page: ReportPage = {
            kind: 'message',
            title: 'This report view cannot be restored',
            error: true,
            paragraphs: [
              'It does not say which report it showed (it was saved by another version of HerdScope).',
              'Open the report again: HerdScope: Compare Runs…, HerdScope: Forecast Herding or HerdScope: Check Sensor Model.',
            ],
          };
          this.setPage(panel, page, null);
          this.restored.fire({ panel, page });
          return;
        }
        this.deps.log.info('Report', `reviving a report view: ${describe(state)}`);
        this.setPage(panel, { kind: 'message', title: panel.title, paragraphs: [`Restoring ${describe(state)} from disk…`] }, state);
        // the page is re-derived in the background: a forecast can take seconds (with its own cancellable progress)
        void this.deps
          .restore(state)
          .then((page) => {
            if (!this.open.has(panel)) return; // closed meanwhile
            this.setPage(panel, page, state);
            this.restored.fire({ panel, page });
          })
          .catch((err: unknown) =>
            this.deps.log.warn('Report', `could not show ${describe(state)}: ${err instanceof Error ? err.message : String(err)}`),
          );
      },
    };
  }

  /** The report view shown last or brought to the front last (a new panel reports itself active only later). */
  active(): ShownReport | undefined {
    return this.last ? this.open.get(this.last) : undefined;
  }

  dispose(): void {
    for (const panel of [...this.open.keys()]) panel.dispose();
    this.restored.dispose();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.open.set(panel, undefined);
    this.last = panel;
    panel.onDidChangeViewState(() => {
      if (panel.active) this.last = panel;
    });
    panel.onDidDispose(() => {
      this.open.delete(panel);
      if (this.last === panel) this.last = undefined;
    });
  }

  /** A state-less page (one that cannot be restored) gets no script at all. */
  private setPage(panel: vscode.WebviewPanel, page: ReportPage, state: ReportViewState | null): void {
    const html = page.kind === 'report' ? page.report.html : htmlMessage(page.title, page.paragraphs, { error: page.error });
    panel.title = page.kind === 'report' ? page.report.title : page.title;
    this.open.set(panel, page.kind === 'report' ? page.report : undefined);
    const scriptUri = panel.webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview', 'report.js')).toString();
    panel.webview.html = state ? reportWebviewHtml(html, { nonce: makeNonce(), scriptUri, state }) : html;
  }
}

/** The view in words, for the log and the "Restoring…" line. */
export function describe(state: ReportViewState): string {
  if (state.view === 'compare') return `the comparison of runs ${state.runA} and ${state.runB}`;
  if (state.view === 'forecast') return `the herding forecast of ${state.profile} (${state.agents} agents)`;
  return `the sensor check of run ${state.runId}${state.reestimatedProfile ? ' with its re-estimate' : ''}`;
}
