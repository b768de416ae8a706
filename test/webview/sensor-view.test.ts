// The sensor check beside a dataset run in the panel (Chromium): a rejected B is a prominent warning naming the worst
// state in words, the per-state table shows the check's numbers, the buttons ask the host for the report or a
// re-estimated profile, hostile state names stay text, a reason in one line when there is no check, malformed checks
// are dropped.
import assert from 'node:assert/strict';
import { loadFixture, usePanelPages } from './panel-harness';
import { DARK, HIGH_CONTRAST, LIGHT } from './themes';
import { checkSensor } from '../../src/audit/sensor-check';
import type { HostToWebview, RunHeader } from '../../src/shared/protocol';
import type { InBrowser } from '../support/browser-globals';

// Only referenced inside page.evaluate(), which runs in Chromium.
declare const window: InBrowser;

function datasetMessages(states?: string[]): { messages: HostToWebview[]; header: RunHeader } {
  const messages = loadFixture('dataset.json').messages.map((m) =>
    m.type === 'run/open' && states ? ({ ...m, header: { ...m.header, states } } as HostToWebview) : m,
  );
  const open = messages.find((m) => m.type === 'run/open');
  assert.ok(open && open.type === 'run/open');
  return { messages, header: open.header };
}

const sensorMessage = (runId: string, sensor: unknown) => ({ type: 'run/sensor', runId, sensor }) as HostToWebview;
const B = [
  [0.8, 0.2],
  [0.3, 0.7],
];

describe('sensor check beside a dataset run (Chromium)', function () {
  this.timeout(120_000);
  const { open } = usePanelPages();

  it('a rejected B is a warning with the worst state in words; the table carries the check; buttons post the actions', async () => {
    const panel = await open(LIGHT);
    await panel.page.setViewportSize({ width: 1280, height: 800 });
    const states = ['<img src=x onerror="window.__pwned=1">not toxic', 'toxic'];
    const { messages, header } = datasetMessages(states);
    // The model answered y = 1 in 60 of 100 "not toxic" rows where the profile assumes 20%.
    const check = checkSensor(
      [
        [40, 60],
        [30, 70],
      ],
      B,
      states,
    );
    assert.equal(check.rejected, true);
    await panel.post([...messages, sensorMessage(header.runId, { status: 'ready', check })]);
    await panel.waitForStatus('completed');
    const section = panel.page.locator('.sensor-check[data-verdict="rejected"]');
    await section.waitFor();
    const warning = section.locator('.sensor-warning[role="alert"]');
    assert.equal(await warning.locator('.sensor-message').textContent(), check.message);
    assert.match(check.message, /<img src=x onerror="window.__pwned=1">not toxic/, 'the worst state is named in the words');
    // First screen: the warning is in view without scrolling at 1280×800.
    const box = await warning.boundingBox();
    assert.ok(box && box.y + box.height <= 800, `warning at y=${box?.y}`);

    await panel.screenshot('panel-sensor-rejected-1280x800');
    const rows = section.locator('.sensor-table tbody tr');
    assert.equal(await rows.count(), 2);
    const s0 = check.states[0];
    assert.deepEqual(await rows.nth(0).locator('th, td').allTextContents(), [
      states[0],
      '100',
      `${s0.g!.toFixed(1)} (1)`,
      s0.pHolm! < 1e-4 ? s0.pHolm!.toExponential(1) : s0.pHolm!.toFixed(4),
      s0.tv!.toFixed(3),
    ]);
    assert.equal(await rows.nth(0).getAttribute('class'), 'sensor-row rejected');
    assert.equal(await panel.page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);
    assert.equal(await section.locator('img').count(), 0);

    await section.locator('.sensor-details').click();
    await section.locator('.sensor-reestimate').click();
    const posted = (await panel.record()).posted.filter((m) => m.type === 'sensor-action');
    assert.deepEqual(posted, [
      { type: 'sensor-action', action: 'details' },
      { type: 'sensor-action', action: 'reestimate' },
    ]);
    assert.deepEqual((await panel.record()).violations, []);
  });

  it('a B that holds reads as such, in dark and high contrast', async () => {
    for (const theme of [DARK, HIGH_CONTRAST]) {
      const panel = await open(theme);
      const { messages, header } = datasetMessages();
      const check = checkSensor(
        [
          [78, 22],
          [31, 69],
        ],
        B,
      );
      assert.equal(check.rejected, false);
      await panel.post([...messages, sensorMessage(header.runId, { status: 'ready', check })]);
      const section = panel.page.locator('.sensor-check[data-verdict="holds"]');
      await section.waitFor();
      assert.equal(await section.locator('.sensor-warning').count(), 0);
      assert.match((await section.locator('.sensor-holds').textContent()) ?? '', /^The observations are consistent with B/);
    }
  });

  it('says why there is no check in one line, and drops a malformed one', async () => {
    const panel = await open(DARK);
    const { messages, header } = datasetMessages();
    await panel.post([...messages, sensorMessage(header.runId, { status: 'unavailable', reason: 'no labelled rows <b>yet</b>' })]);
    const section = panel.page.locator('.sensor-check[data-verdict="none"]');
    await section.waitFor();
    assert.equal(await section.locator('.sensor-note').textContent(), 'No sensor check: no labelled rows <b>yet</b>');
    const bad = checkSensor(
      [
        [1, 2],
        [3, 4],
      ],
      B,
    );
    await panel.post([sensorMessage(header.runId, { status: 'ready', check: { ...bad, states: [{ ...bad.states[0], tv: 2 }] } })]);
    await panel.settle();
    assert.equal(await panel.page.locator('.sensor-check').getAttribute('data-verdict'), 'none', 'an out-of-range TV is dropped');
  });
});
