// The audit panel's HTML document: a strict CSP (scripts by nonce only, styles/images/fonts from the webview's
// own origin), the bundled script and stylesheet, and optional bootstrap messages. Pure: no vscode import,
// so the browser tests build the very same page.
import type { HostToWebview } from '../shared/protocol';
import { escapeHtml } from '../audit/report/html-escape';

export { escapeHtml };

export interface WebviewHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  /** `webview.asWebviewUri(dist/webview/panel.js)`, as a string. */
  scriptUri: string;
  /** `webview.asWebviewUri(media/panel.css)`, as a string. */
  styleUri: string;
  /** Optional codicon stylesheet (VS Code Elements looks it up by the id `vscode-codicon-stylesheet`). */
  codiconsUri?: string;
  title: string;
  /** Messages the panel replays before any arrive by postMessage (it validates them like any other). */
  initialState?: readonly HostToWebview[];
}

/** A CSP source list (VS Code's is `'self' https://*.vscode-cdn.net`) must not smuggle in a `;`, i.e. a new directive. */
function cspSourceList(value: string, field: string): string {
  const token = /^('[a-z-]+'|[A-Za-z0-9+.:/*_\-[\]]+)$/;
  const tokens = value.trim().split(/\s+/);
  if (value.trim() === '' || !tokens.every((t) => token.test(t)))
    throw new Error(`${field}: not a CSP source list (${JSON.stringify(value)})`);
  return tokens.join(' ');
}

export function buildWebviewHtml(options: WebviewHtmlOptions): string {
  const source = cspSourceList(options.cspSource, 'cspSource');
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(options.nonce)) throw new Error('nonce: expected at least 16 base64/alphanumeric characters');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${options.nonce}'`,
    // Lit's component styles are constructable stylesheets (adoptedStyleSheets), which CSP does not govern,
    // and the panel sets sizes through CSSOM properties, so no 'unsafe-inline' is needed.
    `style-src ${source}`,
    `img-src ${source} data:`,
    `font-src ${source}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const bootstrap =
    options.initialState && options.initialState.length > 0
      ? `\n  <meta name="herdscope-initial-state" content="${escapeHtml(JSON.stringify(options.initialState))}">`
      : '';
  const codicons = options.codiconsUri
    ? `\n  <link rel="stylesheet" id="vscode-codicon-stylesheet" href="${escapeHtml(options.codiconsUri)}">`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>${escapeHtml(options.title)}</title>
  <link rel="stylesheet" href="${escapeHtml(options.styleUri)}">${codicons}${bootstrap}
</head>
<body>
  <div id="app"></div>
  <script nonce="${escapeHtml(options.nonce)}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 random alphanumeric characters from the platform's CSPRNG. */
export function makeNonce(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  // Bytes from 248 (= 4 × 62) up are skipped so every character is equally likely.
  let out = '';
  while (out.length < 32) {
    for (const b of bytes) if (b < 248 && out.length < 32) out += NONCE_ALPHABET[b % 62];
    globalThis.crypto.getRandomValues(bytes);
  }
  return out;
}
