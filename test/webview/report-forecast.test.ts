// The forecast page in Chromium at 1280×800 and 1920×1080, light and dark: its stylesheet applies under the CSP, each
// true state's line is drawn in its own colour with a legend entry naming it, and no two text labels overlap.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { htmlForecast } from '../../src/audit/report/html-forecast';
import { forecastHerding } from '../../src/core/forecast';
import { parseDecisionModel } from '../../src/core/model';
import { launchChromium, type Browser } from '../support/chromium';
import type { InBrowser } from '../support/browser-globals';
import { ROOT } from './panel-harness';

declare const document: InBrowser, getComputedStyle: InBrowser;

const ARTEFACTS = join(ROOT, 'test-artefacts', 'report');
const model = parseDecisionModel({
  prior: [0.4, 0.35, 0.25],
  likelihood: [
    [0.6, 0.25, 0.15],
    [0.2, 0.6, 0.2],
    [0.15, 0.25, 0.6],
  ],
  cost: [
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 0],
  ],
});

describe('HTML forecast in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
    mkdirSync(ARTEFACTS, { recursive: true });
  });
  after(async () => browser?.close());

  const html = htmlForecast(
    forecastHerding(model, { agents: 47 }),
    { states: ['calm', 'storm warning', 'storm'], actions: ['stay', 'prepare', 'evacuate'] },
    'profile weather',
  );
  const cases = [
    { width: 1280, height: 800, scheme: 'light' as const },
    { width: 1920, height: 1080, scheme: 'dark' as const },
  ];
  for (const c of cases) {
    it(`at ${c.width}×${c.height} (${c.scheme}): styled, one coloured labelled line per state, no overlapping labels`, async () => {
      const file = join(ARTEFACTS, 'forecast.html');
      writeFileSync(file, html);
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: c.width, height: c.height });
      await page.emulateMedia({ colorScheme: c.scheme });
      const console: string[] = [];
      page.on('console', (m) => console.push(m.text()));
      await page.goto(pathToFileURL(file).href);
      const seen = await page.evaluate(() => {
        const box = (e: InBrowser) => {
          const r = e.getBoundingClientRect();
          return { x0: r.left, x1: r.right, y0: r.top, y1: r.bottom, text: e.textContent };
        };
        return {
          strokes: [...document.querySelectorAll('svg.forecast polyline.line')].map((e: InBrowser) => getComputedStyle(e).stroke),
          legend: [...document.querySelectorAll('.legend .key')].map((e: InBrowser) => e.textContent),
          svgText: [...document.querySelectorAll('svg.forecast text')].map(box),
          keys: [...document.querySelectorAll('.legend .key')].map(box),
          svgWidth: document.querySelector('svg.forecast').getBoundingClientRect().width,
        };
      });
      assert.deepEqual(
        console.filter((l) => /Content Security Policy/.test(l)),
        [],
      );
      assert.equal(seen.strokes.length, 3);
      assert.equal(new Set(seen.strokes).size, 3, `three colours: ${seen.strokes.join(', ')}`);
      assert.ok(
        seen.strokes.every((s: string) => s !== 'none' && s !== ''),
        'the stylesheet colours the lines',
      );
      assert.deepEqual(
        seen.legend,
        ['calm', 'storm warning', 'storm'].map((s) => `true state ${s}: P(herded by agent k)`),
      );
      assert.ok(seen.svgWidth > 400);
      for (const group of [seen.svgText, seen.keys]) {
        for (let i = 0; i < group.length; i++) {
          for (let j = i + 1; j < group.length; j++) {
            const [a, b] = [group[i], group[j]];
            const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
            assert.ok(!overlap, `"${a.text}" overlaps "${b.text}"`);
          }
        }
      }
      await page.screenshot({ path: join(ARTEFACTS, `forecast-${c.width}-${c.scheme}.png`) });
      await page.close();
    });
  }
});
