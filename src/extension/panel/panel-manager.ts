// Creates, reuses and revives audit panels. Panels are revived after a reload through a WebviewPanelSerializer
// (activation event onWebviewPanel:herdscope.auditPanel): the webview's saved state names the run, and the run
// itself is re-read from the store.
import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE } from '../ids';
import type { Logger } from '../log';
import { AuditPanel, type AuditPanelDeps } from './audit-panel';

export interface PanelManagerDeps extends AuditPanelDeps {
  extensionUri: vscode.Uri;
  /** The panel document; the webview engineer's buildWebviewHtml wrapped with URIs, CSP source and a nonce. */
  renderHtml(webview: vscode.Webview): string;
  log: Logger;
}

export class PanelManager implements vscode.Disposable {
  private current: AuditPanel | undefined;
  private readonly panels = new Set<AuditPanel>();
  private readonly created = new vscode.EventEmitter<AuditPanel>();
  readonly onDidCreatePanel = this.created.event;

  constructor(private readonly deps: PanelManagerDeps) {}

  /** Webview options: scripts on, local files only from dist/webview/ (the bundle) and media/ (styles), as file URIs. */
  webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [
        vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview'),
        vscode.Uri.joinPath(this.deps.extensionUri, 'media'),
      ],
    };
  }

  /** Shows the run in the current panel (creating one if needed) and reveals it. */
  async open(runId: string, options: { preserveFocus?: boolean } = {}): Promise<AuditPanel> {
    const panel =
      this.current ??
      this.adopt(
        vscode.window.createWebviewPanel(
          PANEL_VIEW_TYPE,
          'HerdScope',
          { viewColumn: vscode.ViewColumn.Active, preserveFocus: options.preserveFocus },
          this.webviewOptions(),
        ),
        runId,
      );
    panel.panel.reveal(undefined, options.preserveFocus);
    await panel.showRun(runId);
    return panel;
  }

  /** The panel shown last (tests observe it). */
  get active(): AuditPanel | undefined {
    return this.current;
  }

  all(): AuditPanel[] {
    return [...this.panels];
  }

  serializer(): vscode.WebviewPanelSerializer<unknown> {
    return {
      deserializeWebviewPanel: async (webviewPanel, state) => {
        const runId = runIdFromState(state);
        this.deps.log.info('Panel', `reviving the audit panel${runId ? ` for run ${runId}` : ''}`);
        webviewPanel.webview.options = this.webviewOptions();
        const panel = this.adopt(webviewPanel, runId);
        if (runId) await panel.showRun(runId);
      },
    };
  }

  private adopt(webviewPanel: vscode.WebviewPanel, runId: string | null): AuditPanel {
    const panel = new AuditPanel(webviewPanel, runId, { ...this.deps, recreateWebview: (old) => this.recreate(old) });
    this.prepare(webviewPanel);
    this.panels.add(panel);
    this.current = panel;
    panel.onDidDispose(() => {
      this.panels.delete(panel);
      if (this.current === panel) this.current = [...this.panels].at(-1);
    });
    panel.onDidBecomeActive(() => (this.current = panel));
    this.created.fire(panel);
    return panel;
  }

  /** The icon and the document (the webview then loads it and posts 'ready'). */
  private prepare(webviewPanel: vscode.WebviewPanel): void {
    webviewPanel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'herdscope.svg');
    webviewPanel.webview.html = this.deps.renderHtml(webviewPanel.webview);
  }

  /** A new webview panel where `old` is, for a panel whose webview never loaded (listeners attach in the same tick). */
  private recreate(old: vscode.WebviewPanel): vscode.WebviewPanel {
    const fresh = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      old.title,
      { viewColumn: old.viewColumn ?? vscode.ViewColumn.Active, preserveFocus: !old.active },
      this.webviewOptions(),
    );
    this.prepare(fresh);
    return fresh;
  }

  dispose(): void {
    for (const p of [...this.panels]) p.dispose();
    this.created.dispose();
  }
}

/** The webview's saved UI state ({ runId, ... }, see webview/panel/vscode-api.ts); anything else revives empty. */
export function runIdFromState(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null;
  const runId = (state as { runId?: unknown }).runId;
  return typeof runId === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(runId) ? runId : null;
}
