// The dataset overview in the panel (Chromium): headline numbers with intervals from the host's DatasetOverview, the
// herding-step histogram and confusion table filtering the item list, sorting, and 100,000 items.
import assert from 'node:assert/strict';
import { loadFixture, usePanelPages } from './panel-harness';
import { DARK, LIGHT } from './themes';
import type { DatasetOverview, HostToWebview, ItemSummary } from '../../src/shared/protocol';
import type { InBrowser } from '../support/browser-globals';

// Only referenced inside page.evaluate(), which runs in Chromium.
declare const window: InBrowser;

const rate = (k: number, n: number, low: number, high: number) => ({ k, n, rate: n > 0 ? k / n : null, low, high });

/** Hand-built for dataset.json's five rows (8 agents; herding at agents 3, 5, 5, 3, 2; labels 0, 1, 0, 1, 0). */
function overviewFor5(): DatasetOverview {
  return {
    items: 5,
    labelled: 5,
    agents: 8,
    herding: rate(5, 5, 0.5655, 1),
    herdingStepHistogram: [0, 1, 2, 0, 2, 0, 0, 0],
    meanHerdingStep: 3.6,
    wrongHerd: rate(2, 5, 0.1176, 0.7693),
    accuracyFinal: rate(3, 5, 0.2307, 0.8824),
    accuracyByAgent: [
      rate(4, 5, 0.3755, 0.9638),
      rate(4, 5, 0.3755, 0.9638),
      rate(3, 5, 0.2307, 0.8824),
      rate(3, 5, 0.2307, 0.8824),
      rate(3, 5, 0.2307, 0.8824),
      rate(3, 5, 0.2307, 0.8824),
      rate(3, 5, 0.2307, 0.8824),
      rate(3, 5, 0.2307, 0.8824),
    ],
    accuracyBeforeHerding: rate(9, 13, 0.4237, 0.8733),
    accuracyAfterHerding: rate(15, 26, 0.3858, 0.7446),
    confusion: [
      [1, 2],
      [0, 2],
    ],
    errors: { steps: 1, byKind: { parse: 1 } },
    tokens: { prompt: 7240, completion: 1000 },
    costUsd: 0.0012,
    rp: null,
  };
}

function withOverview(overview: unknown): HostToWebview[] {
  const messages = loadFixture('dataset.json').messages;
  const open = messages.find((m) => m.type === 'run/open');
  assert.ok(open && open.type === 'run/open');
  return [...messages, { type: 'run/overview', runId: open.header.runId, overview } as HostToWebview];
}

const shownItems = (page: InBrowser) =>
  page
    .locator('.item-list [role="option"]')
    .evaluateAll((rows: InBrowser[]) => rows.map((r) => Number(r.getAttribute('data-item'))).sort((a: number, b: number) => a - b));

describe('dataset overview (Chromium)', function () {
  this.timeout(180_000);
  const { open } = usePanelPages();

  it('shows the headline numbers with their intervals, and the histogram and confusion table filter the items', async () => {
    const panel = await open(LIGHT);
    await panel.page.setViewportSize({ width: 1280, height: 800 });
    await panel.post(withOverview(overviewFor5()));
    await panel.waitForStatus('completed');
    const page = panel.page;
    await page.locator('.dataset-overview').waitFor();
    const figure = async (field: string) => [
      await page.locator(`[data-field="${field}"]`).textContent(),
      await page.locator(`[data-detail="${field}"]`).textContent(),
    ];
    assert.deepEqual(await figure('herding'), ['100.0%', '95% CI 56.5%–100.0% · 5 of 5 rows']);
    assert.deepEqual(await figure('wrong-herd'), ['40.0%', '95% CI 11.8%–76.9% · 2 of 5 labelled rows']);
    assert.deepEqual(await figure('accuracy'), ['60.0%', '95% CI 23.1%–88.2% · 3 of 5 labelled rows']);
    assert.deepEqual(await figure('accuracy-before'), ['69.2%', '95% CI 42.4%–87.3% · 9 of 13 agent steps']);
    assert.deepEqual(await figure('errors'), ['1 step', 'parse 1']);
    assert.deepEqual(await figure('herding-step'), ['agent 3.6', 'over 5 herded rows']);
    assert.equal(await page.locator('.histogram .bar').count(), 8);
    assert.deepEqual(await page.locator('.confusion-table td').allTextContents(), ['1', '2', '0', '2']);
    await panel.screenshot('overview-light');

    // Items as the fixture's summaries say (not as the overview says): the filters read the summaries.
    const summaries = loadFixture('dataset.json').messages.flatMap((m) => (m.type === 'run/item' ? [m.summary as ItemSummary] : []));
    const expect = (pred: (s: ItemSummary) => boolean) =>
      summaries
        .filter(pred)
        .map((s) => s.item)
        .sort((a, b) => a - b);

    await page.locator('.histogram .bar[data-agent="5"]').click();
    await page.waitForSelector('.items[data-shown="2"]');
    assert.deepEqual(
      await shownItems(page),
      expect((s) => s.herdingStep === 5),
    );
    assert.equal(await page.locator('.item-filter .filter-text').textContent(), '2 items herded at agent 5');

    await page.locator('.label-filter[data-label="1"]').click();
    await page.waitForSelector('.item-filter .filter-text:has-text("label = hate")');
    assert.deepEqual(
      await shownItems(page),
      expect((s) => s.label === 1),
    );

    await page.locator('.overview-figure.clickable', { has: page.locator('[data-field="errors"]') }).click();
    await page.waitForSelector('.item-filter .filter-text:has-text("with errors")');
    assert.deepEqual(
      await shownItems(page),
      expect((s) => s.errors > 0),
    );

    await page.locator('.clear-filter').click();
    await page.waitForSelector('.items[data-shown="5"]');
    assert.equal(await page.locator('.item-filter').isHidden(), true);

    await page.locator('.item-sort').selectOption('herding-step');
    const order = await page
      .locator('.item-list [role="option"]')
      .evaluateAll((rows: InBrowser[]) => rows.map((r) => Number(r.getAttribute('data-item'))));
    const byStep = [...summaries].sort((a, b) => (a.herdingStep ?? 1e9) - (b.herdingStep ?? 1e9) || a.item - b.item).map((s) => s.item);
    assert.deepEqual(order, byStep);
    assert.deepEqual((await panel.record()).violations, []);
  });

  it('a confusion cell filters to its label and final action, the wrong-herd figure to wrong herds; the chip’s × clears', async () => {
    const panel = await open(LIGHT);
    await panel.page.setViewportSize({ width: 1280, height: 800 });
    await panel.post(withOverview(overviewFor5()));
    await panel.waitForStatus('completed');
    const page = panel.page;
    await page.locator('.dataset-overview').waitFor();
    const summaries = loadFixture('dataset.json').messages.flatMap((m) => (m.type === 'run/item' ? [m.summary as ItemSummary] : []));
    assert.ok(
      summaries.every((s) => s.finalAction !== undefined && s.wrongHerd !== undefined),
      'the fixture carries both facts',
    );
    const expect = (pred: (s: ItemSummary) => boolean) =>
      summaries
        .filter(pred)
        .map((s) => s.item)
        .sort((a, b) => a - b);
    const chip = page.locator('.item-filter .filter-chip');

    // Every non-empty cell (label row × final action column) shows exactly the items with that label and final action.
    for (const [label, action] of [
      [0, 1],
      [0, 0],
      [1, 1],
    ]) {
      const want = expect((s) => s.label === label && s.finalAction === action);
      await page.locator(`.confusion-table td[data-label="${label}"][data-action="${action}"] button`).click();
      await page.waitForSelector(`.items[data-shown="${want.length}"]`);
      assert.deepEqual(await shownItems(page), want, `cell ${label}×${action}`);
      const states = ['not hate', 'hate'];
      const actions = ['allow', 'flag'];
      assert.equal(
        await chip.locator('.filter-text').textContent(),
        `${want.length} item${want.length === 1 ? '' : 's'} label = ${states[label]}, final action = ${actions[action]}`,
      );
    }
    assert.equal(await page.locator('.confusion-table td[data-label="1"][data-action="0"] button').isDisabled(), true); // 0 rows
    await panel.screenshot('overview-confusion-filter-light');

    await page.locator('.overview-figure.clickable', { has: page.locator('[data-field="wrong-herd"]') }).click();
    const wrong = expect((s) => s.wrongHerd === true);
    assert.ok(wrong.length > 0);
    await page.waitForSelector('.item-filter .filter-text:has-text("herded wrong")');
    assert.deepEqual(await shownItems(page), wrong);
    assert.equal(await chip.locator('.filter-text').textContent(), `${wrong.length} item${wrong.length === 1 ? '' : 's'} herded wrong`);
    assert.equal(await chip.locator('.clear-filter').getAttribute('aria-label'), 'Clear the filter: herded wrong');
    assert.equal(await chip.locator('.clear-filter').textContent(), '×');
    assert.equal(await chip.isVisible(), true);
    await panel.screenshot('overview-wrong-herd-chip-light');

    await chip.locator('.clear-filter').click();
    await page.waitForSelector(`.items[data-shown="${summaries.length}"]`);
    assert.equal(await page.locator('.item-filter').isHidden(), true);
    assert.deepEqual((await panel.record()).violations, []);
  });

  it('summaries recorded before they carried the final action: the cell shows none of them and says so', async () => {
    const panel = await open(DARK);
    const old = withOverview(overviewFor5()).map((m) => {
      if (m.type !== 'run/item') return m;
      const summary = { ...m.summary };
      delete summary.finalAction;
      delete summary.wrongHerd;
      return { ...m, summary };
    });
    await panel.post(old);
    await panel.waitForStatus('completed');
    const page = panel.page;
    await page.locator('.confusion-table td[data-label="0"][data-action="1"] button').click();
    await page.waitForSelector('.items[data-shown="0"]');
    // The three label-0 rows cannot be judged; the label filter (row header) still works on them.
    assert.equal(
      await page.locator('.item-filter .filter-note').textContent(),
      '3 items were recorded without this fact and cannot be shown',
    );
    await page.locator('.label-filter[data-label="0"]').click();
    await page.waitForSelector('.items[data-shown="3"]');
    assert.equal(await page.locator('.item-filter .filter-note').isHidden(), true);
  });

  it('revealed preferences across label environments: verdict, margins, and per environment its slack, cost and utility', async () => {
    const panel = await open(LIGHT);
    await panel.page.setViewportSize({ width: 1280, height: 800 });
    const rp = {
      grouping: 'label',
      verdict: { passes: true, niasMargin: 0.999999999, niacMargin: 0, basis: '2 labels as environments over 5 labelled rows' },
      environments: [
        {
          name: 'label not hate',
          decisions: 23,
          utility: [
            [1, 0],
            [0, 0],
          ],
          niasSlack: 0.999999999,
          cost: 0,
        },
        {
          name: 'label hate',
          decisions: 16,
          utility: [
            [0, 0],
            [0, 0.75],
          ],
          niasSlack: 0.75,
          cost: 0.125,
        },
      ],
    };
    await panel.post(withOverview({ ...overviewFor5(), rp }));
    await panel.waitForStatus('completed');
    const section = panel.page.locator('.dataset-overview .environments[data-grouping="label"]');
    await section.waitFor();
    assert.equal(await section.locator('h3').textContent(), 'Revealed preferences across environments: labels');
    assert.match(
      (await section.locator('.environments-verdict').textContent()) ?? '',
      /NIAS\/NIAC pass · NIAS margin \+1\.00 · NIAC margin \+0\.00/,
    );
    const rows = section.locator('.environments-table > tbody > tr');
    assert.equal(await rows.count(), 2);
    const cells = async (i: number) =>
      rows
        .nth(i)
        .locator(':scope > th, :scope > td')
        .evaluateAll((cs: InBrowser[]) => cs.slice(0, 4).map((c) => c.textContent));
    assert.deepEqual(await cells(1), ['label hate', '16', '+0.750', '0.125']);
    assert.deepEqual(await rows.nth(1).locator('.utility-mini td').allTextContents(), ['0.00', '0.00', '0.00', '0.75']);
    await panel.screenshot('overview-label-environments-light');
    assert.deepEqual((await panel.record()).violations, []);
  });

  it('drops a malformed overview (an interval that does not contain its rate) and shows none', async () => {
    const panel = await open(DARK);
    const bad = { ...overviewFor5(), herding: { k: 5, n: 5, rate: 1, low: 0.2, high: 0.5 } };
    await panel.post(withOverview(bad));
    await panel.waitForStatus('completed');
    await panel.settle();
    assert.equal(await panel.page.locator('.dataset-overview').isHidden(), true);
  });

  it('100,000 items: filtering by a histogram bar reads only the summaries and keeps the DOM bounded', async () => {
    const panel = await open(DARK);
    const N = 100_000;
    const AGENTS = 20;
    // Deterministic rows: item i herds at agent (i % 23) + 1 when that is ≤ AGENTS, else not at all; label i % 2; every
    // 5th herd is on the other action (a wrong herd); every 7th row ends on the other action than its label.
    const stepOf = (i: number) => ((i % 23) + 1 <= AGENTS ? (i % 23) + 1 : null);
    const all = Array.from({ length: N }, (_, i) => i);
    const histogram = Array.from({ length: AGENTS }, (_, k) => all.filter((i) => stepOf(i) === k + 1).length);
    const finalOf = (i: number) => (i % 7 === 0 ? 1 - (i % 2) : i % 2);
    const confusion = [0, 1].map((x) => [0, 1].map((a) => all.filter((i) => i % 2 === x && finalOf(i) === a).length));
    const wrongHerds = all.filter((i) => stepOf(i) !== null && i % 5 === 0).length;
    await panel.page.evaluate(
      ({ N, AGENTS, histogram, confusion, wrongHerds }) => {
        const runId = 'run-100k';
        const post = (m: unknown) => window.postMessage(m, '*');
        post({
          type: 'run/open',
          status: 'running',
          header: {
            runId,
            kind: 'dataset',
            title: 'Dataset audit: big.csv',
            profileName: 'hate-speech (binary)',
            mode: 'sensor',
            states: ['not hate', 'hate'],
            actions: ['allow', 'flag'],
            attributes: [],
            agents: AGENTS,
            items: N,
            startedAt: '2026-03-02T10:15:00Z',
            simulated: true,
            providerSummary: 'simulated',
          },
        });
        for (let i = 0; i < N; i++) {
          const step = (i % 23) + 1 <= AGENTS ? (i % 23) + 1 : null;
          const wrong = step !== null && i % 5 === 0;
          post({
            type: 'run/item',
            runId,
            summary: {
              item: i,
              text: `row ${i} <b>not bold</b>`,
              label: i % 2,
              herdingStep: step,
              herdAction: step === null ? null : wrong ? 1 - (i % 2) : i % 2,
              finalPublicBelief: [0.5, 0.5],
              errors: i % 1000 === 0 ? 1 : 0,
              finalAction: i % 7 === 0 ? 1 - (i % 2) : i % 2,
              wrongHerd: wrong,
            },
          });
        }
        const herded = histogram.reduce((a: number, b: number) => a + b, 0);
        const r = (k: number, n: number) => ({ k, n, rate: k / n, low: Math.max(0, k / n - 0.01), high: Math.min(1, k / n + 0.01) });
        post({
          type: 'run/overview',
          runId,
          overview: {
            items: N,
            labelled: N,
            agents: AGENTS,
            herding: r(herded, N),
            herdingStepHistogram: histogram,
            meanHerdingStep: 10.5,
            wrongHerd: r(wrongHerds, N),
            accuracyFinal: r(N / 2, N),
            accuracyByAgent: [],
            accuracyBeforeHerding: r(1, 2),
            accuracyAfterHerding: r(1, 2),
            confusion,
            errors: { steps: N / 1000, byKind: { http: N / 1000 } },
            tokens: { prompt: 0, completion: 0 },
            costUsd: 0,
            rp: null,
          },
        });
        post({ type: 'run/status', runId, status: 'completed' });
      },
      { N, AGENTS, histogram, confusion, wrongHerds },
    );
    await panel.waitForStatus('completed');
    await panel.page.waitForSelector(`.items[data-shown="${N}"]`, { timeout: 120_000 });
    await panel.page.locator('.histogram .bar[data-agent="7"]').click();
    const expected = histogram[6];
    await panel.page.waitForSelector(`.items[data-shown="${expected}"]`);
    const ms = await panel.page.locator('.items').getAttribute('data-filter-ms');
    console.log(`      filter 100,000 items by herding step: ${ms} ms in Chromium (${expected} shown)`);
    const rows = await panel.page.locator('.item-list [role="option"]').count();
    assert.ok(rows > 0 && rows < 200, `virtualised: ${rows} rows in the DOM`);
    const first = await panel.page.locator('.item-list [role="option"]').first();
    assert.equal(await first.getAttribute('data-item'), '6');
    assert.match((await first.textContent()) ?? '', /row 6 <b>not bold<\/b>/, 'row text rendered as text');
    assert.equal(await panel.page.locator('.item-list b').count(), 0);
    await panel.page.locator('.item-sort').selectOption('errors');
    const sortMs = await panel.page.locator('.items').getAttribute('data-filter-ms');
    console.log(`      sort the filtered items by errors: ${sortMs} ms`);
    await panel.screenshot('overview-100k-dark');

    // A confusion cell (label 0, final action 1) and the wrong-herd figure, each then sorted by herding step.
    const page = panel.page;
    await page.locator('.confusion-table td[data-label="0"][data-action="1"] button').click();
    await page.waitForSelector(`.items[data-shown="${confusion[0][1]}"]`);
    console.log(`      filter 100,000 items by a confusion cell: ${await page.locator('.items').getAttribute('data-filter-ms')} ms`);
    assert.equal(await page.locator('.item-list [role="option"]').first().getAttribute('data-item'), '0'); // sorted by errors: row 0 has one
    await page.locator('.overview-figure.clickable', { has: page.locator('[data-field="wrong-herd"]') }).click();
    await page.waitForSelector(`.items[data-shown="${wrongHerds}"]`);
    console.log(`      filter 100,000 items to the wrong herds: ${await page.locator('.items').getAttribute('data-filter-ms')} ms`);
    await page.locator('.item-sort').selectOption('herding-step');
    const firstWrong = all.filter((i) => stepOf(i) !== null && i % 5 === 0).sort((a, b) => stepOf(a)! - stepOf(b)! || a - b)[0];
    await page.waitForSelector(`.item-list [role="option"][data-item="${firstWrong}"]`);
    assert.equal(await page.locator('.item-list [role="option"]').first().getAttribute('data-item'), String(firstWrong));
    console.log(`      sort the wrong herds by herding step: ${await page.locator('.items').getAttribute('data-filter-ms')} ms`);
    assert.ok((await page.locator('.item-list [role="option"]').count()) < 200);
    await page.locator('.item-filter .clear-filter').click();
    await page.waitForSelector(`.items[data-shown="${N}"]`);
  });
});
