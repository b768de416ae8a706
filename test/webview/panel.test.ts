// The audit panel in real Chromium: the built bundle, the real HTML builder and CSP, recorded host message streams.
import assert from 'node:assert/strict';
import { loadFixture, usePanelPages, type PanelPage } from './panel-harness';
import { DARK, LIGHT, HIGH_CONTRAST } from './themes';
import type { StepRecord } from '../../src/shared/step-record';
import type { InBrowser } from '../support/browser-globals';

// Only referenced inside page.evaluate(), which runs in Chromium.
declare const window: InBrowser, document: InBrowser, getComputedStyle: InBrowser;
type HTMLElement = InBrowser;

const stepsOf = (name: string): StepRecord[] => loadFixture(name).messages.flatMap((m) => (m.type === 'run/steps' ? m.steps : []));
const firstCascade = (steps: StepRecord[]) => steps.find((s) => s.cascade)?.index ?? null;

describe('audit panel (Chromium)', function () {
  this.timeout(60_000);
  const { server, open } = usePanelPages();
  let panel: PanelPage;

  it('posts ready once its listeners are attached, and renders nothing from before', async () => {
    panel = await open(DARK);
    const record = await panel.record();
    assert.deepEqual(record.posted, [{ type: 'ready' }]);
    assert.deepEqual(record.violations, []);
  });

  describe('sensor-mode run where herding begins at agent 4', () => {
    it('renders header, chart, cards and marks the herding onset at agent 4', async () => {
      panel = await open(DARK);
      const fixture = loadFixture('sensor-herding.json');
      await panel.post(fixture.messages);
      await panel.waitForStatus('completed');
      const page = panel.page;
      assert.match(await page.locator('.run-title').innerText(), /They should all be sent back/);
      assert.equal(await page.locator('.label-simulated').innerText(), 'DEMO · SIMULATED');
      assert.equal(await page.locator('.cancel-button').isHidden(), true);

      const marker = page.locator('.herding-marker');
      assert.equal(await marker.getAttribute('data-agent'), '4');
      assert.equal(await marker.locator('text').textContent(), 'herding begins at agent 4');
      // The marker stands on the x-axis tick of agent 4.
      const tick = page.locator('.tick-label', { hasText: /^4$/ });
      const [markerBox, tickBox] = [await marker.locator('line').boundingBox(), await tick.boundingBox()];
      assert.ok(markerBox && tickBox);
      assert.ok(
        Math.abs(markerBox.x + markerBox.width / 2 - (tickBox.x + tickBox.width / 2)) < 2,
        `marker ${markerBox.x} vs tick ${tickBox.x}`,
      );
      assert.equal(await page.locator('.cascade-region').getAttribute('data-ranges'), '4-10');
      assert.equal(await page.locator('.series').count(), 2);
      assert.match((await page.locator('.herding-callout').textContent()) ?? '', /Herding began at agent 4/);
      assert.equal(await page.locator('.herding-callout').getAttribute('aria-live'), 'polite');

      const card1 = page.locator('.virtual-row[data-agent="1"]');
      assert.equal(await card1.locator('.card-head h3').innerText(), 'Agent 1');
      assert.match(await card1.innerText(), /is_insulting\s*true/);
      assert.match(await card1.innerText(), /y = 1/);
      assert.match(await card1.innerText(), /not hate 0\.550 → 0\.344/);
      assert.equal(await card1.locator('.flag-cascade').count(), 0);
      const card4 = page.locator('.virtual-row[data-agent="4"]');
      assert.equal(await card4.locator('.flag-cascade').count(), 1);
      assert.match(await card4.innerText(), /not hate 0\.740 → 0\.740/);
      assert.match(await card4.innerText(), /tokens · \d+ ms · \$/);

      const record = await panel.record();
      assert.deepEqual(record.violations, [], 'no CSP violation while rendering (Lit styles included)');
      // VS Code Elements' styles are constructable stylesheets: they apply under the CSP without 'unsafe-inline'.
      const button = await page.evaluate(() => {
        const host = document.querySelector('.export-button[data-format="json"]');
        return {
          sheets: host.shadowRoot.adoptedStyleSheets.length,
          background: getComputedStyle(host.shadowRoot.querySelector('.base')).backgroundColor,
        };
      });
      assert.ok(button.sheets > 0);
      assert.equal(button.background, 'rgb(49, 49, 49)', 'secondary button background from --vscode-button-secondaryBackground');
      await panel.screenshot('sensor-dark');
    });

    it('updates live while steps stream in', async () => {
      panel = await open(LIGHT);
      const messages = loadFixture('sensor-herding.json').messages;
      await panel.post(messages.slice(0, 3));
      await panel.page.waitForSelector('.virtual-row[data-agent="2"]');
      assert.equal(await panel.page.locator('.herding-marker').count(), 0);
      assert.match(await panel.page.locator('.status-progress').innerText(), /2 \/ 10/);
      assert.equal(await panel.page.locator('.cancel-button').isVisible(), true);
      await panel.post(messages.slice(3, 6));
      await panel.page.waitForSelector('.herding-marker[data-agent="4"]');
      assert.match(await panel.page.locator('.status-progress').innerText(), /5 \/ 10/);
      assert.equal(await panel.page.locator('.run-status vscode-progress-ring').count(), 1);
      await panel.settle();
      await panel.screenshot('sensor-running-light');
      await panel.post(messages.slice(6));
      await panel.waitForStatus('completed');
      assert.equal(await panel.page.locator('.cancel-button').isHidden(), true);
      await panel.settle();
      await panel.screenshot('sensor-light');
    });

    it('shows the RP badge with its margins and opens the utility heat map', async () => {
      panel = await open(LIGHT);
      await panel.post(loadFixture('sensor-herding.json').messages);
      const badge = panel.page.locator('.rp-badge');
      await badge.waitFor();
      assert.equal(await badge.locator('.rp-verdict').innerText(), 'NIAS/NIAC pass');
      assert.equal(await badge.locator('.rp-margins').innerText(), 'NIAS margin +0.481 · NIAC margin +0.00240');
      await badge.click();
      const dialog = panel.page.locator('dialog.heatmap-dialog');
      assert.equal(await dialog.isVisible(), true);
      assert.equal(await dialog.locator('table.heatmap').count(), 2);
      assert.deepEqual(await dialog.locator('table.heatmap').nth(1).locator('td').allInnerTexts(), ['0.900', '0.100', '0.400', '0.800']);
      assert.deepEqual(await dialog.locator('table.heatmap').first().locator('thead th').allInnerTexts(), [
        'state \\ action',
        'allow',
        'flag',
      ]);
      assert.match(await dialog.locator('table.heatmap caption').nth(1).innerText(), /cost κ = 0\.063/);
      await panel.screenshot('heatmap-light');
      await panel.page.keyboard.press('Escape');
      assert.equal(await dialog.isVisible(), false);
    });

    it('posts export and simulate-control, and shows the control overlay', async () => {
      panel = await open(DARK);
      await panel.post(loadFixture('sensor-herding.json').messages);
      await panel.waitForStatus('completed');
      const page = panel.page;
      await page.locator('.threshold[data-threshold="0.85"]').waitFor({ state: 'attached' });
      assert.equal(await page.locator('[data-field="informative-with"]').innerText(), '8');
      assert.equal(await page.locator('[data-field="informative-without"]').innerText(), '3');
      assert.equal(await page.locator('[data-field="accuracy-with"]').innerText(), '91.0%');
      for (const format of ['json', 'csv', 'html']) await page.locator(`.export-button[data-format="${format}"]`).click();
      await page.locator('.threshold-slider').fill('0.7');
      await page.locator('.threshold-slider').focus();
      await page.keyboard.press('ArrowRight');
      const posted = (await panel.record()).posted;
      assert.deepEqual(posted.slice(1), [
        { type: 'export', format: 'json' },
        { type: 'export', format: 'csv' },
        { type: 'export', format: 'html' },
        { type: 'simulate-control', threshold: 0.7 },
        { type: 'simulate-control', threshold: 0.71 },
      ]);
    });

    it('blocks inline script through its CSP', async () => {
      panel = await open(DARK);
      const console: string[] = [];
      panel.page.on('console', (m) => console.push(m.text()));
      await panel.page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__inline = 1';
        document.body.appendChild(s);
      });
      await panel.page.waitForFunction(() => (window as unknown as { __record: { violations: unknown[] } }).__record.violations.length > 0);
      const record = await panel.record();
      assert.equal(await panel.page.evaluate(() => (window as unknown as { __inline?: number }).__inline), undefined);
      assert.ok(
        record.violations.some((v) => v.directive.startsWith('script-src')),
        JSON.stringify(record.violations),
      );
      assert.ok(
        console.some((line) => /Content Security Policy/.test(line)),
        console.join('\n'),
      );
    });
  });

  it('interacting mode: shows the Bayes action beside the LLM action and highlights disagreement', async () => {
    panel = await open(DARK);
    await panel.post(loadFixture('interacting.json').messages);
    await panel.waitForStatus('completed');
    const steps = stepsOf('interacting.json');
    for (const s of steps) {
      const card = panel.page.locator(`.virtual-row[data-agent="${s.index}"]`);
      const differs = s.llmAction !== s.bayesAction;
      assert.equal(await card.locator('.card.disagrees').count(), differs ? 1 : 0, `agent ${s.index}`);
      assert.equal(await card.locator('.action-llm strong').innerText(), s.llmAction === 1 ? 'flag' : 'allow');
      assert.equal(await card.locator('.action-bayes strong').innerText(), s.bayesAction === 1 ? 'flag' : 'allow');
      assert.equal(await card.locator('.flag-herding').count(), s.herding ? 1 : 0);
    }
    assert.ok(steps.some((s) => s.llmAction !== s.bayesAction));
    await panel.screenshot('interacting-dark');
  });

  describe('dataset run', () => {
    it('lists items, posts select-item and shows the chosen chain', async () => {
      panel = await open(LIGHT);
      await panel.post(loadFixture('dataset.json').messages);
      await panel.waitForStatus('completed');
      const page = panel.page;
      assert.equal(await page.locator('.item-list [role="option"]').count(), 5);
      assert.equal(await page.locator('.item-list [aria-selected="true"]').getAttribute('data-item'), '0');
      assert.match(await page.locator('.item-list [data-item="3"]').innerText(), /They are vermin/);
      await page.locator('.item-list [data-item="2"]').click();
      await page.waitForSelector('.item-list [data-item="2"][aria-selected="true"]');
      const errorCard = page.locator('.virtual-row[data-agent="3"]');
      await errorCard.locator('.card-error').waitFor();
      assert.equal(await errorCard.locator('.card-error').innerText(), 'parse error: no JSON object in the answer');
      assert.equal(await page.locator('.rp-verdict').innerText(), 'NIAS/NIAC fail');
      const expectedOnset = firstCascade(stepsOf('dataset.json').filter((s) => s.item === 2));
      assert.equal(
        await page
          .locator('.herding-marker')
          .getAttribute('data-agent')
          .catch(() => null),
        expectedOnset === null ? null : String(expectedOnset),
      );
      // Keyboard: arrows move within the item list, Enter selects.
      await page.locator('.item-list [data-item="2"]').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.item-list [data-item="3"][aria-selected="true"]');
      const posted = (await panel.record()).posted;
      assert.deepEqual(posted.slice(1), [
        { type: 'select-item', item: 2 },
        { type: 'select-item', item: 3 },
      ]);
      await panel.screenshot('dataset-light');
    });

    it('saves its UI state and restores it when the panel is shown again', async () => {
      panel = await open(DARK);
      const messages = loadFixture('dataset.json').messages;
      await panel.post(messages);
      await panel.waitForStatus('completed');
      await panel.page.locator('.item-list [data-item="2"]').click();
      const raw = panel.page.locator('.virtual-row[data-agent="3"] vscode-collapsible');
      await raw.locator('.collapsible-header').click();
      await panel.page.locator('.virtual-row[data-agent="3"] pre.raw-text').waitFor();
      await panel.page.waitForFunction(() => {
        const states = (window as unknown as { __record: { states: { selectedItem: number; expanded: string[] }[] } }).__record.states;
        const last = states[states.length - 1];
        return last && last.selectedItem === 2 && last.expanded.includes('2:3');
      });
      const saved = (await panel.record()).states.at(-1);
      await panel.close();

      // A new page is what VS Code gives a revived panel: getState() returns the saved state, the host re-sends the run.
      panel = await open(DARK, saved);
      await panel.post(messages);
      await panel.waitForStatus('completed');
      await panel.page.waitForSelector('.item-list [data-item="2"][aria-selected="true"]');
      assert.equal(
        await panel.page.locator('.virtual-row[data-agent="3"] pre.raw-text').innerText(),
        'Sure! Here is my analysis: the text is respectful.',
      );
      assert.deepEqual((await panel.record()).posted, [{ type: 'ready' }], 'restoring does not re-post select-item');
    });
  });

  it('1,000 agents: every card reachable, DOM bounded, chart a bounded set of paths', async () => {
    panel = await open(DARK);
    const fixture = loadFixture('thousand.json');
    await panel.post(fixture.messages);
    await panel.waitForStatus('completed');
    const page = panel.page;
    const onset = firstCascade(stepsOf('thousand.json'));
    assert.ok(onset !== null && onset > 1);
    assert.equal(await page.locator('.herding-marker').getAttribute('data-agent'), String(onset));
    assert.equal(await page.locator('.card-list').getAttribute('aria-busy'), 'false');
    const cards = await page.locator('.card').count();
    assert.ok(cards > 0 && cards <= 30, `cards in DOM: ${cards}`);
    assert.ok((await page.locator('.chart-svg *').count()) < 80, 'chart nodes bounded');
    assert.equal(await page.locator('.series').count(), 1, 'six states: one chosen state plotted plus the MAP band');
    assert.equal(await page.locator('.map-band').count(), 6);

    await page.locator('.virtual-row[data-agent="1"]').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-agent')), '2');
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-agent') === '1000');
    assert.equal(await page.locator('.virtual-row[data-agent="1000"]').getAttribute('aria-posinset'), '1000');
    assert.equal(await page.locator('.virtual-row[data-agent="1000"]').getAttribute('aria-setsize'), '1000');
    assert.ok((await page.locator('.card').count()) <= 30);
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.activeElement!.firstElementChild!).outlineStyle),
      'solid',
      'visible focus',
    );
    await page.keyboard.press('PageUp');
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-agent') === '1');
    await panel.screenshot('thousand-dark');
  });

  it('reaches every control with Tab', async () => {
    panel = await open(LIGHT);
    await panel.post(loadFixture('dataset.json').messages);
    await panel.waitForStatus('completed');
    const reached = new Set<string>();
    for (let i = 0; i < 30; i++) {
      await panel.page.keyboard.press('Tab');
      reached.add(
        await panel.page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          if (!a) return '';
          return a.dataset.format
            ? `export-${a.dataset.format}`
            : a.classList.contains('virtual-row')
              ? `row-${a.getAttribute('role')}`
              : a.className.split(' ')[0] || a.tagName.toLowerCase();
        }),
      );
    }
    for (const want of ['export-json', 'export-csv', 'export-html', 'row-option', 'rp-badge', 'threshold-slider', 'row-article'])
      assert.ok(reached.has(want), `${want} not reached: ${[...reached].join(', ')}`);
  });

  it('hostile run: every string shows verbatim as text and nothing executes', async () => {
    panel = await open(DARK);
    const fixture = loadFixture('hostile.json');
    await panel.post(fixture.messages);
    await panel.waitForStatus('failed');
    const page = panel.page;
    await page.locator('.virtual-row[data-agent="1"] vscode-collapsible .collapsible-header').click();
    await page.locator('.rp-badge').click();
    await page.locator('dialog.heatmap-dialog table').waitFor();
    await panel.settle();

    const img = '<img src=x onerror=window.__pwned=1>';
    const script = '<script>window.__pwned=1</script>';
    const svgPayload = '"><svg onload=window.__pwned=1>';
    const link = '<a href="javascript:window.__pwned=1">click</a> javascript:window.__pwned=1';
    const all = [img, script, link, svgPayload].join(' ');
    assert.equal(await page.locator('.run-title').textContent(), `Audit ${script}`);
    assert.match((await page.locator('.run-meta').textContent()) ?? '', new RegExp(escapeRe(img)));
    assert.match((await page.locator('.run-meta').textContent()) ?? '', new RegExp(escapeRe(link)));
    assert.equal(await page.locator('.virtual-row[data-agent="1"] pre.raw-text').textContent(), all);
    const chipNames = await page.locator('.virtual-row[data-agent="1"] .chip-name').allTextContents();
    assert.deepEqual(chipNames, [img, svgPayload, 'is_insulting']);
    assert.equal(await page.locator('.virtual-row[data-agent="1"] .chip-value').nth(1).textContent(), script);
    assert.equal(await page.locator('.virtual-row[data-agent="4"] .card-error').textContent(), `schema error: bad attribute ${script}`);
    assert.match((await page.locator('.status-message').textContent()) ?? '', new RegExp(escapeRe(svgPayload)));
    assert.equal(await page.locator('.item-list [data-item="0"] .item-text').getAttribute('title'), all);
    assert.ok(all.startsWith(((await page.locator('.item-list [data-item="0"] .item-text').textContent()) ?? 'x').replace(/…$/, '')));
    assert.match((await page.locator('.legend-keys .legend-entry').first().textContent()) ?? '', new RegExp(escapeRe(svgPayload)));
    assert.equal(await page.locator('dialog.heatmap-dialog thead th').nth(1).textContent(), script);

    const verdict = await page.evaluate(() => {
      const all = [...document.body.querySelectorAll('*')];
      return {
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        imgs: document.querySelectorAll('img').length,
        scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src') ?? 'inline'),
        anchors: document.querySelectorAll('a').length,
        handlers: all
          .filter((e) =>
            [...e.attributes].some((a) => a.name.startsWith('on') || a.name === 'href' || (a.name === 'src' && e.tagName !== 'SCRIPT')),
          )
          .map((e) => e.tagName),
        stray: document.querySelectorAll('svg:not(.chart-svg):not(.chart-svg *)').length,
      };
    });
    assert.equal(verdict.pwned, undefined);
    assert.equal(verdict.imgs, 0);
    assert.equal(verdict.scripts.length, 1);
    assert.match(verdict.scripts[0], /\/dist\/webview\/panel\.js$/);
    assert.equal(verdict.anchors, 0);
    assert.deepEqual(verdict.handlers, []);
    assert.equal(verdict.stray, 0);
    // Malformed messages (header null, unknown type, a step with a string index) were ignored, the rest rendered.
    assert.equal(await page.locator('.item-list [role="option"]').count(), 2);
    assert.equal((await panel.record()).violations.length, 0);
    await panel.screenshot('hostile-dark');
  });

  it('replays bootstrap messages baked into the page (initialState) and validates them', async () => {
    const messages = loadFixture('sensor-herding.json').messages;
    server.initialState = [{ type: 'run/steps', runId: 'nope', steps: [] }, ...messages];
    try {
      panel = await open(DARK);
    } finally {
      server.initialState = undefined;
    }
    await panel.waitForStatus('completed');
    assert.equal(await panel.page.locator('.herding-marker').getAttribute('data-agent'), '4');
    assert.deepEqual((await panel.record()).posted, [{ type: 'ready' }]);
  });

  it('a run the host is still sending reads "Loading" until its closing status, never "0 / N agent steps"', async () => {
    panel = await open(DARK);
    const messages = loadFixture('sensor-herding.json').messages;
    const opened = messages.findIndex((m) => m.type === 'run/open');
    const openMsg = messages[opened];
    assert.ok(openMsg && openMsg.type === 'run/open');
    await panel.post([{ ...openMsg, status: 'completed', loading: true }]);
    await panel.waitForStatus('loading');
    assert.match(await panel.page.locator('.run-status').innerText(), /Loading the run/);
    assert.doesNotMatch(await panel.page.locator('.run-status').innerText(), /agent steps/);
    const rest = messages.slice(opened + 1);
    await panel.post(rest.filter((m) => m.type !== 'run/status'));
    await panel.settle();
    assert.equal(await panel.page.locator('.run-status').getAttribute('data-status'), 'loading', 'steps alone do not end loading');
    await panel.post([{ type: 'run/status', runId: openMsg.header.runId, status: 'completed' }]);
    await panel.waitForStatus('completed');
    assert.match(await panel.page.locator('.run-status').innerText(), /10 \/ 10 agent steps/);
  });

  it('ignores messages for another run, and starts clean when the host opens a different run', async () => {
    panel = await open(DARK);
    const sensor = loadFixture('sensor-herding.json').messages;
    await panel.post(sensor);
    await panel.waitForStatus('completed');
    const stray = stepsOf('interacting.json').map((s) => ({ ...s, runId: 'run-sensor-4' }));
    await panel.post([
      { type: 'run/steps', runId: 'some-other-run', steps: stray },
      { type: 'run/status', runId: 'some-other-run', status: 'failed' },
    ]);
    await panel.settle();
    assert.equal(await panel.page.locator('.run-status').getAttribute('data-status'), 'completed');
    assert.equal(await panel.page.locator('.virtual-row[data-agent="1"] .action-public').innerText(), 'flag');

    await panel.post(loadFixture('interacting.json').messages);
    await panel.page.waitForSelector('.virtual-row[data-agent="1"] .action-llm');
    await panel.waitForStatus('completed');
    assert.equal(await panel.page.locator('.run-title').innerText(), 'Interacting audit');
    assert.equal(await panel.page.locator('.rp').isHidden(), true, 'the previous run’s RP verdict is gone');
    assert.equal(await panel.page.locator('.threshold').count(), 0, 'and so is its control overlay');
    assert.equal(await panel.page.locator('.card-list').getAttribute('aria-label'), 'Agents');
    assert.equal(await panel.page.locator('.virtual-row').count(), 6);
  });

  it('high-contrast theme renders without errors', async () => {
    panel = await open(HIGH_CONTRAST);
    const errors: string[] = [];
    panel.page.on('pageerror', (e) => errors.push(e.message));
    panel.page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    await panel.post(loadFixture('sensor-herding.json').messages);
    await panel.waitForStatus('completed');
    await panel.settle();
    assert.equal(await panel.page.evaluate(() => document.body.classList.contains('vscode-high-contrast')), true);
    assert.equal(await panel.page.locator('.herding-marker').getAttribute('data-agent'), '4');
    assert.equal((await panel.page.locator('.virtual-row').count()) > 0, true);
    assert.deepEqual(errors, []);
    assert.deepEqual((await panel.record()).violations, []);
    await panel.screenshot('sensor-high-contrast');
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
