// Host side of one audit panel: holds the WebviewPanel, queues messages until the webview says 'ready', validates
// every inbound message, and (re)sends the shown run from the run store whenever the webview (re)loads. A visible
// webview that never says 'ready' (its document hung while loading) is replaced by a fresh one.
import * as vscode from 'vscode';
import { datasetOverview, overviewFromCounts, type RpGrouping } from '../../audit/overview-from-counts';
import type { RunCounts } from '../../audit/run-counts';
import type { RunMeta } from '../../audit/run-types';
import type { RunForecast } from '../../shared/run-forecast';
import type { RunSensor } from '../../shared/sensor-check';
import type { DatasetOverview } from '../../shared/dataset-overview';
import type { StepRecord } from '../../shared/step-record';
import { parseWebviewMessage, type HostToWebview, type ItemSummary, type RunStatus, type WebviewToHost } from '../../shared/protocol';
import type { Logger } from '../log';
import { controlOverlay } from './control-overlay';

export interface AuditPanelDeps {
  /** Streams a run's item summaries from the store (the webview never holds the only copy of a run); a later record of an item replaces an earlier one. */
  forEachItem(runId: string, each: (summary: ItemSummary) => void): Promise<void>;
  /** One item's summary and steps (agent order), reading only that item's records. */
  readItem(runId: string, item: number): Promise<ItemChain>;
  /** Reads only a run's run.json (header, status, counts): what the overview needs while rows finish. */
  readMeta(runId: string): Promise<RunMeta>;
  /**
   * The run's forecast beside these counts (src/audit/run-forecast.ts RunForecasts): what to show now ('pending' while a
   * worker computes it) and the final answer later. Absent: no forecast section.
   */
  forecastFor?(runId: string, meta: RunMeta, counts: RunCounts): { now: RunForecast; later: Promise<RunForecast> | null };
  /** Revealed-preference environments of the overview (the setting herdscope.overview.rpEnvironments; default agent positions). */
  rpGrouping?(): RpGrouping;
  /** The sensor check beside a labelled dataset run's counts. Absent: no sensor section. */
  sensorFor?(runId: string, meta: RunMeta, counts: RunCounts): Promise<RunSensor>;
  /** Handles validated requests other than ready/select-item (export, cancel, simulate-control). */
  onRequest(panel: AuditPanel, message: WebviewToHost): void;
  log: Logger;
  /** Keep the last messages in `received`/`delivered`: only when the extension runs its integration tests. */
  keepMessageLog?: boolean;
  /** A new webview panel in `old`'s place, its document set: used when `old` stays blank (see READY_TIMEOUT_MS). */
  recreateWebview?(old: vscode.WebviewPanel): vscode.WebviewPanel;
}

/** How long a visible webview may take to run its script before it is replaced (a loaded machine needs a few seconds). */
export const READY_TIMEOUT_MS = 10000;
/** Replacements of a panel's webview that never said 'ready', before the panel says so and stops trying. */
const MAX_RELOADS = 2;

export interface ItemChain {
  summary: ItemSummary | undefined;
  steps: StepRecord[];
}

export class AuditPanel implements vscode.Disposable {
  /** The latest validated messages the webview sent, in test mode only (tests read this; bounded so long runs do not pile up). */
  readonly received: WebviewToHost[] = [];
  /** The latest messages delivered to the webview, in test mode only (tests read this; bounded likewise). */
  readonly delivered: HostToWebview[] = [];
  private ready = false;
  private disposed = false;
  private queue: HostToWebview[] = [];
  private selectedItem = 0;
  /** The slider's last threshold for the shown run; undefined = show the optimal threshold. */
  private requestedThreshold: number | undefined;
  private webviewDisposables: vscode.Disposable[] = [];
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  private reloads = 0;
  private readonly readyWaiters: Array<() => void> = [];
  private overviewTimer: ReturnType<typeof setTimeout> | undefined;
  /** The finished run's overview with revealed preferences (an LP per run: computed once). */
  private finishedOverview: { key: string; overview: Promise<DatasetOverview> } | undefined;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private readonly activeEmitter = new vscode.EventEmitter<void>();
  /** Fires when the panel's tab becomes the active editor. */
  readonly onDidBecomeActive = this.activeEmitter.event;

  constructor(
    private webviewPanel: vscode.WebviewPanel,
    private runIdShown: string | null,
    private readonly deps: AuditPanelDeps,
  ) {
    this.bind(webviewPanel);
  }

  /** The webview panel shown now (a replacement, after a webview that never loaded). */
  get panel(): vscode.WebviewPanel {
    return this.webviewPanel;
  }

  private bind(panel: vscode.WebviewPanel): void {
    this.webviewPanel = panel;
    this.webviewDisposables = [
      panel.webview.onDidReceiveMessage((raw: unknown) => this.handleMessage(raw)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) this.activeEmitter.fire();
        this.watchReady();
      }),
    ];
    this.watchReady();
  }

  /** VS Code loads a webview only while it is visible: the clock runs from when it is shown until it says 'ready'. */
  private watchReady(): void {
    const recreate = this.deps.recreateWebview;
    if (this.ready || this.disposed || !recreate || !this.webviewPanel.visible) {
      clearTimeout(this.readyTimer);
      this.readyTimer = undefined;
      return;
    }
    this.readyTimer ??= setTimeout(() => {
      this.readyTimer = undefined;
      if (this.ready || this.disposed || !this.webviewPanel.visible) return;
      if (this.reloads >= MAX_RELOADS) {
        this.deps.log.error(
          'Panel',
          `the audit panel's webview did not load after ${MAX_RELOADS + 1} tries; close it and open the run again`,
        );
        return;
      }
      this.reloads++;
      this.deps.log.warn('Panel', `the audit panel's webview did not load within ${READY_TIMEOUT_MS / 1000} s; opening a fresh one`);
      const old = this.webviewPanel;
      this.webviewDisposables.splice(0).forEach((d) => d.dispose());
      this.bind(recreate(old));
      old.dispose();
      void this.setTitle();
    }, READY_TIMEOUT_MS);
  }

  get runId(): string | null {
    return this.runIdShown;
  }

  /** The dataset row whose agents the panel shows (0 for a single text). */
  get item(): number {
    return this.selectedItem;
  }

  /** Resolves once the webview has loaded and run its script (it posts 'ready' only from inside Chromium). */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Shows a run: the header, its item summaries and the selected item's steps, read from the store. */
  async showRun(runId: string, item = 0): Promise<void> {
    if (runId !== this.runIdShown) this.requestedThreshold = undefined;
    this.runIdShown = runId;
    this.selectedItem = item;
    // The tab names the run at once, also while the webview is hidden or still loading.
    if (this.ready) await this.resync();
    else await this.setTitle();
  }

  private async setTitle(meta?: RunMeta): Promise<void> {
    const runId = this.runIdShown;
    if (!runId) return;
    try {
      meta ??= await this.deps.readMeta(runId);
    } catch {
      return; // resync says what went wrong once the webview is there
    }
    if (this.runIdShown === runId && !this.disposed) this.webviewPanel.title = `HerdScope: ${shortTitle(meta.header.title || runId)}`;
  }

  /** Live events from a running audit; only those of the shown run (and, for steps, the selected item) go out. */
  pushSteps(runId: string, steps: StepRecord[]): void {
    const visible = steps.filter((s) => s.item === this.selectedItem);
    if (runId === this.runIdShown && visible.length > 0) this.post({ type: 'run/steps', runId, steps: visible });
  }

  pushItem(runId: string, summary: ItemSummary): void {
    if (runId !== this.runIdShown) return;
    this.post({ type: 'run/item', runId, summary });
    this.scheduleOverview(runId);
  }

  pushStatus(runId: string, status: RunStatus, message?: string): void {
    if (runId !== this.runIdShown) return;
    this.post({ type: 'run/status', runId, status, ...(message ? { message } : {}) });
    // The overlay sent on open saw only the agents streamed so far.
    if (status !== 'running' && this.ready) {
      const item = this.selectedItem;
      void Promise.all([this.deps.readMeta(runId), this.deps.readItem(runId, item)]).then(
        ([meta, chain]) => this.sendControl(meta, item, chain),
        () => undefined,
      );
      void this.deps.readMeta(runId).then(
        (meta) => this.sendOverview(meta),
        () => undefined,
      );
    }
  }

  post(message: HostToWebview): void {
    if (!this.ready) {
      this.queue.push(message);
      return;
    }
    if (this.deps.keepMessageLog) remember(this.delivered, message);
    void this.webviewPanel.webview.postMessage(message);
  }

  /** Every message from the webview enters here and is validated before anything acts on it. */
  handleMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.deps.log.warn('Panel', 'ignored a malformed message from the webview');
      return;
    }
    if (this.deps.keepMessageLog) remember(this.received, message);
    switch (message.type) {
      case 'ready':
        void this.onReady();
        return;
      case 'select-item':
        this.selectedItem = message.item;
        void this.sendItemSteps(message.item);
        return;
      default:
        if (message.type === 'simulate-control') this.requestedThreshold = message.threshold;
        this.deps.onRequest(this, message);
    }
  }

  private async onReady(): Promise<void> {
    // A (re)loaded webview starts empty: drop what was queued for the old document and send the run afresh.
    this.queue = [];
    this.ready = true;
    this.watchReady();
    await this.resync();
    this.readyWaiters.splice(0).forEach((resolve) => resolve());
  }

  private async resync(): Promise<void> {
    const runId = this.runIdShown;
    if (!runId) return;
    let item = this.selectedItem;
    let meta: RunMeta | undefined;
    let chain: ItemChain;
    try {
      meta = await this.deps.readMeta(runId);
      await this.setTitle(meta);
      this.post({ type: 'run/open', header: meta.header, status: meta.status, loading: true });
      // Streamed: the summaries go out as items.jsonl is read, never all held here.
      let first: number | undefined;
      await this.deps.forEachItem(runId, (summary) => {
        first ??= summary.item;
        this.post({ type: 'run/item', runId, summary });
      });
      chain = await this.deps.readItem(runId, item);
      // A run whose only text is not row 0 (e.g. the demo's later texts) opens on its first item, not on nothing.
      if (chain.steps.length === 0 && first !== undefined && first !== item) {
        item = this.selectedItem = first;
        chain = await this.deps.readItem(runId, item);
      }
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.deps.log.error('Panel', `cannot load run ${runId}: ${reason}`);
      // The panel was told more would follow: end its loading state with what went wrong.
      if (meta) this.post({ type: 'run/status', runId, status: meta.status, message: `could not load the run: ${reason}` });
      return;
    }
    if (chain.steps.length > 0) this.post({ type: 'run/steps', runId, steps: chain.steps });
    await this.sendOverview(meta);
    if (meta.rp) this.post({ type: 'run/rp', runId, verdict: meta.rp.verdict, utilities: meta.rp.utilities, costs: meta.rp.costs });
    if (item !== 0) this.post({ type: 'run/select-item', runId, item });
    this.post({ type: 'run/status', runId, status: meta.status, ...(meta.statusMessage ? { message: meta.statusMessage } : {}) });
    await this.sendControl(meta, item, chain);
  }

  /** Rows finish faster than anyone reads: the overview follows the run's counts at most once a second. */
  private scheduleOverview(runId: string): void {
    if (this.overviewTimer || !this.ready) return;
    this.overviewTimer = setTimeout(() => {
      this.overviewTimer = undefined;
      if (this.runIdShown === runId)
        void this.deps.readMeta(runId).then(
          (meta) => this.sendOverview(meta),
          () => undefined,
        );
    }, 1000);
  }

  /** Sends the shown run's overview again (the revealed-preference environments setting changed). */
  refreshOverview(): void {
    const runId = this.runIdShown;
    if (!runId || !this.ready) return;
    void this.deps.readMeta(runId).then(
      (meta) => this.sendOverview(meta),
      () => undefined,
    );
  }

  /** A dataset run's overview from its stored counts; once the run has ended, with revealed preferences across environments. */
  private async sendOverview(meta: RunMeta): Promise<void> {
    const runId = meta.header.runId;
    if (meta.header.kind !== 'dataset' || !meta.counts) return;
    const counts = meta.counts;
    let overview: DatasetOverview = overviewFromCounts(counts);
    if (meta.status !== 'running') {
      const grouping = this.deps.rpGrouping?.() ?? 'agent';
      const key = `${runId}@${meta.finishedAt ?? meta.updatedAt}/${grouping}`; // a resumed run ends again with other counts
      if (this.finishedOverview?.key !== key)
        this.finishedOverview = { key, overview: datasetOverview(counts, grouping, meta.header.states) };
      try {
        overview = await this.finishedOverview.overview;
      } catch (err) {
        this.deps.log.warn('Panel', `revealed preferences across environments failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (this.runIdShown === runId) this.post({ type: 'run/overview', runId, overview });
    if (this.runIdShown === runId) this.sendForecast(meta, counts);
    if (this.runIdShown === runId) await this.sendSensor(meta, counts);
  }

  private async sendSensor(meta: RunMeta, counts: RunCounts): Promise<void> {
    const runId = meta.header.runId;
    if (!this.deps.sensorFor) return;
    const sensor = await this.deps.sensorFor(runId, meta, counts);
    if (this.runIdShown === runId && !this.disposed) this.post({ type: 'run/sensor', runId, sensor });
  }

  /** The forecast beside the overview: sent at once (a cached forecast, a reason, or 'pending'), then when computed. */
  private sendForecast(meta: RunMeta, counts: RunCounts): void {
    const runId = meta.header.runId;
    if (!this.deps.forecastFor) return;
    let answer: ReturnType<NonNullable<AuditPanelDeps['forecastFor']>>;
    try {
      answer = this.deps.forecastFor(runId, meta, counts);
    } catch (err) {
      answer = { now: { status: 'unavailable', reason: err instanceof Error ? err.message : String(err) }, later: null };
    }
    this.post({ type: 'run/forecast', runId, forecast: answer.now });
    void answer.later?.then(
      (forecast) => {
        if (this.runIdShown === runId && !this.disposed) this.post({ type: 'run/forecast', runId, forecast });
      },
      (err: unknown) => this.deps.log.warn('Panel', `forecast failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  /** The controller overlay for the shown item: the optimal threshold, or the slider's last one. */
  private async sendControl(meta: RunMeta, item: number, chain: ItemChain): Promise<void> {
    const runId = meta.header.runId;
    try {
      const overlay = await controlOverlay(meta, chain.steps, chain.summary?.label ?? null, this.requestedThreshold);
      if (this.runIdShown === runId && this.selectedItem === item) this.post({ type: 'run/control', runId, overlay });
    } catch (err) {
      this.deps.log.warn('Panel', `controller overlay failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async sendItemSteps(item: number): Promise<void> {
    const runId = this.runIdShown;
    if (!runId) return;
    try {
      const chain = await this.deps.readItem(runId, item);
      this.post({ type: 'run/steps', runId, steps: chain.steps });
      await this.sendControl(await this.deps.readMeta(runId), item, chain);
    } catch (err) {
      this.deps.log.error('Panel', err instanceof Error ? err : String(err));
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.overviewTimer);
    clearTimeout(this.readyTimer);
    this.webviewDisposables.splice(0).forEach((d) => d.dispose());
    this.webviewPanel.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    this.activeEmitter.dispose();
  }
}

function shortTitle(title: string): string {
  return title.length > 40 ? `${title.slice(0, 39)}…` : title;
}

const REMEMBERED_MESSAGES = 2000;

function remember<T>(log: T[], message: T): void {
  log.push(message);
  if (log.length > REMEMBERED_MESSAGES) log.splice(0, log.length - REMEMBERED_MESSAGES);
}
