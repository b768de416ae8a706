// The HTML report opened in Chromium: hostile strings stay text, nothing runs, the chart is drawn.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { htmlReport } from '../../src/audit/report/html';
import { launchChromium, type Browser } from '../support/chromium';
import type { InBrowser } from '../support/browser-globals';
import { ROOT } from './panel-harness';
import { runFromStream } from './run-from-stream';

// Only referenced inside page.evaluate(), which runs in Chromium.
declare const window: InBrowser, document: InBrowser, getComputedStyle: InBrowser;

const ARTEFACTS = join(ROOT, 'test-artefacts', 'report');
const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '"><svg onload=window.__pwned=1>';

describe('HTML report', () => {
  describe('in Chromium', function () {
    this.timeout(60_000);
    let browser: Browser;
    before(async () => {
      browser = await launchChromium();
      mkdirSync(ARTEFACTS, { recursive: true });
    });
    after(async () => browser?.close());

    async function open(name: string, html: string, colorScheme: 'light' | 'dark') {
      const file = join(ARTEFACTS, `${name}.html`);
      writeFileSync(file, html);
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme });
      const console: string[] = [];
      page.on('console', (m) => console.push(m.text()));
      await page.goto(pathToFileURL(file).href);
      return { page, console };
    }

    it('renders the hostile run as text, runs nothing, and draws the chart', async () => {
      const { page, console } = await open('report-hostile', htmlReport(runFromStream('hostile.json')), 'dark');
      const seen = await page.evaluate(() => ({
        pwned: window.__pwned,
        scripts: document.querySelectorAll('script').length,
        imgs: document.querySelectorAll('img').length,
        handlers: [...document.querySelectorAll('*')].filter((e: InBrowser) =>
          [...e.attributes].some((a: InBrowser) => a.name.startsWith('on')),
        ).length,
        title: document.querySelector('h1').textContent,
        raw: document.querySelector('details pre').textContent,
        onset: document.querySelector('svg.posterior .onset')?.getAttribute('data-agent'),
        bodyMaxWidth: getComputedStyle(document.body).maxWidth,
      }));
      assert.equal(seen.pwned, undefined);
      assert.equal(seen.scripts, 0);
      assert.equal(seen.imgs, 0);
      assert.equal(seen.handlers, 0);
      assert.equal(seen.title, `Audit ${SCRIPT}`);
      assert.equal(seen.raw, `${IMG} ${SCRIPT} <a href="javascript:window.__pwned=1">click</a> javascript:window.__pwned=1 ${SVG}`);
      assert.equal(seen.onset, '4');
      assert.equal(seen.bodyMaxWidth, '1200px', 'the hashed stylesheet applied');
      assert.deepEqual(
        console.filter((l) => /Content Security Policy/.test(l)),
        [],
      );
      await page.screenshot({ path: join(ARTEFACTS, 'report-hostile-dark.png'), fullPage: false });
      await page.close();
    });

    it('draws the posterior chart with the herding marker at agent 4 and blocks injected script', async () => {
      const { page, console } = await open('report-sensor', htmlReport(runFromStream('sensor-herding.json')), 'light');
      assert.equal(await page.locator('svg.posterior .onset').getAttribute('data-agent'), '4');
      assert.equal(await page.locator('svg.posterior .onset text').textContent(), 'herding begins at agent 4');
      assert.equal(await page.locator('svg.posterior path.line').count(), 2);
      assert.ok(((await page.locator('svg.posterior path.cascade').getAttribute('d')) ?? '').startsWith('M'));
      assert.equal(await page.locator('table.steps tbody tr').count(), 10);
      assert.equal(await page.locator('table.steps tbody tr.cascade').count(), 7);
      assert.equal(await page.locator('table.heatmap').count(), 2);
      await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__inline = 1';
        document.body.appendChild(s);
      });
      assert.equal(await page.evaluate(() => window.__inline), undefined);
      assert.ok(
        console.some((l) => /Content Security Policy/.test(l)),
        console.join('\n'),
      );
      await page.screenshot({ path: join(ARTEFACTS, 'report-sensor-light.png'), fullPage: true });
      await page.close();
    });

    it('renders a dataset run with an items table and one chain per item', async () => {
      const { page } = await open('report-dataset', htmlReport(runFromStream('dataset.json')), 'dark');
      assert.equal(await page.locator('section h2[id^="item-"]').count(), 5);
      assert.equal(await page.locator('svg.posterior').count(), 5);
      const itemsTable = page.locator('section', { has: page.locator('h2', { hasText: /^Items$/ }) }).locator('table');
      assert.equal(await itemsTable.locator('tbody tr').count(), 5);
      assert.match(await itemsTable.innerText(), /They are vermin/);
      await page.screenshot({ path: join(ARTEFACTS, 'report-dataset-dark.png'), fullPage: false });
      await page.close();
    });
  });
});
