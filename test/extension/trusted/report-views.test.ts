// The report view's commands on real runs made here (Audit Dataset against a fake OpenAI server): Compare Runs,
// Forecast Herding for a built-in profile, Check Sensor Model with its re-estimate, and Save Report HTML.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadProfile } from '../../../src/audit/profile-loader';
import { REPORT_CSP } from '../../../src/audit/report/html';
import { Commands } from '../../../src/extension/ids';
import type { SensorCheck } from '../../../src/audit/sensor-check';
import type { HerdScopeApi } from '../../../src/extension/test-api';
import { startFakeLlmServer, reply, type FakeLlmServer } from '../../support/fake-llm-server';
import { herdscope, productAnswer, setSetting, workspaceFolder } from '../host-helpers';

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
});
