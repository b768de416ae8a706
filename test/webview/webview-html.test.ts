// The panel's HTML document builder: CSP, escaping of what it interpolates, and nonces.
import assert from 'node:assert/strict';
import { buildWebviewHtml, makeNonce } from '../../src/extension/webview-html';
import type { HostToWebview } from '../../src/shared/protocol';

const base = {
  cspSource: "'self' https://*.vscode-cdn.net",
  nonce: 'abcdefghijklmnopqrstuvwxyz012345',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
  title: 'HerdScope audit',
};

function csp(html: string): string {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(content, 'CSP meta present');
  return content.replace(/&#39;/g, "'");
}

describe('buildWebviewHtml', () => {
  it('allows scripts only by nonce, and styles, images and fonts only from the webview origin', () => {
    const policy = csp(buildWebviewHtml(base)).split('; ');
    assert.deepEqual(policy, [
      "default-src 'none'",
      "script-src 'nonce-abcdefghijklmnopqrstuvwxyz012345'",
      "style-src 'self' https://*.vscode-cdn.net",
      "img-src 'self' https://*.vscode-cdn.net data:",
      "font-src 'self' https://*.vscode-cdn.net",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    assert.ok(!policy.join(';').includes('unsafe-'));
  });

  it('puts the nonce on the one script, which loads the bundle', () => {
    const html = buildWebviewHtml(base);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    assert.deepEqual(scripts, [` nonce="${base.nonce}" src="${base.scriptUri}"`]);
  });

  it('escapes the title, the URIs and the bootstrap messages', () => {
    const hostile = '"><script>alert(1)</script>';
    const initialState: HostToWebview[] = [{ type: 'run/status', runId: hostile, status: 'failed', message: hostile }];
    const html = buildWebviewHtml({ ...base, title: hostile, codiconsUri: `x${hostile}`, initialState });
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(html.includes('<title>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>'));
    assert.ok(html.includes('id="vscode-codicon-stylesheet" href="x&quot;&gt;&lt;script&gt;'));
    const content = /<meta name="herdscope-initial-state" content="([^"]*)">/.exec(html)?.[1];
    assert.ok(content);
    const decoded = content
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(decoded), initialState);
  });

  it('rejects a CSP source that would add a directive, and a short nonce', () => {
    assert.throws(() => buildWebviewHtml({ ...base, cspSource: "https://x; script-src 'unsafe-inline'" }), /cspSource/);
    assert.throws(() => buildWebviewHtml({ ...base, cspSource: '' }), /cspSource/);
    assert.throws(() => buildWebviewHtml({ ...base, nonce: 'short' }), /nonce/);
    assert.throws(() => buildWebviewHtml({ ...base, nonce: 'has a "quote" and spaces in it' }), /nonce/);
  });
});

describe('makeNonce', () => {
  it('gives 32 alphanumeric characters, different every time', () => {
    const nonces = Array.from({ length: 200 }, makeNonce);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9]{32}$/);
    assert.equal(new Set(nonces).size, nonces.length);
    // Every character of the alphabet shows up over 200 × 32 draws (a biased or truncated alphabet would not).
    assert.equal(new Set(nonces.join('')).size, 62);
  });
});
