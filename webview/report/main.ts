// The report view's only script: hands VS Code the view's state (which report of what, from the page's meta tag) so
// the view is revived after a window reload. The report itself is static HTML; this script touches nothing on screen.
import { parseReportViewState, REPORT_STATE_META } from '../../src/shared/report-view-state';

declare function acquireVsCodeApi(): { setState(state: unknown): void };

const meta = document.querySelector(`meta[name="${REPORT_STATE_META}"]`);
let state: unknown = null;
try {
  state = parseReportViewState(JSON.parse(meta?.getAttribute('content') ?? 'null'));
} catch {
  state = null; // not JSON: nothing to keep
}
if (state) acquireVsCodeApi().setState(state);
