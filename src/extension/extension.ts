// Activation: builds HerdScope's services once, registers every command, the Runs view and the panel serializer
// (each into context.subscriptions), logs the activation time, opens the walkthrough on first install, and, only when
// VS Code runs the extension's integration tests (ExtensionMode.Test), returns the small API those tests use.
import * as vscode from 'vscode';
import { ApiKeyStore } from './api-keys';
import { auditDataset, type AuditDatasetArgs } from './commands/audit-dataset';
import { auditSelection, type AuditSelectionArgs } from './commands/audit-selection';
import { useLanguageModels, useLocalServer, type UseLocalServerArgs } from './commands/choose-provider';
import { checkSensorCommand } from './commands/check-sensor';
import { compareRunsCommand } from './commands/compare-runs';
import { deleteRun } from './commands/delete-run';
import { exportRun } from './commands/export-run';
import { forecastHerdingCommand, type ForecastHerdingArgs } from './commands/forecast-herding';
import { newProfile, type NewProfileArgs } from './commands/new-profile';
import { openRun } from './commands/open-run';
import { resumeRun } from './commands/resume-run';
import { runDemo, type RunDemoArgs } from './commands/run-demo';
import { saveReport } from './commands/save-report';
import { selectProfile, type SelectProfileArgs } from './commands/select-profile';
import { setApiKey, type SetApiKeyArgs } from './commands/set-api-key';
import { openWalkthroughOnFirstInstall } from './first-run';
import { Commands, PANEL_VIEW_TYPE, SettingKeys, CONFIG_SECTION, Views, WALKTHROUGH_ID } from './ids';
import { createLogger } from './log';
import { controlOverlay } from './panel/control-overlay';
import { panelForecasts, panelRunReaders, panelSensorChecks } from './panel/run-readers';
import { computeInWorker, setDefaultForecastCompute } from '../audit/forecast-compute';
import { renderPanelHtml } from './panel/panel-html';
import { PanelManager } from './panel/panel-manager';
import { REPORT_VIEW_TYPE, ReportPanels } from './panel/report-panel';
import { restoreReport } from './panel/report-restore';
import type { RunningForecast } from './commands/forecast-herding';
import type { AuditPanel } from './panel/audit-panel';
import { ProfileConsent } from './profile-consent';
import { ProfileSelection, resolveProfileRef } from './profiles/profile-selection';
import { AuditService } from './runs/audit-service';
import { RunsTreeProvider } from './runs/runs-tree';
import { RunsWorkspace } from './runs/runs-workspace';
import { readSettings } from './settings';
import type { HerdScopeApi } from './test-api';
import type { WebviewToHost } from '../shared/protocol';

export function activate(context: vscode.ExtensionContext): HerdScopeApi | undefined {
  const started = Date.now();
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const channel = vscode.window.createOutputChannel('HerdScope', { log: true });
  context.subscriptions.push(channel);
  const log = createLogger(channel);
  const keys = new ApiKeyStore(context.secrets, log);
  let consentAnswer: boolean | undefined;
  const consent = new ProfileConsent({
    isTrusted: () => vscode.workspace.isTrusted,
    ask: async (file) => (testMode ? consentAnswer : undefined) ?? (await askConsent(file)),
  });
  const profiles = new ProfileSelection(context.workspaceState, () => readSettings(vscode.workspace.workspaceFolders?.[0]?.uri).profile);
  const runs = new RunsWorkspace(context.globalStorageUri, log);
  const audits = new AuditService({ runs, keys, consent, log, globalStorage: context.globalStorageUri });
  const readers = panelRunReaders(() => runs.store);
  // A run's forecast (panel, Export Run, HTML reports) is computed off the extension host's thread, once per run.
  const forecastCompute = computeInWorker(vscode.Uri.joinPath(context.extensionUri, 'dist', 'forecast-worker.js').fsPath);
  setDefaultForecastCompute(forecastCompute);
  let stalledPanelLoads = 0; // set only through the test API: documents that never say 'ready'
  const panels = new PanelManager({
    extensionUri: context.extensionUri,
    renderHtml: (webview) => {
      if (stalledPanelLoads === 0) return renderPanelHtml(context.extensionUri, webview);
      stalledPanelLoads--;
      return STALLED_PANEL_HTML;
    },
    forEachItem: readers.forEachItem,
    readItem: readers.readItem,
    readMeta: (runId) => runs.store.readMeta(runId),
    forecastFor: panelForecasts(() => runs.store, forecastCompute),
    sensorFor: panelSensorChecks(() => runs.store),
    rpGrouping: () => readSettings().rpEnvironments,
    onRequest: (panel, message) => handlePanelRequest(panel, message),
    log,
    keepMessageLog: testMode,
  });
  const tree = new RunsTreeProvider(() => runs.store, log);
  const view = vscode.window.createTreeView(Views.runs, { treeDataProvider: tree, showCollapseAll: false, canSelectMany: true });
  // test mode only: the integration tests cancel a running forecast as its notification's Cancel button does
  const forecastStarted = testMode ? new vscode.EventEmitter<RunningForecast>() : undefined;
  const onForecastStarted = forecastStarted ? (run: RunningForecast) => forecastStarted.fire(run) : undefined;
  const reports = new ReportPanels({
    extensionUri: context.extensionUri,
    log,
    restore: (state) => restoreReport({ store: () => runs.store, consent, log, onForecastStarted }, state),
  });
  context.subscriptions.push(runs, audits, panels, tree, view, reports, ...(forecastStarted ? [forecastStarted] : []));
  const serializer = panels.serializer();
  const reportSerializer = reports.serializer();
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, serializer),
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, reportSerializer),
  );

  context.subscriptions.push(
    runs.onDidChange(() => tree.refresh()),
    audits.onEvent((event) => {
      for (const panel of panels.all()) {
        if (event.type === 'step') panel.pushSteps(event.runId, [event.step]);
        if (event.type === 'item') panel.pushItem(event.runId, event.summary);
        if (event.type === 'status') {
          panel.pushStatus(event.runId, event.status, event.message);
          // the summary and revealed-preference verdicts are attached at the end: send the finished run afresh
          if (event.status !== 'running' && panel.runId === event.runId) void panel.showRun(event.runId);
        }
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${CONFIG_SECTION}.${SettingKeys.runsFolder}`)) runs.relocate();
      if (event.affectsConfiguration(`${CONFIG_SECTION}.${SettingKeys.profile}`)) void profiles.clearOverride();
      if (event.affectsConfiguration(`${CONFIG_SECTION}.${SettingKeys.rpEnvironments}`)) for (const p of panels.all()) p.refreshOverview();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => runs.relocate()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      runs.relocate();
      log.info('Trust', 'workspace trusted: workspace profiles and settings apply');
    }),
  );

  const selectionDeps = { audits, panels, activeProfile: () => profiles.current(), resolveProfile: resolveProfileRef, log };
  // Outside the integration tests a command answers other callers with plain data only (a run id, a file), never an internal object.
  const register = <A extends unknown[]>(id: string, handler: (...args: A) => unknown) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        const result = await (handler as (...args: unknown[]) => unknown)(...args);
        return testMode ? result : plainResult(result);
      }),
    );
  register(Commands.auditSelection, (args?: AuditSelectionArgs) => auditSelection(selectionDeps, isPlainArgs(args) ? args : {}));
  register(Commands.auditDataset, (arg?: vscode.Uri | AuditDatasetArgs) => auditDataset(selectionDeps, arg));
  register(Commands.selectProfile, (args?: SelectProfileArgs) => selectProfile(profiles, log, args));
  register(Commands.newProfile, (args?: NewProfileArgs) => newProfile(context.extensionUri, log, args));
  register(Commands.setApiKey, (args?: SetApiKeyArgs) => setApiKey(keys, args));
  register(Commands.useLocalServer, (args?: UseLocalServerArgs) => useLocalServer(log, isPlainArgs(args) ? args : {}));
  register(Commands.useLanguageModels, () => useLanguageModels(log));
  register(Commands.openRun, (arg?: unknown) => openRun(runs.store, panels, arg));
  register(Commands.showLog, () => log.show());
  register(Commands.runDemo, (args?: RunDemoArgs) =>
    runDemo({ audits, panels, extensionUri: context.extensionUri, log }, isPlainArgs(args) ? args : {}),
  );
  register(Commands.deleteRun, (arg?: unknown) =>
    deleteRun(
      {
        store: runs.store,
        log,
        isActive: (id) => audits.isActive(id),
        onDeleted: (id) => {
          tree.refresh();
          for (const p of panels.all()) if (p.runId === id) p.dispose();
        },
      },
      arg,
    ),
  );
  register(Commands.exportRun, (arg?: unknown) => exportRun(runs.store, log, arg));
  register(Commands.resumeRun, (arg?: unknown) => resumeRun({ store: () => runs.store, audits, panels, log }, arg));
  register(Commands.refreshRuns, () => tree.refresh());
  register(Commands.compareRuns, (first?: unknown, selected?: unknown) =>
    compareRunsCommand({ store: () => runs.store, reports, log }, first, selected),
  );
  register(Commands.forecastHerding, (args?: ForecastHerdingArgs) =>
    forecastHerdingCommand(
      { activeProfile: () => profiles.current(), consent, reports, log, onForecastStarted },
      isPlainArgs(args) ? args : {},
    ),
  );
  register(Commands.checkSensor, (arg?: unknown) => checkSensorCommand({ store: () => runs.store, reports, log }, arg));
  register(Commands.saveReport, (arg?: unknown) => saveReport(reports, log, arg));

  function handlePanelRequest(panel: AuditPanel, message: WebviewToHost): void {
    if (message.type === 'cancel' && panel.runId) audits.cancel(panel.runId);
    if (message.type === 'export' && panel.runId)
      void vscode.commands.executeCommand(Commands.exportRun, { runId: panel.runId, format: message.format });
    if (message.type === 'sensor-action' && panel.runId)
      void vscode.commands.executeCommand(Commands.checkSensor, { runId: panel.runId, action: message.action });
    if (message.type === 'simulate-control' && panel.runId) {
      const runId = panel.runId;
      const item = panel.item;
      void Promise.all([runs.store.readMeta(runId), readers.readItem(runId, item)])
        .then(([meta, chain]) => controlOverlay(meta, chain.steps, chain.summary?.label ?? null, message.threshold))
        .then((overlay) => {
          if (panel.runId === runId) panel.post({ type: 'run/control', runId, overlay });
        })
        .catch((err: unknown) => log.warn('Panel', `controller simulation failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  const walkthrough = openWalkthroughOnFirstInstall(context.globalState, async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
    // A command that activated HerdScope (Run Demo, Audit Selection) may have opened its panel meanwhile: keep it in front.
    panels.active?.panel.reveal(undefined, false);
  }).catch((err: unknown) => {
    log.warn('Activation', `could not open the walkthrough: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  });

  log.info(
    'Activation',
    `activated in ${Date.now() - started} ms (VS Code ${vscode.version}, ${vscode.env.appName}, runs in ${runs.store.dir})`,
  );
  if (!testMode) return undefined; // other extensions get nothing: the test surface can answer the consent prompt
  return {
    logFolder: context.logUri,
    runsDir: () => runs.store.dir,
    activePanel: () => panels.active,
    onDidCreatePanel: panels.onDidCreatePanel,
    runsView: () => tree.listing(),
    runsTree: tree,
    panelSerializer: serializer,
    setConsentAnswer: (answer) => {
      consentAnswer = answer;
    },
    walkthroughOpened: walkthrough,
    globalState: context.globalState,
    activeReport: () => reports.active(),
    reportSerializer,
    onDidRestoreReport: reports.onDidRestore,
    onDidStartForecast: forecastStarted!.event,
    stallPanelLoads: (count) => {
      stalledPanelLoads = count;
    },
  };
}

export function deactivate(): void {}

const STALLED_PANEL_HTML = `<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body></body></html>`;

/** A command's result as other extensions may see it: primitives, Uris, arrays and plain objects; a class instance (a panel) is dropped. */
function plainResult(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof vscode.Uri) return value;
  return Object.getPrototypeOf(value) === Object.prototype ? value : undefined;
}

/** Commands run from a menu receive a Uri or other context as first argument; only plain objects are args. */
function isPlainArgs(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

async function askConsent(file: string): Promise<boolean> {
  const run = 'Run This Profile';
  const answer = await vscode.window.showWarningMessage(
    `This workspace is not trusted. Run the profile ${file} from it? A profile decides which prompts are sent to which model.`,
    { modal: true, detail: 'Built-in profiles always run. Trust the workspace to stop being asked.' },
    run,
  );
  return answer === run;
}
