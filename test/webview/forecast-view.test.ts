// The forecast beside what happened in the panel (Chromium): 'pending' then the table and strip chart per true state,
// the same strings the CLI prints (from the shared formatters), legible at 1280×800 and 1920×1080 in light, dark and
// high-contrast themes, state names as text, a reason in one line when there is no forecast, malformed numbers dropped.
import assert from 'node:assert/strict';
import { loadFixture, usePanelPages, type PanelPage } from './panel-harness';
import { DARK, HIGH_CONTRAST, LIGHT } from './themes';
import { assertLegible, measureCharts, VIEWPORTS } from './chart-legibility';
import { compareWithForecast } from '../../src/audit/forecast-comparison';
import { emptyCounts } from '../../src/audit/run-counts';
import { overviewFromCounts } from '../../src/audit/overview-from-counts';
import { readyForecast } from '../../src/audit/run-forecast';
import { forecastHerding } from '../../src/core/forecast';
import type { DecisionModel } from '../../src/core/model';
import type { HostToWebview, RunHeader } from '../../src/shared/protocol';
import { consistencyText, forecastValueText, observedText, type ObservedVsForecast, type RunForecast } from '../../src/shared/run-forecast';
import type { InBrowser } from '../support/browser-globals';

// Only referenced inside page.evaluate(), which runs in Chromium.
declare const window: InBrowser;

const model: DecisionModel = {
  prior: [0.55, 0.45],
  likelihood: [
    [0.7, 0.3],
    [0.3, 0.7],
  ],
  utility: [
    [1, 0],
    [0, 1],
  ],
};

/** dataset.json's 5 rows (8 agents): labels 0,1,0,1,0, all herded, one wrong herd per label. */
function countsFor5() {
  const counts = emptyCounts({ states: 2, actions: 2, observations: 2, agents: 8 });
  counts.labelledByLabel = [3, 2];
  counts.herdedByLabel = [3, 2];
  counts.wrongHerdsByLabel = [1, 1];
  counts.items = counts.labelled = counts.herded = 5;
  counts.wrongHerds = 2;
  counts.herdingSteps = [0, 1, 2, 0, 2, 0, 0, 0];
  return counts;
}

function datasetMessages(): { messages: HostToWebview[]; header: RunHeader } {
  const messages = loadFixture('dataset.json').messages;
  const open = messages.find((m) => m.type === 'run/open');
  assert.ok(open && open.type === 'run/open');
  return { messages, header: open.header };
}

const forecastMessage = (runId: string, forecast: unknown) => ({ type: 'run/forecast', runId, forecast }) as HostToWebview;

/** Six states with long, hostile names and a Monte Carlo forecast (intervals): the tallest chart. */
function sixStates(): { messages: HostToWebview[]; forecast: RunForecast } {
  const X = 6;
  const six: DecisionModel = {
    prior: Array.from({ length: X }, () => 1 / X),
    likelihood: Array.from({ length: X }, (_, x) => Array.from({ length: X }, (_, y) => (x === y ? 0.5 : 0.1))),
    utility: Array.from({ length: X }, (_, x) => Array.from({ length: X }, (_, a) => (x === a ? 1 : 0))),
  };
  const counts = emptyCounts({ states: X, actions: X, observations: X, agents: 12 });
  counts.labelledByLabel = [40, 35, 30, 0, 20, 10];
  counts.herdedByLabel = [30, 35, 5, 0, 20, 1];
  counts.wrongHerdsByLabel = [3, 20, 1, 0, 0, 1];
  const forecast = readyForecast(forecastHerding(six, { agents: 12, maxBeliefs: 0, chains: 2000, seed: 1 }), counts);
  const states = [
    '<img src=x onerror="window.__pwned=1">insult',
    'a very long state name that goes on and on',
    'threat',
    'spam',
    'dehumanising language',
    'none of these',
  ];
  const header: RunHeader = {
    runId: 'run-six',
    kind: 'dataset',
    title: 'six.csv',
    profileName: 'six states',
    mode: 'sensor',
    states,
    actions: states.map((s) => `act on ${s}`),
    attributes: [],
    agents: 12,
    items: 135,
    startedAt: '2026-03-02T10:15:00Z',
    simulated: true,
    providerSummary: 'simulated',
  };
  return {
    forecast,
    messages: [
      { type: 'run/open', header, status: 'completed' },
      { type: 'run/status', runId: header.runId, status: 'completed' },
      forecastMessage(header.runId, forecast),
    ],
  };
}

async function cellTexts(panel: PanelPage, state: number): Promise<string[]> {
  return panel.page.locator(`.forecast-table tr[data-state="${state}"] td`).allTextContents();
}

describe('forecast beside what happened (Chromium)', function () {
  this.timeout(180_000);
  const { open } = usePanelPages();

  it('shows "computing" first, then per state the observed rates beside the forecast, as the CLI words them', async () => {
    const panel = await open(LIGHT);
    await panel.page.setViewportSize({ width: 1280, height: 800 });
    const { messages, header } = datasetMessages();
    // With the dataset overview above it, as the host sends them.
    const overview = { type: 'run/overview', runId: header.runId, overview: overviewFromCounts(countsFor5()) } as HostToWebview;
    await panel.post([...messages, overview, forecastMessage(header.runId, { status: 'pending' })]);
    await panel.waitForStatus('completed');
    await panel.page.locator('.dataset-overview').waitFor();
    await panel.page.locator('.forecast-beside[data-status="pending"]').waitFor();
    assert.match((await panel.page.locator('.forecast-beside').textContent()) ?? '', /Computing the herding-risk forecast/);

    const counts = countsFor5();
    const forecast = readyForecast(forecastHerding(model, { agents: 8 }), counts);
    assert.equal(forecast.status, 'ready');
    if (forecast.status !== 'ready') return;
    assert.deepEqual(forecast.comparison, compareWithForecast(counts, forecastHerding(model, { agents: 8 })));
    await panel.post([forecastMessage(header.runId, forecast)]);
    await panel.page.locator('.forecast-beside[data-status="ready"]').waitFor();
    for (const s of forecast.comparison.states) {
      const expected = (
        [
          ['herded by agent 8', s.herding],
          ['wrong herd', s.wrongHerd],
        ] as [string, ObservedVsForecast][]
      ).flatMap(([what, side]: [string, ObservedVsForecast]) => [what, observedText(side), forecastValueText(side), consistencyText(side)]);
      assert.deepEqual(await cellTexts(panel, s.state), expected);
    }
    // State 0: 3 of 3 herded (Wilson [43.9%, 100%]) beside P(herded by 8) ≈ 99.6%; 1 of 3 wrong beside ≈ 10.9%.
    assert.equal((await cellTexts(panel, 0))[1], '100.0% (3/3, 95% CI 43.9%–100.0%)');
    assert.match(
      (await panel.page.locator('.forecast-beside').textContent()) ?? '',
      /8 agents per row · exact \(\d+ public beliefs enumerated\)/,
    );
    assert.deepEqual(await panel.page.locator('.forecast-table th[scope="rowgroup"]').allTextContents(), [
      'true state: not hate',
      'true state: hate',
    ]);
    // On the first screen at 1280×800.
    const box = await panel.page.locator('.forecast-table').boundingBox();
    assert.ok(box && box.y + box.height <= 800, `the forecast table is on the first screen: ${JSON.stringify(box)}`);
    await panel.screenshot('forecast-ready-light');
    assert.deepEqual((await panel.record()).violations, []);
  });

  it('is legible at 1280×800 and 1920×1080 in light, dark and high contrast; state names are text', async () => {
    const { messages, forecast } = sixStates();
    for (const theme of [LIGHT, DARK, HIGH_CONTRAST]) {
      const panel = await open(theme);
      for (const viewport of VIEWPORTS) {
        await panel.page.setViewportSize(viewport);
        await panel.post(messages);
        await panel.page.locator('.forecast-beside[data-status="ready"]').waitFor();
        await panel.settle();
        const charts = await measureCharts(panel.page, '.forecast-chart');
        assert.equal(charts.length, 1);
        const context = `${theme.bodyClass} ${viewport.width}×${viewport.height}`;
        assertLegible(charts[0], context);
        assert.deepEqual(
          charts[0].series.map((s) => s.label).filter((l, i, all) => all.indexOf(l) === i),
          ['observed rate, line: Wilson 95% CI', 'forecast, line: Monte Carlo 95% interval'],
        );
        // Two tracks per state, each named by its state.
        const labels = charts[0].texts.map((t) => t.text);
        assert.equal(labels.filter((t) => t.endsWith(': herded')).length, 6, context);
        assert.equal(labels.filter((t) => t.endsWith(': wrong herd')).length, 6, context);
        const fits = await panel.page
          .locator('.forecast-table-wrap')
          .evaluate((wrap: InBrowser) => wrap.scrollWidth <= wrap.clientWidth + 1);
        assert.ok(fits, `${context}: the table fits its pane without scrolling sideways`);
        await panel.screenshot(`forecast-six-${theme.bodyClass}-${viewport.width}`);
      }
      assert.equal(await panel.page.evaluate(() => window.__pwned), undefined);
      assert.equal(await panel.page.locator('.forecast-beside img').count(), 0);
      assert.equal(
        await panel.page.locator('.forecast-table th[scope="rowgroup"]').first().textContent(),
        'true state: <img src=x onerror="window.__pwned=1">insult',
      );
      assert.deepEqual((await panel.record()).violations, []);
      await panel.close();
    }
    assert.equal(forecast.status, 'ready');
    if (forecast.status !== 'ready') return;
    assert.equal(forecast.comparison.states[3].herding.consistent, null, 'a state without labelled rows');
  });

  it('says why there is no forecast in one line, and drops a malformed one', async () => {
    const panel = await open(DARK);
    const { messages, header } = datasetMessages();
    await panel.post([...messages, forecastMessage(header.runId, { status: 'unavailable', reason: 'no labelled rows <b>yet</b>' })]);
    await panel.page.locator('.forecast-beside[data-status="unavailable"]').waitFor();
    assert.equal(await panel.page.locator('.forecast-beside [data-reason]').textContent(), 'No forecast: no labelled rows <b>yet</b>');
    assert.equal(await panel.page.locator('.forecast-beside b').count(), 0);
    const forecast = readyForecast(forecastHerding(model, { agents: 8 }), countsFor5());
    assert.ok(forecast.status === 'ready');
    const bad = structuredClone(forecast);
    bad.comparison.states[0].herding.observed.rate = 0.1; // outside its Wilson interval
    await panel.post([forecastMessage(header.runId, bad)]);
    await panel.settle();
    assert.equal(await panel.page.locator('.forecast-beside').getAttribute('data-status'), 'unavailable');
  });
});
