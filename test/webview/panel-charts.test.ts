// The panel's posterior chart is legible at 1280×800 and 1920×1080 in light, dark and high-contrast themes: no two
// labels overlap, none is cut, every line names its state, and a threshold is drawn only against its own state's line.
import assert from 'node:assert/strict';
import { loadFixture, usePanelPages, type PanelPage } from './panel-harness';
import { DARK, LIGHT, HIGH_CONTRAST } from './themes';
import { assertLegible, measureCharts, VIEWPORTS } from './chart-legibility';
import type { HostToWebview, OptimalThreshold } from '../../src/shared/protocol';
import type { InBrowser } from '../support/browser-globals';

// Only referenced inside page.evaluate(), which runs in Chromium.
declare const document: InBrowser;

const optimal = (threshold: number, stateIndex: number): OptimalThreshold => ({
  threshold,
  stateIndex,
  orientation: 'continue-below',
  method: 'value-iteration',
  isThreshold: true,
  gridSize: 1001,
  candidates: null,
  runs: null,
  seed: null,
  cost: null,
  discount: 0.99,
  horizon: 10,
});

function runIdOf(messages: HostToWebview[]): string {
  const open = messages.find((m) => m.type === 'run/open');
  assert.ok(open && open.type === 'run/open');
  return open.header.runId;
}

/** The reported collision: the optimal threshold π*(not hate) = 0.950 near the top, where the onset label sits. */
function sensorWithOptimal(): HostToWebview[] {
  const messages = loadFixture('sensor-herding.json').messages.filter((m) => m.type !== 'run/control');
  const runId = runIdOf(messages);
  return [
    ...messages,
    {
      type: 'run/control',
      runId,
      overlay: {
        threshold: 0.74,
        stateIndex: 0,
        informativeAgentsWith: 8,
        informativeAgentsWithout: 3,
        accuracyWith: 0.91,
        accuracyWithout: 0.64,
        optimal: optimal(0.95, 0),
      },
    },
  ];
}

/** Six states (one line plus the band): thresholds on state 0 while the chart plots another state. */
function sixStatesWithThreshold(): HostToWebview[] {
  const messages = loadFixture('thousand.json').messages;
  const runId = runIdOf(messages);
  return [
    ...messages,
    {
      type: 'run/control',
      runId,
      overlay: {
        threshold: 0.6,
        stateIndex: 0,
        informativeAgentsWith: 12,
        informativeAgentsWithout: 4,
        accuracyWith: null,
        accuracyWithout: null,
        optimal: optimal(0.93, 0),
      },
    },
  ];
}

const SCENARIOS: { name: string; messages: () => HostToWebview[] }[] = [
  { name: 'sensor-optimal', messages: sensorWithOptimal },
  { name: 'six-states', messages: sixStatesWithThreshold },
  { name: 'dataset', messages: () => loadFixture('dataset.json').messages },
];

interface Thresholds {
  states: string[];
  lines: { cls: string; state: number; text: string; plotted: boolean }[];
  plottedStates: number[];
}

async function thresholds(panel: PanelPage): Promise<Thresholds> {
  return panel.page.evaluate(() => {
    const svg = document.querySelector('.chart-svg');
    return {
      states: [...document.querySelectorAll('.series-label')].map((t: InBrowser) => t.textContent),
      lines: [...svg.querySelectorAll('.threshold, .optimal-threshold')].map((g: InBrowser) => ({
        cls: g.getAttribute('class'),
        state: Number(g.getAttribute('data-state')),
        text: g.querySelector('text').textContent,
        plotted: svg.querySelector(`path.series[data-state="${g.getAttribute('data-state')}"]`) !== null,
      })),
      plottedStates: [...svg.querySelectorAll('path.series')].map((p: InBrowser) => Number(p.getAttribute('data-state'))),
    };
  });
}

describe('panel charts are legible (Chromium)', function () {
  this.timeout(120_000);
  const { open } = usePanelPages();

  for (const theme of [LIGHT, DARK, HIGH_CONTRAST]) {
    for (const viewport of VIEWPORTS) {
      for (const scenario of SCENARIOS) {
        const name = `${scenario.name}-${theme.bodyClass.replace('vscode-', '')}-${viewport.width}x${viewport.height}`;
        it(name, async () => {
          const panel = await open(theme);
          await panel.page.setViewportSize(viewport);
          const messages = scenario.messages();
          await panel.post(messages);
          await panel.waitForStatus('completed');
          await panel.settle();
          const [chart] = await measureCharts(panel.page, '.chart-svg');
          assert.ok(chart, 'the chart is drawn');
          const height = chart.box.y1 - chart.box.y0;
          assert.ok(height >= Math.min(460, viewport.height * 0.3) - 1, `chart ${Math.round(height)} px tall at ${viewport.height} px`);
          assertLegible(chart, name);

          const header = messages.find((m) => m.type === 'run/open');
          assert.ok(header && header.type === 'run/open');
          const states = header.header.states;
          const seen = await thresholds(panel);
          for (const s of seen.plottedStates)
            assert.ok(seen.states.includes(`π(${states[s]})`), `line of state ${s} is labelled π(${states[s]})`);
          for (const line of seen.lines) {
            assert.ok(line.plotted, `${line.cls} on π(${states[line.state]}) is drawn with that state's line`);
            assert.ok(line.text.includes(`(${states[line.state]})`), `${line.cls} names its state: ${line.text}`);
          }
          if (scenario.name !== 'dataset') assert.equal(seen.lines.length, 2, 'controller and optimal thresholds');
          await panel.screenshot(`chart-${name}`);
        });
      }
    }
  }

  it('six states: choosing another state keeps the thresholds against state 0, which stays plotted', async () => {
    const panel = await open(DARK);
    await panel.page.setViewportSize({ width: 1280, height: 800 });
    await panel.post(sixStatesWithThreshold());
    await panel.waitForStatus('completed');
    await panel.page.locator('.state-select').selectOption('3');
    await panel.settle();
    const seen = await thresholds(panel);
    assert.deepEqual([...seen.plottedStates].sort(), [0, 3]);
    assert.ok(seen.lines.every((l) => l.state === 0 && l.plotted));
    assertLegible((await measureCharts(panel.page, '.chart-svg'))[0], 'six states, state 3 chosen');
  });

  it('dataset run: the header counts rows, not the shown row’s steps as progress', async () => {
    const panel = await open(LIGHT);
    const messages = loadFixture('dataset.json').messages;
    const header = messages.find((m) => m.type === 'run/open');
    assert.ok(header && header.type === 'run/open');
    const { agents, items } = header.header;
    const rows = messages.filter((m) => m.type === 'run/item');
    assert.equal(rows.length, items);
    // While running, with the first two rows finished.
    const firstItems = messages.filter((m) => m.type !== 'run/item' && m.type !== 'run/status');
    await panel.post([...firstItems, ...rows.slice(0, 2)]);
    await panel.page.waitForSelector('progress.rows-progress[value="2"]');
    assert.equal(await panel.page.locator('.status-progress').textContent(), ` · 2 / ${items} rows done (${agents} agents each)`);
    assert.equal(await panel.page.locator('progress.rows-progress').getAttribute('value'), '2');
    assert.equal(await panel.page.locator('progress.rows-progress').getAttribute('max'), String(items));
    await panel.post([...rows.slice(2), ...messages.filter((m) => m.type === 'run/status')]);
    await panel.waitForStatus('completed');
    assert.equal(await panel.page.locator('.status-progress').textContent(), ` · ${agents * items} agent steps over ${items} rows`);
    assert.equal(await panel.page.locator('progress.rows-progress').count(), 0);
  });
});
