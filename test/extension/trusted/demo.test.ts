// Run Demo: the shipped cassette of hand-written answers through the demo chain, offline and without a key,
// streamed into the panel and listed in the Runs view, labelled as a demo everywhere.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/extension/ids';
import type { AuditPanel } from '../../../src/extension/panel/audit-panel';
import type { HerdScopeApi } from '../../../src/extension/test-api';
import type { ItemSummary } from '../../../src/shared/protocol';
import { deliveredSteps, eventually, herdscope } from '../host-helpers';

describe('Run Demo (offline, no key)', () => {
  let api: HerdScopeApi;
  let runIds: string[];
  let panel: AuditPanel;

  before(async () => {
    api = await herdscope();
  });

  it('runs the three demo texts and streams the first into the panel', async () => {
    const started = await vscode.commands.executeCommand<{ runIds: string[]; done: Promise<void> }>(Commands.runDemo);
    assert.ok(started, 'the demo started');
    await started.done;
    runIds = started.runIds;
    assert.equal(runIds.length, 3);
    const shown = api.activePanel();
    assert.ok(shown);
    panel = shown;
    await panel.whenReady();
    const open = panel.delivered.find((m) => m.type === 'run/open' && m.header.runId === runIds[0]);
    assert.ok(open && open.type === 'run/open');
    assert.equal(open.header.kind, 'demo');
    assert.equal(open.header.simulated, true);
    assert.match(open.header.title, /^DEMO: /);
    const steps = await eventually('every demo agent in the panel', () => {
      const s = deliveredSteps(panel.delivered, runIds[0]);
      return s.size === open.header.agents && s;
    });
    for (const s of steps.values()) {
      assert.equal(s.simulated, true, 'demo steps are labelled simulated');
      assert.ok(s.rawResponse !== null, 'the hand-written answer is kept');
    }
  });

  it('shows in the panel exactly what the run store holds, herding step included', async () => {
    const dir = path.join(api.runsDir(), runIds[0]);
    const stored = fs
      .readFileSync(path.join(dir, 'steps.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const shown = deliveredSteps(panel.delivered, runIds[0]);
    assert.ok(stored.length > 0);
    assert.equal(shown.size, stored.length);
    for (const s of stored) assert.deepEqual(shown.get(s.index), s);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'items.jsonl'), 'utf8').trim()) as ItemSummary;
    const firstCascade = stored.find((s) => s.cascade);
    assert.equal(summary.herdingStep, firstCascade ? firstCascade.index : null);
    const item = panel.delivered.find((m) => m.type === 'run/item' && m.runId === runIds[0]);
    assert.ok(item && item.type === 'run/item');
    assert.deepEqual(item.summary, summary);
  });

  it("sends the optimal stopping threshold of the run's model with the what-if numbers at it, once the run has finished", async () => {
    const last = await eventually('an overlay over the whole chain', () => {
      const o = panel.delivered.filter((m) => m.type === 'run/control' && m.runId === runIds[0]).pop();
      return o?.type === 'run/control' && o.overlay.revealedAgents !== undefined && o.overlay.informativeAgentsWithout > 0 && o;
    });
    assert.ok(last.type === 'run/control');
    const { overlay } = last;
    const optimal = overlay.optimal;
    assert.ok(optimal, 'the overlay carries the optimal threshold');
    // The demo model has 6 states: a seeded Monte Carlo search over thresholds on π(not HSP).
    assert.deepEqual([optimal.method, optimal.stateIndex, optimal.orientation, optimal.seed], ['monte-carlo-grid', 0, 'continue-below', 0]);
    assert.ok(optimal.threshold > 0 && optimal.threshold <= 1);
    assert.deepEqual(
      [overlay.threshold, overlay.stateIndex, overlay.orientation],
      [optimal.threshold, optimal.stateIndex, optimal.orientation],
      'the what-if is at the optimal threshold',
    );
    assert.ok(overlay.informativeAgentsWith >= overlay.informativeAgentsWithout);
    assert.ok(overlay.informativeAgentsWithout <= 8 && overlay.informativeAgentsWith <= 8);
  });

  it("answers the panel's controller simulation with an overlay for the shown run, and ignores invalid thresholds", async () => {
    const before = panel.delivered.filter((m) => m.type === 'run/control' && m.runId === runIds[0]).length;
    const overlays = () => panel.delivered.filter((m) => m.type === 'run/control' && m.runId === runIds[0]).slice(before);
    panel.handleMessage({ type: 'simulate-control', threshold: 1.5 });
    panel.handleMessage({ type: 'simulate-control', threshold: 0 });
    const never = await eventually('the overlay for threshold 0', () => overlays()[0]);
    assert.ok(never.type === 'run/control');
    assert.equal(never.overlay.threshold, 0);
    assert.equal(
      never.overlay.informativeAgentsWith,
      never.overlay.informativeAgentsWithout,
      'a controller that never intervenes changes nothing',
    );
    panel.handleMessage({ type: 'simulate-control', threshold: 0.9 });
    const strict = await eventually('the overlay for threshold 0.9', () => overlays()[1]);
    assert.ok(strict.type === 'run/control');
    assert.equal(strict.overlay.threshold, 0.9);
    assert.ok(
      strict.overlay.informativeAgentsWith >= strict.overlay.informativeAgentsWithout,
      'making agents reveal never loses information',
    );
    assert.equal(overlays().length, 2, 'the out-of-range threshold was rejected');
  });

  it('drops malformed messages from the webview before anything acts on them', () => {
    const received = panel.received.length;
    for (const raw of [
      null,
      'ready',
      { type: 'export', format: 'exe' },
      { type: 'select-item', item: -1 },
      { type: 'select-item', item: 1.5 },
      { type: 'run-shell', cmd: 'rm -rf /' },
    ])
      panel.handleMessage(raw);
    assert.equal(panel.received.length, received);
  });

  it('lists the three demo runs in the Runs view, marked as demo', async () => {
    const items = await eventually('three demo runs in the view', async () => {
      const all = (await api.runsTree.getChildren()) ?? [];
      const demo = all.filter((i) => runIds.includes(String(i.id)));
      return demo.length === 3 && demo;
    });
    for (const item of items) {
      assert.match(String(item.label), /^DEMO: /);
      assert.match(String(item.description), /^completed · .* · demo$/);
    }
  });

  it('opens a stored demo run again with Open Run, and refuses an unknown run id', async () => {
    const opened = await vscode.commands.executeCommand<AuditPanel>(Commands.openRun, { runId: runIds[1] });
    assert.ok(opened);
    assert.equal(opened.runId, runIds[1]);
    await eventually('the second demo run in the panel', () => deliveredSteps(opened.delivered, runIds[1]).size > 0);
    assert.equal(await vscode.commands.executeCommand(Commands.openRun, { runId: 'no-such-run' }), undefined);
  });

  it('runs Show Log and Refresh Runs without error', async () => {
    await vscode.commands.executeCommand(Commands.showLog);
    await vscode.commands.executeCommand(Commands.refreshRuns);
  });
});
