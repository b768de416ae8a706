// What a report view (comparison, forecast, sensor check) keeps across a window reload: which report of what, never
// its data. The webview saves it with setState; the host re-derives the page from disk when VS Code revives the view.

export type ReportViewState =
  | { version: 1; view: 'compare'; runA: string; runB: string }
  | { version: 1; view: 'forecast'; profile: string; agents: number }
  | {
      version: 1;
      view: 'sensor';
      runId: string;
      /** The profile "Re-estimate Profile…" wrote (absolute path): the replay under it is shown again. */
      reestimatedProfile?: string;
    };

/** The `<meta name=…>` carrying the state into the report view's page. */
export const REPORT_STATE_META = 'herdscope-report-state';

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const MAX_AGENTS = 100_000;

const isRunId = (v: unknown): v is string => typeof v === 'string' && RUN_ID.test(v);
/** A built-in profile name or a file path: printable, one line, bounded. */
const isProfileRef = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= 4096 && !/[\u0000-\u001f\u007f]/.test(v);

/** The state if it is one HerdScope saved, else null (the view then says it cannot be restored). */
export function parseReportViewState(raw: unknown): ReportViewState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (r.version !== 1) return null;
  if (r.view === 'compare' && isRunId(r.runA) && isRunId(r.runB)) return { version: 1, view: 'compare', runA: r.runA, runB: r.runB };
  if (
    r.view === 'forecast' &&
    isProfileRef(r.profile) &&
    Number.isInteger(r.agents) &&
    (r.agents as number) >= 1 &&
    (r.agents as number) <= MAX_AGENTS
  )
    return { version: 1, view: 'forecast', profile: r.profile, agents: r.agents as number };
  if (r.view === 'sensor' && isRunId(r.runId)) {
    if (r.reestimatedProfile === undefined) return { version: 1, view: 'sensor', runId: r.runId };
    if (isProfileRef(r.reestimatedProfile) && r.reestimatedProfile.endsWith('.herdscope.json'))
      return { version: 1, view: 'sensor', runId: r.runId, reestimatedProfile: r.reestimatedProfile };
  }
  return null;
}
