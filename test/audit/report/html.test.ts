// The standalone HTML report: escaping of every run string, a script-free CSP, and what Chromium actually shows.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { htmlReport, REPORT_CSP } from '../../../src/audit/report/html';
import { parseProfile } from '../../../src/audit/profile';
import { builtinProfiles, builtinProfileNames } from '../../../src/audit/builtin-profiles';
import type { ItemSummary, LoadedRun, RunHeader } from '../../../src/audit/run-types';
import type { StepRecord } from '../../../src/audit/step-record';
import type { HostToWebview } from '../../../src/extension/protocol';
import { launchChromium, type Browser } from '../../support/chromium';
import type { InBrowser } from '../../support/browser-globals';

// Only referenced inside page.evaluate(), which runs in Chromium.
declare const window: InBrowser, document: InBrowser, getComputedStyle: InBrowser;

const ROOT = resolve(__dirname, '../../../..');
const ARTEFACTS = join(ROOT, 'test-artefacts', 'report');
const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '"><svg onload=window.__pwned=1>';

/** A LoadedRun assembled from one of the panel's recorded message streams (the same data the host would store). */
function runFromStream(name: string): LoadedRun {
  const { messages } = JSON.parse(readFileSync(join(ROOT, 'test/webview/fixtures', name), 'utf8')) as { messages: HostToWebview[] };
  let header: RunHeader | null = null;
  const steps: StepRecord[] = [];
  const items: ItemSummary[] = [];
  let status: LoadedRun['meta']['status'] = 'running';
  let statusMessage: string | undefined;
  let rp: LoadedRun['meta']['rp'];
  for (const m of messages) {
    if (m.type === 'run/open' && m.header) header = m.header;
    if (m.type === 'run/steps') steps.push(...m.steps);
    if (m.type === 'run/item') items.push(m.summary);
    if (m.type === 'run/status') [status, statusMessage] = [m.status, m.message];
    if (m.type === 'run/rp') rp = { verdict: m.verdict, utilities: m.utilities, costs: m.costs };
  }
  assert.ok(header);
  const profile = parseProfile(builtinProfiles[builtinProfileNames[0]]);
  return {
    meta: {
      version: 1, header, status, statusMessage, profile, profileSource: 'builtin', provider: {}, createdAt: header.startedAt, updatedAt: header.startedAt,
      totals: { steps: steps.length, errors: steps.filter((s) => s.error).length, itemsDone: items.length, itemsHerded: 0, promptTokens: 1000, completionTokens: 200, costUsd: 0.0012 },
      rp,
    },
    steps,
    items,
    skippedLines: 0,
  };
}

describe('HTML report', () => {
  it('escapes every run string: no markup from the data survives', () => {
    const html = htmlReport(runFromStream('hostile.json'), { generatedAt: '2026-03-02T12:00:00Z' });
    assert.equal((html.match(/<script/gi) ?? []).length, 0, 'no script element at all');
    assert.equal((html.match(/<img/gi) ?? []).length, 0);
    assert.ok(!/<svg onload/i.test(html));
    assert.ok(!/href="javascript/i.test(html));
    assert.ok(!/<[a-z][^>]*\son\w+\s*=/i.test(html), 'no event-handler attribute inside any tag');
    assert.ok(html.includes('&lt;img src=x onerror=window.__pwned=1&gt;'));
    assert.ok(html.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;'));
    assert.ok(html.includes('&quot;&gt;&lt;svg onload=window.__pwned=1&gt;'));
    assert.ok(html.includes('1 malformed step record(s) were left out.'));
  });

  it('has a CSP with no script source and admits its own stylesheet by hash', () => {
    const html = htmlReport(runFromStream('sensor-herding.json'));
    assert.match(REPORT_CSP, /^default-src 'none'; /);
    assert.ok(!/script-src|unsafe-inline|unsafe-eval/.test(REPORT_CSP));
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
    assert.ok(style);
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    assert.ok(html.includes(`style-src 'sha256-${hash}'`));
  });

  it('keeps tampered numbers out of the markup', () => {
    const run = runFromStream('sensor-herding.json');
    const evil = '1"><script>window.__pwned=1</script>' as unknown as number;
    run.steps[0] = { ...run.steps[0], latencyMs: evil, costUsd: evil, tokens: { prompt: evil, completion: 1 } };
    run.items.push({ item: evil, text: 'x', label: null, herdingStep: evil, herdAction: null, finalPublicBelief: [], errors: evil });
    const html = htmlReport(run);
    assert.equal((html.match(/<script/gi) ?? []).length, 0);
  });

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
        handlers: [...document.querySelectorAll('*')].filter((e: InBrowser) => [...e.attributes].some((a: InBrowser) => a.name.startsWith('on'))).length,
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
      assert.deepEqual(console.filter((l) => /Content Security Policy/.test(l)), []);
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
      assert.ok(console.some((l) => /Content Security Policy/.test(l)), console.join('\n'));
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
