// Serves the real panel (buildWebviewHtml + dist/webview/panel.js + media/panel.css) on 127.0.0.1 and opens it in
// Chromium with a recording stand-in for VS Code's acquireVsCodeApi(): posted messages, setState calls and CSP
// violations are kept on window for the tests to read.
import { createServer, type Server } from 'node:http';
import { readFileSync, mkdirSync } from 'node:fs';
import { resolve, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { buildWebviewHtml, makeNonce } from '../../src/extension/webview-html';
import type { HostToWebview, WebviewToHost } from '../../src/shared/protocol';
import { launchChromium, type Browser } from '../support/chromium';
import type { Theme } from './themes';
import type { InBrowser } from '../support/browser-globals';

// Only referenced inside page.evaluate() / addInitScript(), which run in Chromium.
declare const window: InBrowser, document: InBrowser, requestAnimationFrame: InBrowser;

export const ROOT = resolve(__dirname, '../../..');
export const ARTEFACTS = join(ROOT, 'test-artefacts', 'webview');

export interface Fixture {
  description: string;
  messages: HostToWebview[];
}

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(join(ROOT, 'test/webview/fixtures', name), 'utf8')) as Fixture;
}

const FILES: Record<string, [string, string]> = {
  '/dist/webview/panel.js': ['dist/webview/panel.js', 'text/javascript'],
  '/media/panel.css': ['media/panel.css', 'text/css'],
};

/** A loopback server for the panel page; `extraBody` lets a test add markup that the CSP must then judge. */
export class PanelServer {
  private server: Server | null = null;
  origin = '';
  extraBody = '';
  /** Bootstrap messages baked into the next pages served (WebviewHtmlOptions.initialState). */
  initialState: HostToWebview[] | undefined;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', this.origin).pathname;
      if (path === '/') {
        const html = buildWebviewHtml({
          cspSource: this.origin,
          nonce: makeNonce(),
          scriptUri: `${this.origin}/dist/webview/panel.js`,
          styleUri: `${this.origin}/media/panel.css`,
          title: 'HerdScope audit',
          initialState: this.initialState,
        });
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html.replace('<div id="app"></div>', `<div id="app"></div>${this.extraBody}`));
        return;
      }
      const file = FILES[path];
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file[1] });
      res.end(readFileSync(join(ROOT, file[0])));
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => this.server?.close(() => ok()) ?? ok());
  }
}

interface PageRecord {
  posted: WebviewToHost[];
  states: unknown[];
  violations: { directive: string; sample: string }[];
}

export class PanelPage {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, server: PanelServer, theme: Theme, savedState: unknown = undefined): Promise<PanelPage> {
    const page = await browser.context.newPage();
    await page.addInitScript(
      ({ saved, theme }) => {
        const w = window as unknown as Record<string, unknown>;
        const record = { posted: [] as unknown[], states: [] as unknown[], violations: [] as unknown[] };
        w.__record = record;
        let acquired = false;
        let state = saved;
        w.acquireVsCodeApi = () => {
          if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
          acquired = true;
          return {
            postMessage: (m: unknown) => record.posted.push(JSON.parse(JSON.stringify(m))),
            getState: () => state,
            setState: (s: unknown) => {
              state = s;
              record.states.push(JSON.parse(JSON.stringify(s)));
            },
          };
        };
        document.addEventListener('securitypolicyviolation', (e: InBrowser) =>
          record.violations.push({ directive: e.violatedDirective, sample: e.sample }),
        );
        const applyTheme = () => {
          for (const [k, v] of Object.entries(theme.variables)) document.documentElement.style.setProperty(k, v);
          document.body.classList.add(theme.bodyClass);
          document.body.dataset.vscodeThemeKind = theme.bodyClass;
        };
        if (document.body) applyTheme();
        else document.addEventListener('DOMContentLoaded', applyTheme);
      },
      { saved: savedState, theme },
    );
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => (window as unknown as { __record: PageRecord }).__record.posted.length > 0);
    return new PanelPage(page);
  }

  /** Posts messages the way the extension host does (MessageEvents on window), one event each. */
  async post(messages: readonly unknown[]): Promise<void> {
    await this.page.evaluate((ms) => {
      for (const m of ms) window.postMessage(m, '*');
    }, messages as unknown[]);
  }

  async record(): Promise<PageRecord> {
    return this.page.evaluate(() => (window as unknown as { __record: PageRecord }).__record);
  }

  async waitForStatus(status: string): Promise<void> {
    await this.page.waitForSelector(`.run-status[data-status="${status}"]`);
  }

  /** Waits until the page has had a couple of frames to render what was posted. */
  async settle(): Promise<void> {
    await this.page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 60)))));
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(ARTEFACTS, { recursive: true });
    await this.page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: false });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

/**
 * Registers the mocha hooks a panel suite needs (one page server and one Chromium for the suite, each test's page
 * closed after it) and returns the suite's server and an opener for a panel page.
 */
export function usePanelPages(): { server: PanelServer; open: (theme: Theme, savedState?: unknown) => Promise<PanelPage> } {
  const server = new PanelServer();
  let browser: Browser | undefined;
  const pages: PanelPage[] = [];
  before(async () => {
    await server.start();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server.stop();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  return {
    server,
    open: async (theme, savedState) => {
      if (!browser) throw new Error('usePanelPages: Chromium is not running (call it at suite level)');
      const page = await PanelPage.open(browser, server, theme, savedState);
      pages.push(page);
      return page;
    },
  };
}
