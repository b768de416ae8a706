// Audit Dataset: every row of the sample CSV through the chain, progress and panel streaming, summary and verdicts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startFakeLlmServer, reply, type FakeLlmServer } from '../../support/fake-llm-server';
import { Commands } from '../../../src/extension/ids';
import type { HerdScopeApi } from '../../../src/extension/test-api';
import { eventually, herdscope, productAnswer, setSetting, workspaceFolder } from '../host-helpers';
import { compareWithForecast } from '../../../src/audit/forecast-comparison';

describe('Audit Dataset (sample reviews.csv, fake OpenAI server)', () => {
  let api: HerdScopeApi;
  let server: FakeLlmServer;
  let cancelledRunId: string | undefined;
  let completedRunId: string | undefined;

  before(async () => {
    api = await herdscope();
    server = await startFakeLlmServer();
    // The answer follows the review: a "good" review reads as durable, as expected, recommended.
    server.setResponder((request) => {
      const text = JSON.stringify(request.body.messages);
      const good = /works|recommend it|Exceeded|reliable|Does what/i.test(text) && !/Stopped|cracked|chipped|leaks/i.test(text);
      return reply.content(productAnswer({ defects: !good, durability: good, expectations: good, recommend: good }));
    });
    await setSetting('openai.baseUrl', server.baseUrlOpenAI);
    await setSetting('provider', 'openai');
    await setSetting('agents', 4);
  });

  after(async () => {
    await setSetting('openai.baseUrl', undefined);
    await setSetting('provider', undefined);
    await setSetting('agents', undefined);
    await server.close();
  });

  it('audits all 8 rows with labels, streams items into the panel and stores the summary', async () => {
    const file = vscode.Uri.joinPath(workspaceFolder(), 'reviews.csv');
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditDataset, {
      file,
      textColumn: 'review',
      labelColumn: 'label',
      profile: 'product-quality',
    });
    assert.ok(started);
    await started.done;
    const panel = api.activePanel();
    assert.ok(panel);
    await panel.whenReady();
    await eventually(
      '8 item summaries in the panel',
      () =>
        new Set(panel.delivered.flatMap((m) => (m.type === 'run/item' && m.runId === started.runId ? [m.summary.item] : []))).size === 8,
    );
    const meta = JSON.parse(fs.readFileSync(path.join(api.runsDir(), started.runId, 'run.json'), 'utf8'));
    assert.equal(meta.status, 'completed');
    assert.equal(meta.header.kind, 'dataset');
    assert.equal(meta.header.items, 8);
    assert.equal(meta.dataset.labelColumn, 'label');
    assert.equal(meta.summary.labelled, 8);
    assert.equal(meta.summary.accuracy, 1, 'observations that follow the reviews lead every chain to the labelled state');
    assert.equal(server.requests.length, 8 * 4);
    // The first screen: the overview from the stored counts, with revealed preferences across the 4 agent positions.
    const overview = await eventually('the dataset overview with revealed preferences', () => {
      const last = panel.delivered.filter((m) => m.type === 'run/overview' && m.runId === started.runId).at(-1);
      return last?.type === 'run/overview' && last.overview.rp !== null && last.overview;
    });
    assert.equal(overview.items, 8);
    assert.equal(overview.labelled, 8);
    assert.deepEqual({ k: overview.accuracyFinal.k, n: overview.accuracyFinal.n }, { k: 8, n: 8 });
    assert.equal(overview.herding.k, meta.counts.herded);
    assert.equal(overview.herdingStepHistogram.length, 4);
    assert.equal(
      overview.herdingStepHistogram.reduce((a: number, b: number) => a + b, 0),
      meta.counts.herded,
    );
    assert.equal(overview.rp?.grouping, 'agent');
    assert.ok((overview.rp?.environments.length ?? 0) >= 1);
    // Beside it, the forecast of the run's model (computed once in a worker thread, cached in the run folder).
    const forecast = await eventually('the forecast beside what happened', () => {
      const last = panel.delivered.filter((m) => m.type === 'run/forecast' && m.runId === started.runId).at(-1);
      return last?.type === 'run/forecast' && last.forecast.status === 'ready' && last.forecast;
    });
    const cached = JSON.parse(fs.readFileSync(path.join(api.runsDir(), started.runId, 'forecast.json'), 'utf8'));
    assert.equal(cached.forecast.agents, 4);
    assert.deepEqual(forecast.comparison, compareWithForecast(meta.counts, cached.forecast));
    assert.equal(
      forecast.comparison.states.reduce((n, s) => n + s.herding.observed.n, 0),
      8,
    );
    // And the sensor check from the same counts: the answers per true state against the profile's B.
    const sensor = await eventually('the sensor check beside the overview', () => {
      const last = panel.delivered.filter((m) => m.type === 'run/sensor' && m.runId === started.runId).at(-1);
      return last?.type === 'run/sensor' && last.sensor.status === 'ready' && last.sensor.check;
    });
    assert.deepEqual(
      sensor.states.map((s) => s.observed),
      meta.counts.observationsByLabel,
    );
    assert.equal(
      sensor.observations,
      meta.counts.observationsByLabel.flat().reduce((a: number, b: number) => a + b, 0),
    );
    assert.equal(
      sensor.rejected,
      sensor.states.some((s) => s.pHolm !== null && s.pHolm < sensor.alpha),
    );
    // Its Show details button opens the full check as a report view.
    panel.handleMessage({ type: 'sensor-action', action: 'details' });
    const report = await eventually(
      'the sensor check report',
      () => /^Sensor check: /.test(api.activeReport()?.title ?? '') && api.activeReport(),
    );
    assert.match(report!.html, /G-test|G =|Holm/);
    const listed = await eventually('the dataset run in the Runs view', async () =>
      (await api.runsTree.getChildren())?.find((i) => i.id === started.runId),
    );
    assert.match(String(listed.description), /^completed · 8\/8 items · herded \d+%/);
    completedRunId = started.runId;
  });

  it('item summaries carry the final action behind each confusion cell; the setting regroups the environments by label', async () => {
    assert.ok(completedRunId, 'the previous test left a completed run');
    const runId = completedRunId;
    const panel = api.activePanel();
    assert.ok(panel && panel.runId === runId);
    const summaries = new Map(
      panel.delivered.flatMap((m) => (m.type === 'run/item' && m.runId === runId ? [[m.summary.item, m.summary] as const] : [])),
    );
    const overviews = () => panel.delivered.filter((m) => m.type === 'run/overview' && m.runId === runId);
    const before = overviews().at(-1);
    assert.ok(before?.type === 'run/overview');
    const confusion = before.overview.confusion.map((row) => row.map(() => 0));
    for (const s of summaries.values()) if (s.label !== null && typeof s.finalAction === 'number') confusion[s.label][s.finalAction] += 1;
    assert.deepEqual(confusion, before.overview.confusion);
    assert.equal([...summaries.values()].filter((s) => s.wrongHerd === true).length, before.overview.wrongHerd.k);

    const seen = overviews().length;
    await setSetting('overview.rpEnvironments', 'label');
    try {
      const byLabel = await eventually('the overview regrouped by label', () => {
        const last = overviews().slice(seen).at(-1);
        return last?.type === 'run/overview' && last.overview.rp?.grouping === 'label' && last.overview;
      });
      const states: string[] = JSON.parse(fs.readFileSync(path.join(api.runsDir(), runId, 'run.json'), 'utf8')).header.states;
      const labels = new Set([...summaries.values()].map((s) => s.label));
      assert.deepEqual(
        byLabel.rp!.environments.map((e) => e.name),
        states.filter((_, x) => labels.has(x)).map((name) => `label ${name}`),
      );
      assert.equal(
        byLabel.rp!.environments.reduce((n, e) => n + e.decisions, 0),
        8 * 4,
        'every agent of every labelled row decided once',
      );
      assert.ok(byLabel.rp!.verdict, byLabel.rp!.reason);
    } finally {
      await setSetting('overview.rpEnvironments', undefined);
    }
  });

  it('stops when cancelled from the panel and records the run as cancelled', async () => {
    server.setResponder(() => ({
      kind: 'content',
      content: productAnswer({ defects: false, durability: true, expectations: true, recommend: true }),
      delayMs: 300,
    }));
    await setSetting('concurrency', 1);
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditDataset, {
      file: path.join(workspaceFolder().fsPath, 'reviews.csv'),
      textColumn: 'review',
      labelColumn: null,
      profile: 'product-quality',
    });
    assert.ok(started);
    const panel = api.activePanel();
    assert.ok(panel);
    await panel.whenReady();
    // what the panel's Cancel button posts, through the same validation as any message from the webview
    panel.handleMessage({ type: 'cancel', extra: '<ignored>' });
    await started.done;
    const meta = JSON.parse(fs.readFileSync(path.join(api.runsDir(), started.runId, 'run.json'), 'utf8'));
    assert.equal(meta.status, 'cancelled');
    assert.ok(meta.totals.itemsDone < 8);
    cancelledRunId = started.runId;
    await setSetting('concurrency', undefined);
  });

  it('resumes the cancelled run: finished rows are kept, only the others are asked, and it completes', async () => {
    assert.ok(cancelledRunId, 'the previous test left a cancelled run');
    const runDir = path.join(api.runsDir(), cancelledRunId);
    const keptItems = fs
      .readFileSync(path.join(runDir, 'items.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { item: number });
    const sent = server.requests.length;
    server.setResponder(() => reply.content(productAnswer({ defects: false, durability: true, expectations: true, recommend: true })));
    const resumed = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.resumeRun, {
      runId: cancelledRunId,
    });
    assert.ok(resumed);
    assert.equal(resumed.runId, cancelledRunId);
    await resumed.done;
    const meta = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8'));
    assert.equal(meta.status, 'completed');
    assert.equal(meta.totals.itemsDone, 8);
    const items = fs
      .readFileSync(path.join(runDir, 'items.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { item: number });
    assert.deepEqual(
      items.map((i) => i.item).sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
    for (const kept of keptItems)
      assert.deepEqual(
        items.find((i) => i.item === kept.item),
        kept,
        `row ${kept.item} was kept, not redone`,
      );
    assert.equal(server.requests.length - sent, (8 - keptItems.length) * 4, 'only the unfinished rows were asked');
    const again = await vscode.commands.executeCommand<unknown>(Commands.resumeRun, { runId: cancelledRunId });
    assert.equal(again, undefined, 'a completed run is not resumed');
  });
});
