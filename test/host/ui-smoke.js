// UI smoke test in the real workbench: F1 → "HerdScope: Run Demo" → the audit panel renders the streamed demo run
// inside VS Code's webview (Chromium). Saves screenshots (dark and light theme, the panel alone, the Runs view) to
// test-artefacts/ and ends with a "N passed, N failed, N skipped" line over its checks.
// usage (inside with-code-server.sh): node ui-smoke.js <extensionDir> <workspaceDir> [artefactsDir]
'use strict';
const fs = require('fs');
const path = require('path');
const { launchChromium, workbenchUrl } = require('./workbench');

const [extensionPath, folder] = process.argv.slice(2, 4).map((p) => path.resolve(p));
const artefacts = path.resolve(process.argv[4] || path.join(extensionPath, 'test-artefacts'));
const results = [];

function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? '  ✔' : '  ✗'} ${name}${detail ? ` (${detail})` : ''}`);
}

async function runCommand(page, title) {
  // The palette lists an extension's commands only once the extension host has registered them: retry until it does.
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.keyboard.press('F1');
    const input = await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 30000 });
    await input.fill(`>${title}`);
    const row = await page
      .waitForFunction(
        (t) => {
          const rows = [...document.querySelectorAll('.quick-input-list .monaco-list-row')];
          return rows.find((r) => (r.getAttribute('aria-label') ?? r.textContent ?? '').trim().startsWith(t)) ?? false;
        },
        title,
        { timeout: 3000 },
      )
      .then(
        (handle) => handle.asElement(),
        () => null,
      );
    if (row) {
      await row.click();
      return;
    }
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
  }
  throw new Error(`command not in the palette: ${title}`);
}

/** The webview's inner document holding HerdScope's #app, once the run reached the given status. */
async function panelFrame(page, status) {
  for (let i = 0; i < 300; i++) {
    for (const frame of page.frames()) {
      try {
        if (await frame.$(`#app [data-status="${status}"]`)) return frame;
      } catch {
        /* frame navigating */
      }
    }
    await page.waitForTimeout(100);
  }
  return null;
}

(async () => {
  fs.mkdirSync(artefacts, { recursive: true });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(workbenchUrl(process.env.CS_URL, { folder, extensionPath }), { timeout: 120000 });
    await page.waitForSelector('.monaco-workbench .part.activitybar [aria-label^="HerdScope"]', { timeout: 60000 });
    check('the workbench loaded with HerdScope in the activity bar', true);

    await runCommand(page, 'HerdScope: Run Demo');
    const frame = await panelFrame(page, 'completed');
    check('the audit panel rendered the demo run to completion', frame !== null);
    if (!frame) throw new Error('no panel frame');
    const text = await frame.evaluate(() => document.body.innerText);
    check('the panel labels the run as a demo', /DEMO/.test(text));
    const agents = /(\d+) \/ (\d+) agent steps/.exec(text);
    check(
      'the panel counts every agent step',
      agents !== null && agents[1] === agents[2] && Number(agents[1]) >= 8,
      agents ? agents[0] : 'no count',
    );
    const cards = await frame.$$eval('[data-agent]', (rows) => rows.length);
    check('the panel shows agent cards', cards > 0, `${cards} cards in view`);
    check('the chart marks where herding begins', (await frame.$('.herding-marker')) !== null);
    const themeOf = (f) =>
      f.evaluate(() =>
        document.body.classList.contains('vscode-dark') ? 'dark' : document.body.classList.contains('vscode-light') ? 'light' : 'other',
      );
    const firstTheme = await themeOf(frame);
    await page.mouse.move(700, 890); // no hover tooltip over the panel
    await page.waitForTimeout(500); // let the chart's transition settle before the picture
    await page.screenshot({ path: path.join(artefacts, `ui-demo-${firstTheme}.png`) });
    await (await frame.$('#app')).screenshot({ path: path.join(artefacts, `ui-panel-${firstTheme}.png`) });

    const otherTheme = firstTheme === 'dark' ? 'light' : 'dark';
    await runCommand(page, 'Preferences: Color Theme');
    const themeInput = await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await themeInput.fill(otherTheme === 'dark' ? 'Dark Modern' : 'Light Modern');
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    await page.mouse.move(700, 890);
    await page.waitForTimeout(1500);
    const themedFrame = await panelFrame(page, 'completed');
    check(`the panel follows the ${otherTheme} theme`, themedFrame !== null && (await themeOf(themedFrame)) === otherTheme);
    await page.screenshot({ path: path.join(artefacts, `ui-demo-${otherTheme}.png`) });
    if (themedFrame) await (await themedFrame.$('#app')).screenshot({ path: path.join(artefacts, `ui-panel-${otherTheme}.png`) });

    await page.click('.activitybar [aria-label^="HerdScope"]');
    await page.waitForFunction(
      () => [...document.querySelectorAll('.monaco-list-row')].filter((r) => r.textContent.includes('DEMO:')).length >= 3,
      null,
      { timeout: 30000 },
    );
    check('the Runs view lists the three demo runs', true);
    await page.screenshot({ path: path.join(artefacts, 'ui-runs-view.png') });

    // No usable provider (the sample profile names OpenAI, no key is stored): the error offers the ways out as buttons.
    await page.keyboard.press('Control+P');
    const quickOpen = await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await quickOpen.fill('review.txt');
    await page.waitForTimeout(700);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+A');
    await runCommand(page, 'HerdScope: Audit Selection');
    // this workbench (smoke-test driver) shows no toasts: read the notification from the notification center
    await page.waitForTimeout(2000);
    await runCommand(page, 'Notifications: Show Notifications');
    const toast = await page
      .waitForSelector('.notifications-center .notification-list-item:has-text("No OpenAI API key")', { timeout: 60000 })
      .catch(async (err) => {
        const shown = await page.$$eval('.notification-toast, .notification-list-item', (els) => els.map((e) => e.textContent.trim()));
        await page.screenshot({ path: path.join(artefacts, 'ui-no-provider.png') });
        throw new Error(`no "No OpenAI API key" notification (shown: ${JSON.stringify(shown)}): ${err.message.split('\n')[0]}`);
      });
    const buttons = await toast.$$eval('.monaco-button', (els) => els.map((e) => e.textContent.trim()).filter(Boolean));
    check(
      'the error offers Set API Key, Use a Local Server and Run Demo (no VS Code chat model here)',
      JSON.stringify(buttons) === JSON.stringify(['Set API Key', 'Use a Local Server', 'Run Demo']),
      buttons.join(' | '),
    );
    await page.screenshot({ path: path.join(artefacts, 'ui-no-provider.png') });

    // "Use a Local Server": two input boxes, then the same Audit Selection runs against a chat-completions server on 127.0.0.1.
    const { startFakeLlmServer, reply } = require(path.join(extensionPath, 'out', 'test', 'support', 'fake-llm-server.js'));
    const server = await startFakeLlmServer();
    try {
      server.setResponder(() => reply.content(JSON.stringify({ defects: false, durability: true, expectations: true, recommend: true })));
      await (await toast.$('.monaco-button:has-text("Use a Local Server")')).click();
      const urlInput = await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await urlInput.fill(server.baseUrlOpenAI);
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => document.querySelector('.quick-input-widget .quick-input-title')?.textContent?.includes('model on that server'),
        null,
        { timeout: 10000 },
      );
      await (await page.waitForSelector('.quick-input-widget input', { state: 'visible' })).fill('local-model');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(1000);
      await page.click('.monaco-editor .view-lines');
      await page.keyboard.press('Control+A');
      await runCommand(page, 'HerdScope: Audit Selection');
      for (let i = 0; i < 300 && server.requests.length < 10; i++) await page.waitForTimeout(100);
      check(
        'after Use a Local Server, the audit reaches the local server with the chosen model and no stored key',
        server.requests.length === 10 &&
          server.requests.every((r) => r.body?.model === 'local-model' && [undefined, 'Bearer no-key'].includes(r.headers.authorization)),
        `${server.requests.length} requests`,
      );
    } finally {
      await server.close();
    }
  } catch (err) {
    check(`unexpected error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, false);
    await page.screenshot({ path: path.join(artefacts, 'ui-failure.png') }).catch(() => {});
  } finally {
    await browser.close();
  }
  const passed = results.filter(Boolean).length;
  const line = `${passed} passed, ${results.length - passed} failed, 0 skipped`;
  if (process.env.RESULT_FILE) fs.writeFileSync(process.env.RESULT_FILE, `${line}\n`);
  console.log(line);
  process.exit(passed === results.length ? 0 : 1);
})().catch((e) => {
  console.error('ui-smoke: FAILED', e);
  process.exit(1);
});
