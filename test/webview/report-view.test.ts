// The report view's page as the webview gets it (reportWebviewHtml over a real report + dist/webview/report.js),
// served on 127.0.0.1 and opened in Chromium with a recording stand-in for acquireVsCodeApi(): the one script runs by
// its nonce and saves exactly the view's state, hostile values stay data, and any other script is blocked by the CSP.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPORT_CSP } from '../../src/audit/report/html';
import { htmlForecast } from '../../src/audit/report/html-forecast';
import { htmlMessage } from '../../src/audit/report/html-message';
import { forecastHerding } from '../../src/core/forecast';
import { reportWebviewHtml } from '../../src/extension/report-webview-html';
import { makeNonce } from '../../src/extension/webview-html';
import type { ReportViewState } from '../../src/shared/report-view-state';
import type { InBrowser } from '../support/browser-globals';
import { launchChromium, type Browser } from '../support/chromium';
import { ROOT } from './panel-harness';

declare const window: InBrowser, document: InBrowser;

const forecastPage = htmlForecast(
  forecastHerding(
    {
      prior: [0.55, 0.45],
      likelihood: [
        [0.7, 0.3],
        [0.3, 0.7],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
    },
    { agents: 6 },
  ),
  { states: ['calm', 'storm'], actions: ['stay', 'go'] },
  'profile demo',
);

interface Seen {
  states: unknown[];
  violations: string[];
  pwned: unknown;
  h1: string;
  scripts: number;
}

describe('report view page in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let server: Server;
  let origin = '';
  let page = '';

  before(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', origin).pathname;
      if (path === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      else if (path === '/dist/webview/report.js')
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(ROOT, 'dist/webview/report.js')));
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await new Promise<void>((ok) => server.close(() => ok()));
  });

  async function open(html: string): Promise<Seen> {
    page = html;
    const tab = await browser.context.newPage();
    await tab.addInitScript(() => {
      const record = { states: [] as unknown[], violations: [] as string[] };
      window.__record = record;
      window.acquireVsCodeApi = () => ({
        postMessage: () => {},
        getState: () => undefined,
        setState: (s: unknown) => record.states.push(JSON.parse(JSON.stringify(s))),
      });
      document.addEventListener('securitypolicyviolation', (e: InBrowser) => record.violations.push(e.violatedDirective));
    });
    await tab.goto(`${origin}/`);
    await tab.waitForLoadState('load');
    const seen = await tab.evaluate(() => ({
      states: window.__record.states,
      violations: window.__record.violations,
      pwned: window.__pwned,
      h1: document.querySelector('h1')?.textContent ?? '',
      scripts: document.querySelectorAll('script').length,
    }));
    await tab.close();
    return seen;
  }

  const webview = (html: string, state: ReportViewState) =>
    reportWebviewHtml(html, { nonce: makeNonce(), scriptUri: `${origin}/dist/webview/report.js`, state });

  it('the state script runs by its nonce and saves exactly the view state; the report shows as without it', async () => {
    const state: ReportViewState = { version: 1, view: 'forecast', profile: 'hate-speech', agents: 6 };
    const seen = await open(webview(forecastPage, state));
    assert.deepEqual(seen.states, [state]);
    assert.deepEqual(seen.violations, []);
    assert.equal(seen.scripts, 1);
    const plain = await open(forecastPage);
    assert.equal(seen.h1, plain.h1);
    assert.deepEqual(plain.states, [], 'the report as saved runs nothing');
  });

  it('a hostile profile path is saved as data, runs nothing, and a script without the nonce is blocked', async () => {
    const hostile = '/ws/"><script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>.herdscope.json';
    const state: ReportViewState = { version: 1, view: 'forecast', profile: hostile, agents: 3 };
    const html = webview(forecastPage, state).replace('</body>', '<script>window.__pwned=3</script></body>');
    const seen = await open(html);
    assert.deepEqual(seen.states, [state]);
    assert.equal(seen.pwned, undefined);
    assert.deepEqual(seen.violations, ['script-src-elem'], 'the injected inline script is refused');
  });

  it('a message page (a run that is gone) keeps the state too, so the next reload says the same', async () => {
    const state: ReportViewState = { version: 1, view: 'compare', runA: 'run-a', runB: 'run-b' };
    const seen = await open(
      webview(htmlMessage('Run run-a no longer exists', ['It was deleted.', 'Compare again.'], { error: true }), state),
    );
    assert.deepEqual(seen.states, [state]);
    assert.equal(seen.h1, 'Run run-a no longer exists');
    assert.deepEqual(seen.violations, []);
  });

  it('wraps only a document carrying the report CSP once in its head, with a real nonce', () => {
    const state: ReportViewState = { version: 1, view: 'sensor', runId: 'r' };
    const html = webview(forecastPage, state);
    assert.ok(html.includes(`content="${REPORT_CSP}; script-src 'nonce-`), 'the report CSP plus the nonce, nothing else');
    assert.throws(() => webview('<html><head></head><body></body></html>', state), /report CSP/);
    assert.throws(() => webview(forecastPage + forecastPage, state), /report CSP/);
    assert.throws(() => reportWebviewHtml(forecastPage, { nonce: 'short', scriptUri: 'x', state }), /nonce/);
  });
});
