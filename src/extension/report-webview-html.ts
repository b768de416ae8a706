// The report view's document: a standalone report page (src/audit/report/*, CSP default-src 'none', no script) with,
// for the webview only, its state in a meta tag and the one script that saves it, admitted by nonce. Pure: the
// browser tests build the very same page. The page as saved ("Save Report HTML…") stays the report without them.
import { REPORT_CSP } from '../audit/report/html';
import { escapeHtml } from '../audit/report/html-escape';
import { REPORT_STATE_META, type ReportViewState } from '../shared/report-view-state';

export interface ReportWebviewOptions {
  nonce: string;
  /** `webview.asWebviewUri(dist/webview/report.js)`, as a string. */
  scriptUri: string;
  state: ReportViewState;
}

export function reportWebviewHtml(reportHtml: string, options: ReportWebviewOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(options.nonce)) throw new Error('nonce: expected at least 16 base64/alphanumeric characters');
  const cspAttribute = `content="${REPORT_CSP}"`;
  const at = reportHtml.indexOf(cspAttribute);
  const headEnd = reportHtml.indexOf('</head>');
  if (at < 0 || reportHtml.indexOf(cspAttribute, at + 1) >= 0 || headEnd < at)
    throw new Error('report view: the document must carry the report CSP once, in its head');
  // no escaping needed: the CSP is a constant and the nonce was checked to be base64/alphanumeric
  const csp = `${REPORT_CSP}; script-src 'nonce-${options.nonce}'`;
  const added =
    `<meta name="${REPORT_STATE_META}" content="${escapeHtml(JSON.stringify(options.state))}">\n` +
    `<script nonce="${options.nonce}" src="${escapeHtml(options.scriptUri)}"></script>\n`;
  return (
    reportHtml.slice(0, at) + `content="${csp}"` + reportHtml.slice(at + cspAttribute.length, headEnd) + added + reportHtml.slice(headEnd)
  );
}
