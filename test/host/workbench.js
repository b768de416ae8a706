// Shared by the host scripts: launches Debian's Chromium headless and builds code-server workbench URLs whose
// `payload` loads HerdScope as the extension under development (needs code-server's smoke-test driver).
'use strict';
const { chromium } = require('playwright-core');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** extensionPath/testsPath are absolute paths on this machine (the code-server is the "remote"). */
function workbenchUrl(csUrl, { folder, extensionPath, testsPath }) {
  const base = new URL(csUrl);
  const remote = (p) => `vscode-remote://${base.host}${p}`;
  const payload = [['skipWelcome', 'true']];
  if (extensionPath) payload.push(['extensionDevelopmentPath', remote(extensionPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${base.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

module.exports = { launchChromium, workbenchUrl };
