// HerdScope: Compare Runs… — two dataset runs side by side (issue 10 §4) in the report view. Runs come from the Runs
// view's multi-selection (item, selectedItems), from `{ runA, runB }`, or from two quick picks.
import * as vscode from 'vscode';
import { compareRuns } from '../../audit/compare-runs';
import { htmlComparison } from '../../audit/report/html-compare';
import type { RunStore } from '../../audit/run-store';
import type { RunListing } from '../../audit/run-types';
import type { Logger } from '../log';
import type { ReportPanels, ShownReport } from '../panel/report-panel';
import { runIdFromArg } from './run-arg';

export interface CompareRunsDeps {
  store: () => RunStore;
  reports: ReportPanels;
  log: Logger;
}

export async function compareRunsCommand(deps: CompareRunsDeps, first?: unknown, selected?: unknown): Promise<ShownReport | undefined> {
  const store = deps.store();
  const listings = await store.list();
  const ids = selectedRunIds(first, selected);
  if (ids.length > 2) return fail(deps.log, `select exactly two runs to compare (${ids.length} are selected).`);
  const datasetRuns = listings.filter((l) => l.header.kind === 'dataset');
  const runA = ids[0] ?? (await pick(datasetRuns, 'HerdScope: Compare Runs — run A'));
  if (!runA) return undefined;
  const runB =
    ids[1] ??
    (await pick(
      datasetRuns.filter((l) => l.header.runId !== runA),
      'HerdScope: Compare Runs — run B',
    ));
  if (!runB) return undefined;
  if (runA === runB) return fail(deps.log, 'pick two different runs to compare.');
  for (const id of [runA, runB]) {
    const listing = listings.find((l) => l.header.runId === id);
    if (!listing) return fail(deps.log, `no run ${id} in the runs folder.`);
    if (listing.header.kind !== 'dataset')
      return fail(deps.log, `run ${listing.header.title || id} is not a dataset run; only dataset runs can be compared.`);
  }
  try {
    const report = await comparisonReport(store, runA, runB);
    deps.reports.show(report, { version: 1, view: 'compare', runA, runB });
    deps.log.info('Compare', `compared runs ${runA} and ${runB} on ${report.commonRows} common rows`);
    return report;
  } catch (err) {
    if (err instanceof NothingInCommon) return fail(deps.log, err.message);
    return fail(deps.log, `cannot compare runs ${runA} and ${runB}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

class NothingInCommon extends Error {}

/** The comparison page of two dataset runs, read from disk under a progress notification (large runs take a while). */
export async function comparisonReport(store: RunStore, runA: string, runB: string): Promise<ShownReport & { commonRows: number }> {
  const comparison = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `HerdScope: comparing runs ${runA} and ${runB}…` },
    () => compareRuns(store.runDir(runA), store.runDir(runB)),
  );
  if (comparison.common.rows === 0)
    throw new NothingInCommon(`runs ${runA} and ${runB} have no rows in common (rows are matched by their text); nothing to compare.`);
  return {
    title: `Compare: ${comparison.a.title} vs ${comparison.b.title}`,
    html: htmlComparison(comparison),
    fileName: `herdscope-compare-${runA}-${runB}.html`,
    commonRows: comparison.common.rows,
  };
}

/** From the Runs view VS Code passes (clicked item, all selected items); scripts pass `{ runA, runB }`. */
function selectedRunIds(first: unknown, selected: unknown): string[] {
  if (Array.isArray(selected) && selected.length > 0)
    return [...new Set(selected.map(runIdFromArg).filter((id): id is string => id !== undefined))];
  if (typeof first === 'object' && first !== null && 'runA' in first) {
    const { runA, runB } = first as { runA?: unknown; runB?: unknown };
    return [runA, runB].filter((id): id is string => typeof id === 'string');
  }
  const one = runIdFromArg(first);
  return one ? [one] : [];
}

async function pick(runs: RunListing[], title: string): Promise<string | undefined> {
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('HerdScope: there are no dataset runs to compare. Run HerdScope: Audit Dataset… first.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    runs.map((r) => ({ label: r.header.title || r.header.runId, description: `${r.status} · ${r.header.runId}`, runId: r.header.runId })),
    { title, matchOnDescription: true },
  );
  return picked?.runId;
}

function fail(log: Logger, message: string): undefined {
  log.warn('Compare', message);
  void vscode.window.showErrorMessage(`HerdScope: ${message}`);
  return undefined;
}
