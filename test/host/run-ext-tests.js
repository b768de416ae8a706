// Runs a HerdScope test module (exports run(): Promise<void>) inside code-server's Node extension host: the
// workbench URL payload names the extension and the tests; the workbench calls codeAutomationExit(code) when
// run() settles, and the host's console output arrives through codeAutomationLog.
// usage (inside with-code-server.sh): node run-ext-tests.js <extensionDir> <testsModule> <workspaceDir>
// RESULT_FILE=<path> receives the suite's "N passed, N failed, N skipped" line; FAIL_SHOT=<png> a screenshot on failure.
'use strict';
const path = require('path');
const fs = require('fs');
const util = require('util');
const { launchChromium, workbenchUrl } = require('./workbench');

const [extensionPath, testsPath, folder] = process.argv.slice(2, 5).map((p) => path.resolve(p));
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 300000);
// Offline noise from the workbench and built-in extensions (no gallery, no telemetry endpoint, no AI sign-in).
const NOISE =
  /^\[(AgentHost|ChatModelSelection|AccountPolicyGate)\]|Timed out waiting for authentication provider|open-vsx\.org|ENOTFOUND|vscode-cdn\.net|api\.github\.com|vsda|ERR_NAME_NOT_RESOLVED/;
const COUNT_LINE = /^(\d+) passed, (\d+) failed(, \d+ skipped)?$/;

(async () => {
  const started = Date.now();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const timer = setTimeout(() => {
    console.error(`run-ext-tests: timed out after ${timeoutMs} ms`);
    finish(124);
  }, timeoutMs);
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = util.format(...(Array.isArray(args) ? args : [args]));
    if (!process.env.VERBOSE && NOISE.test(text)) return;
    if (COUNT_LINE.test(text.trim()) && process.env.RESULT_FILE) fs.writeFileSync(process.env.RESULT_FILE, text.trim() + '\n');
    (type === 'error' ? console.error : console.log)(text);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  // a loaded machine (several code-servers on 2 cores) can take longer than Playwright's default 30 s to load the workbench
  await page.goto(workbenchUrl(process.env.CS_URL, { folder, extensionPath, testsPath }), { timeout: 120000 });
  const code = await finished;
  clearTimeout(timer);
  if (code !== 0 && process.env.FAIL_SHOT) await page.screenshot({ path: process.env.FAIL_SHOT }).catch(() => {});
  console.log(`run-ext-tests: exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await browser.close();
  process.exit(code);
})().catch((e) => {
  console.error('run-ext-tests: FAILED', e);
  process.exit(1);
});
