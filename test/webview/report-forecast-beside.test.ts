// The HTML report's "forecast vs what happened" in Chromium: the cells are the run's compareWithForecast numbers in
// the shared words, the strip chart (the panel's geometry) is styled under the report's CSP, legible at 1280×800 and
// 1920×1080 in light and dark, every mark named by the legend, and the run's state names stay text.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeRunReport } from '../../src/audit/report/stream-report';
import { loadRunContext, runCounts } from '../../src/audit/run-files';
import { runForecast } from '../../src/audit/run-forecast';
import { consistencyText, forecastValueText, observedText } from '../../src/shared/run-forecast';
import { twoStateProfileJson } from '../audit/fixtures';
import { makeRun, rowsOf } from '../audit/run-fixtures';
import { launchChromium, type Browser } from '../support/chromium';
import type { InBrowser } from '../support/browser-globals';
import { assertLegible, measureCharts, VIEWPORTS } from './chart-legibility';
import { ROOT } from './panel-harness';

declare const document: InBrowser, getComputedStyle: InBrowser, window: InBrowser;

const ARTEFACTS = join(ROOT, 'test-artefacts', 'report');

describe('HTML report: forecast beside what happened, in Chromium', function () {
  this.timeout(90_000);
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
    mkdirSync(ARTEFACTS, { recursive: true });
  });
  after(async () => browser?.close());

  it('shows the run comparison in words and a legible strip chart', async () => {
    const labels = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 0 : 1));
    const states = ['<img src=x onerror="window.__pwned=1">clean', 'toxic'];
    const run = await makeRun(twoStateProfileJson({ states }), rowsOf(labels), (item, agent, label) =>
      item % 4 === 1 && agent <= 3 ? 0 : (label ?? 0),
    );
    const ctx = await loadRunContext(run.runDir);
    const forecast = await runForecast(run.runDir, await runCounts(run.runDir, ctx), ctx);
    assert.equal(forecast.status, 'ready');
    if (forecast.status !== 'ready') return;
    const chunks: string[] = [];
    await writeRunReport(run.runsDir, run.runId, 'html', (c) => {
      chunks.push(c);
    });
    const file = join(ARTEFACTS, 'report-forecast-beside.html');
    writeFileSync(file, chunks.join(''));
    for (const [i, viewport] of VIEWPORTS.entries()) {
      const scheme = i === 0 ? 'light' : 'dark';
      const page = await browser.context.newPage();
      const console: string[] = [];
      page.on('console', (m) => console.push(m.text()));
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(pathToFileURL(file).href);
      const cells = await page.evaluate(() =>
        [...document.querySelectorAll('section.forecast-beside tbody tr')].map((tr: InBrowser) =>
          [...tr.querySelectorAll('th, td')].map((c: InBrowser) => c.textContent),
        ),
      );
      assert.deepEqual(
        cells,
        forecast.comparison.states.map((s) => [
          states[s.state],
          ...[s.herding, s.wrongHerd].flatMap((side) => [observedText(side), forecastValueText(side), consistencyText(side)]),
        ]),
      );
      const charts = await measureCharts(page, 'svg.forecast-chart');
      assert.equal(charts.length, 1);
      assertLegible(charts[0], `report ${viewport.width}×${viewport.height} ${scheme}`);
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector('svg.forecast-chart .observed-ci')).strokeWidth);
      assert.equal(styled, '3px', 'the report stylesheet applies to the chart');
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(
        console.filter((l) => /Content Security Policy/.test(l)),
        [],
      );
      await page
        .locator('section.forecast-beside')
        .screenshot({ path: join(ARTEFACTS, `forecast-beside-${viewport.width}-${scheme}.png`) });
      await page.close();
    }
  });
});
