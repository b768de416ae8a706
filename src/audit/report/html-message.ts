// A report page that only says something: a report view that cannot show its report (its run is gone, its forecast
// was cancelled) says why and what to do, instead of staying blank. Same CSP and stylesheet as every report.
import { reportHead } from './html';
import { escapeHtml as e } from './html-escape';

/** The first paragraph is the news (in the error colour when `error`), the others what to do. */
export function htmlMessage(title: string, paragraphs: readonly string[], options: { error?: boolean } = {}): string {
  return `${reportHead(`HerdScope — ${e(title)}`)}
<body>
<header><h1>${e(title)}</h1></header>
<section id="message">${paragraphs.map((p, i) => `<p${i === 0 && options.error ? ' class="error"' : ''}>${e(p)}</p>`).join('\n')}</section>
</body>
</html>
`;
}
