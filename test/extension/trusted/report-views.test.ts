// The report view's commands on real runs made here (Audit Dataset against a fake OpenAI server): Compare Runs,
// Forecast Herding for a built-in profile (and cancelled), Check Sensor Model with its re-estimate, Save Report HTML,
// and report views revived after a reload through the serializer VS Code calls, from their saved state alone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadProfile } from '../../../src/audit/profile-loader';
import { REPORT_CSP } from '../../../src/audit/report/html';
import { Commands, EXTENSION_ID, REPORT_VIEW_TYPE } from '../../../src/extension/ids';
import type { ReportPage } from '../../../src/extension/panel/report-panel';
import type { SensorCheck } from '../../../src/audit/sensor-check';
import type { HerdScopeApi } from '../../../src/extension/test-api';
import { startFakeLlmServer, reply, type FakeLlmServer } from '../../support/fake-llm-server';
import { extensionLog, herdscope, productAnswer, setSetting, workspaceFolder } from '../host-helpers';

/** A report page without its generation time (two renderings of the same data differ only there). */
const timeless = (html: string) => html.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>');

/** The open report views (a webview tab's viewType carries VS Code's prefix). */
const reportTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(REPORT_VIEW_TYPE));

const followsReview = (text: string) =>
  /works|recommend it|Exceeded|reliable|Does what/i.test(text) && !/Stopped|cracked|chipped|leaks/i.test(text);

describe('report views: compare, forecast, sensor check', () => {
  let api: HerdScopeApi;
  let server: FakeLlmServer;
  let faithful: string;
  let contrary: string;

  async function audit(): Promise<string> {
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditDataset, {
      file: vscode.Uri.joinPath(workspaceFolder(), 'reviews.csv'),
      textColumn: 'review',
      labelColumn: 'label',
      profile: 'product-quality',
    });
    assert.ok(started);
    await started.done;
    return started.runId;
  }

  before(async function () {
    this.timeout(240_000);
    api = await herdscope();
    server = await startFakeLlmServer();
    await setSetting('openai.baseUrl', server.baseUrlOpenAI);
    await setSetting('provider', 'openai');
    await setSetting('agents', 4);
    // run A: the answer follows the review (good reviews → 111, bad → 000)
    server.setResponder((request) => {
      const good = followsReview(JSON.stringify(request.body.messages));
      return reply.content(productAnswer({ defects: !good, durability: good, expectations: good, recommend: good }));
    });
    faithful = await audit();
    // run B: always "durable, but not as expected, not recommended" (y = 4), which B makes rare in both states
    server.setResponder(() => reply.content(productAnswer({ defects: false, durability: true, expectations: false, recommend: false })));
    contrary = await audit();
  });

  after(async () => {
    await setSetting('openai.baseUrl', undefined);
    await setSetting('provider', undefined);
    await setSetting('agents', undefined);
    await server.close();
  });

  it('Compare Runs from a two-item selection shows both runs on their 8 common rows, with McNemar, in the report view', async () => {
    const items = (await api.runsTree.getChildren()) ?? [];
    const selected = items.filter((i) => i.id === faithful || i.id === contrary);
    assert.equal(selected.length, 2, 'both runs are listed');
    const shown = await vscode.commands.executeCommand<{ html: string }>(Commands.compareRuns, selected[0], selected);
    assert.ok(shown);
    const html = api.activeReport()?.html ?? '';
    assert.equal(html, shown.html);
    assert.ok(html.includes(`content="${REPORT_CSP}"`));
    assert.match(html, /both runs cover the same 8 rows/);
    assert.match(html, /<p id="mcnemar">McNemar \(exact binomial\) over 8 labelled pairs/);
    assert.ok(html.includes(faithful) && html.includes(contrary));
  });

  it('Compare Runs refuses the same run twice, an unknown run and a run that is not a dataset run, without a report', async () => {
    const selection = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditSelection, {
      text: 'Still works after a year.',
      profile: 'product-quality',
    });
    assert.ok(selection);
    await selection.done;
    const before = api.activeReport();
    assert.equal(await vscode.commands.executeCommand(Commands.compareRuns, { runA: faithful, runB: selection.runId }), undefined);
    assert.equal(await vscode.commands.executeCommand(Commands.compareRuns, { runA: faithful, runB: faithful }), undefined);
    assert.equal(await vscode.commands.executeCommand(Commands.compareRuns, { runA: faithful, runB: 'no-such-run' }), undefined);
    assert.equal(api.activeReport(), before);
  });

  it('Forecast Herding for a built-in profile shows the exact label and one labelled line per true state', async () => {
    const shown = await vscode.commands.executeCommand<{ html: string; result: { exact: boolean; states: { wrongHerd: number }[] } }>(
      Commands.forecastHerding,
      { profile: 'product-quality' },
    );
    assert.ok(shown);
    const html = api.activeReport()?.html ?? '';
    assert.equal(shown.result.exact, true);
    assert.match(html, /id="forecast-method">EXACT<\/span> Exact: [\d,]+ distinct public beliefs enumerated/);
    assert.equal((html.match(/<polyline class="line/g) ?? []).length, 2);
    for (const state of ['good product', 'bad product']) assert.ok(html.includes(`true state ${state}: P(herded by agent k)`), state);
    assert.ok(html.includes(`${(100 * shown.result.states[1].wrongHerd).toFixed(1)}%`));
  });

  it('Check Sensor Model rejects B on the contrary run, and Re-estimate writes a valid workspace profile with before → after', async () => {
    const target = path.join(workspaceFolder().fsPath, `reestimated-${Date.now()}.herdscope.json`);
    const result = await vscode.commands.executeCommand<{ check: SensorCheck; profileFile?: string }>(Commands.checkSensor, {
      runId: contrary,
      action: 'reestimate',
      target,
    });
    assert.ok(result);
    assert.equal(result.check.rejected, true);
    assert.match(result.check.message, /answered/);
    assert.equal(result.profileFile, target);
    const loaded = await loadProfile(target, 'test');
    assert.equal(loaded.model.likelihood.length, 2);
    // B from this run: y = 4 dominates both states' rows
    for (const row of loaded.model.likelihood) assert.ok(row[4] > 0.5, `re-estimated B favours y = 4: ${row.join(', ')}`);
    const html = api.activeReport()?.html ?? '';
    assert.match(html, /Sensor model rejected\./);
    assert.match(html, /<section id="reestimate">/);
    assert.match(html, /with the profile's B<\/th><th>→ with B from this run/);
    fs.rmSync(target);
  });

  it('Check Sensor Model refuses to write a profile outside the workspace', async () => {
    const outside = path.join(path.dirname(workspaceFolder().fsPath), `outside-${Date.now()}.herdscope.json`);
    const result = await vscode.commands.executeCommand(Commands.checkSensor, { runId: contrary, action: 'reestimate', target: outside });
    assert.equal(result, undefined);
    assert.equal(fs.existsSync(outside), false);
  });

  it('Save Report HTML writes the report view in front as shown', async () => {
    await vscode.commands.executeCommand(Commands.checkSensor, { runId: faithful, action: 'details' });
    const shown = api.activeReport();
    assert.ok(shown);
    const out = path.join(workspaceFolder().fsPath, `sensor-${Date.now()}.html`);
    await vscode.commands.executeCommand(Commands.saveReport, { target: out });
    assert.equal(fs.readFileSync(out, 'utf8'), shown.html);
    fs.rmSync(out);
  });

  /** What VS Code does on a reload: a fresh panel of the report view type handed to the serializer with its saved state. */
  async function revive(state: unknown): Promise<{ panel: vscode.WebviewPanel; page: ReportPage }> {
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'HerdScope report', vscode.ViewColumn.Active, {});
    const restored = new Promise<ReportPage>((resolve) => {
      const d = api.onDidRestoreReport((e) => {
        if (e.panel !== panel) return;
        d.dispose();
        resolve(e.page);
      });
    });
    await api.reportSerializer.deserializeWebviewPanel(panel, state);
    return { panel, page: await restored };
  }

  it('a revived Compare view re-reads both runs from disk: the same report, the strict CSP with a nonce, the state kept', async () => {
    const state = { version: 1, view: 'compare', runA: faithful, runB: contrary };
    const { panel, page } = await revive(state);
    assert.equal(page.kind, 'report');
    assert.equal(api.activeReport(), page.report, 'Save Report HTML saves the revived report');
    assert.equal(panel.title, page.report.title);
    const direct = await vscode.commands.executeCommand<{ html: string; title: string }>(Commands.compareRuns, {
      runA: faithful,
      runB: contrary,
    });
    assert.ok(direct);
    assert.equal(timeless(page.report.html), timeless(direct.html));
    assert.equal(page.report.title, direct.title);
    // the webview: the report with the one state script, admitted by nonce, loaded from dist/webview only
    const { options, html } = panel.webview;
    assert.equal(options.enableScripts, true);
    assert.equal(options.enableForms, false);
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionUri.fsPath ?? '';
    assert.deepEqual(
      (options.localResourceRoots ?? []).map((u) => path.relative(extensionPath, u.fsPath)),
      [path.join('dist', 'webview')],
    );
    const nonce = new RegExp(`content="${REPORT_CSP.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; script-src 'nonce-([A-Za-z0-9]{32})'"`).exec(
      html,
    )?.[1];
    assert.ok(nonce, 'the report CSP plus a script nonce');
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], new RegExp(`^<script nonce="${nonce}" src="[^"]+/dist/webview/report\\.js">$`));
    const meta = /<meta name="herdscope-report-state" content="([^"]*)">/.exec(html)?.[1] ?? '';
    assert.deepEqual(JSON.parse(meta.replace(/&quot;/g, '"')), state);
    const withoutScript = html
      .replace(`; script-src 'nonce-${nonce}'`, '')
      .replace(/<meta name="herdscope-report-state"[^>]*>\n<script[^>]*><\/script>\n/, '');
    assert.equal(withoutScript, page.report.html, 'the page is the report plus the state meta and script, nothing else');
    panel.dispose();
  });

  it('a revived view whose run is gone says so instead of a blank page, and keeps its state for the next reload', async () => {
    const { panel, page } = await revive({ version: 1, view: 'compare', runA: faithful, runB: 'deleted-run-1' });
    assert.equal(page.kind, 'message');
    assert.equal(page.title, 'Run deleted-run-1 no longer exists');
    assert.match(page.paragraphs[0], /cannot be shown: run deleted-run-1 is not in the runs folder/);
    assert.match(panel.webview.html, /Run deleted-run-1 no longer exists/);
    assert.match(panel.webview.html, /Compare Runs… to compare two runs that exist/);
    assert.match(panel.webview.html, /<meta name="herdscope-report-state" content="[^"]*deleted-run-1/);
    assert.equal(api.activeReport(), undefined, 'there is no report to save');
    panel.dispose();
    const sensor = await revive({ version: 1, view: 'sensor', runId: 'deleted-run-2' });
    assert.equal(sensor.page.kind === 'message' && sensor.page.title, 'Run deleted-run-2 no longer exists');
    sensor.panel.dispose();
  });

  it('a view with a state HerdScope cannot read says it cannot be restored, and runs no script', async () => {
    const { panel, page } = await revive({ view: 'compare', runA: '../../etc', runB: faithful });
    assert.equal(page.kind === 'message' && page.title, 'This report view cannot be restored');
    assert.ok(!/<script/i.test(panel.webview.html));
    assert.match(panel.webview.html, /content="default-src 'none';/);
    panel.dispose();
  });

  it('a revived Sensor check view with its re-estimate replays the run under the profile written, writing nothing', async () => {
    const target = path.join(workspaceFolder().fsPath, `revived-${Date.now()}.herdscope.json`);
    const shown = await vscode.commands.executeCommand<{ report: { html: string } }>(Commands.checkSensor, {
      runId: contrary,
      action: 'reestimate',
      target,
    });
    assert.ok(shown?.report);
    const written = fs.readFileSync(target, 'utf8');
    const { panel, page } = await revive({ version: 1, view: 'sensor', runId: contrary, reestimatedProfile: target });
    assert.equal(page.kind, 'report');
    assert.match(page.report.html, /<section id="reestimate">/);
    assert.equal(timeless(page.report.html), timeless(shown.report.html));
    assert.equal(fs.readFileSync(target, 'utf8'), written);
    panel.dispose();
    fs.rmSync(target);
  });

  it('Forecast Herding cancelled while it computes shows nothing but "cancelled" and leaves no report view', async () => {
    const started = new Promise<{ cancel(): void }>((resolve) => {
      const d = api.onDidStartForecast((run) => {
        d.dispose();
        resolve(run);
      });
    });
    const before = api.activeReport();
    const tabs = reportTabs().length;
    // 60 agents of the six-state profile: past the view's exact limit, so seconds of enumeration then Monte Carlo
    const result = vscode.commands.executeCommand(Commands.forecastHerding, { profile: 'hate-speech', agents: 60 });
    const run = await started;
    // a timer: it fires only when the forecast gives the extension host's event loop a turn, i.e. while it computes
    setTimeout(() => run.cancel(), 0);
    assert.equal(await result, undefined);
    assert.equal(api.activeReport(), before);
    assert.equal(reportTabs().length, tabs);
    assert.match(extensionLog(api), /\[Forecast\] hate-speech: cancelled/);
  });

  it('a revived Forecast view recomputes the forecast; cancelled, it says "Forecast cancelled"', async () => {
    const { panel, page } = await revive({ version: 1, view: 'forecast', profile: 'product-quality', agents: 4 });
    assert.equal(page.kind, 'report');
    assert.equal(page.report.title, 'Forecast: product-quality');
    assert.match(page.report.html, /id="forecast-method">EXACT<\/span>/);
    panel.dispose();
    const cancelOnStart = api.onDidStartForecast((run) => setTimeout(() => run.cancel(), 0));
    const cancelled = await revive({ version: 1, view: 'forecast', profile: 'hate-speech', agents: 60 });
    cancelOnStart.dispose();
    assert.equal(cancelled.page.kind === 'message' && cancelled.page.title, 'Forecast cancelled');
    assert.match(cancelled.panel.webview.html, /<h1>Forecast cancelled<\/h1>/);
    cancelled.panel.dispose();
  });
});
