// What activate() returns when VS Code runs the integration tests (ExtensionMode.Test), and only then: a small
// surface for those tests to observe the extension from inside the host. A normal activation returns undefined.
import type * as vscode from 'vscode';
import type { RunListing } from '../audit/run-types';
import type { AuditPanel } from './panel/audit-panel';
import type { RunningForecast } from './commands/forecast-herding';
import type { ReportPage, ShownReport } from './panel/report-panel';
import type { RunTreeItem } from './runs/run-tree-item';

export interface HerdScopeApi {
  /** The extension's log folder; the "HerdScope" LogOutputChannel writes its file here. */
  logFolder: vscode.Uri;
  /** Where this window stores runs. */
  runsDir(): string;
  /** The audit panel shown last (its received/delivered messages prove the webview loaded and ran). */
  activePanel(): AuditPanel | undefined;
  onDidCreatePanel: vscode.Event<AuditPanel>;
  /** The runs the Runs view listed the last time it was drawn. */
  runsView(): RunListing[];
  runsTree: vscode.TreeDataProvider<RunTreeItem>;
  /** The serializer VS Code calls to revive audit panels after a reload. */
  panelSerializer: vscode.WebviewPanelSerializer<unknown>;
  /** Answers the untrusted-workspace consent prompt without UI (undefined: ask the user again). */
  setConsentAnswer(answer: boolean | undefined): void;
  /** Settles with whether this activation opened the walkthrough (true only on the first activation for this user). */
  walkthroughOpened: Promise<boolean>;
  /** The extension's global state (holds the walkthrough flag). */
  globalState: vscode.Memento;
  /** The report view (comparison, forecast, sensor check) in front or shown last, with the HTML it shows. */
  activeReport(): ShownReport | undefined;
  /** The serializer VS Code calls to revive report views after a reload. */
  reportSerializer: vscode.WebviewPanelSerializer<unknown>;
  /** Fires when a revived report view shows the page re-derived from disk. */
  onDidRestoreReport: vscode.Event<{ panel: vscode.WebviewPanel; page: ReportPage }>;
  /** Fires as each forecast starts under its progress notification; `cancel()` does what its Cancel button does. */
  onDidStartForecast: vscode.Event<RunningForecast>;
  /** The next `count` audit panel documents never run a script (a webview that hung while loading). */
  stallPanelLoads(count: number): void;
}
