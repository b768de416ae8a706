// A report page that only says something: a report view that cannot show its report (its run is gone, its forecast
// was cancelled) says why and what to do, instead of staying blank. Same CSP and stylesheet as every report.
import { REPORT_CSP } from './html';
import { escapeHtml as e } from './html-escape';
import { REPORT_STYLE } from './html-style';

/** The first paragraph is the news (in the error colour when `error`), the others what to do. */
export function htmlMessage(title: string, paragraphs: readonly string[], options: { error?: boolean } = {}): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HerdScope — ${e(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header><h1>${e(title)}</h1></header>
<section id="message">${paragraphs.map((p, i) => `<p${i === 0 && options.error ? ' class="error"' : ''}>${e(p)}</p>`).join('\n')}</section>
</body>
</html>
`;
}
