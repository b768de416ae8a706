// Re-derives a revived report view's page from what is on disk now, from its saved state alone: the runs (from the
// runs folder), the profile (forecast) and a re-estimated profile (sensor check). What is gone or not allowed becomes
// a message page saying so and what to do; nothing here writes a file or asks the user anything.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { RunStore } from '../../audit/run-store';
import { ForecastCancelledError } from '../../core/forecast';
import type { ReportViewState } from '../../shared/report-view-state';
import { Refusal, replayedUnder, sensorCheckOf, sensorReport } from '../commands/check-sensor';
import { comparisonReport } from '../commands/compare-runs';
import { forecastReport, type RunningForecast } from '../commands/forecast-herding';
import type { Logger } from '../log';
import type { ProfileConsent } from '../profile-consent';
import { profileOrigin } from '../profiles/profile-selection';
import { describe, type ReportPage } from './report-panel';

export interface ReportRestoreDeps {
  store: () => RunStore;
  consent: ProfileConsent;
  log: Logger;
  onForecastStarted?: (run: RunningForecast) => void;
}

export async function restoreReport(deps: ReportRestoreDeps, state: ReportViewState): Promise<ReportPage> {
  try {
    const page = await derive(deps, state);
    deps.log.info('Report', `restored ${describe(state)}${page.kind === 'message' ? `: ${page.paragraphs[0]}` : ''}`);
    return page;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    deps.log.warn('Report', `could not restore ${describe(state)}: ${reason}`);
    return message(`Cannot show ${describe(state)}`, [reason, again(state)]);
  }
}

async function derive(deps: ReportRestoreDeps, state: ReportViewState): Promise<ReportPage> {
  const store = deps.store();
  if (state.view === 'compare') {
    const gone = goneRuns(store, [state.runA, state.runB], state);
    return gone ?? report(await comparisonReport(store, state.runA, state.runB));
  }
  if (state.view === 'sensor') {
    const gone = goneRuns(store, [state.runId], state);
    if (gone) return gone;
    try {
      const { ctx, page } = await sensorCheckOf(store, state.runId);
      const file = state.reestimatedProfile;
      if (file && vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file)) && existsSync(file))
        page.reestimate = await replayedUnder(ctx, file);
      else if (file)
        deps.log.warn('Report', `the re-estimated profile ${file} is gone or outside the workspace; the sensor check is shown without it`);
      return report(sensorReport(page));
    } catch (err) {
      if (err instanceof Refusal) return message(`Cannot show ${describe(state)}`, [err.message]);
      throw err;
    }
  }
  // A workspace profile in an untrusted workspace is not run on a reload, and no one is asked while the window opens.
  if (!deps.consent.allowedWithoutAsking(profileOrigin(state.profile)))
    return message(`Forecast of ${state.profile} not recomputed`, [
      'The workspace is not trusted, and the profile was not allowed in this session, so the forecast was not recomputed.',
      'Run HerdScope: Forecast Herding to be asked, or trust the workspace.',
    ]);
  try {
    return report(await forecastReport(state.profile, state.agents, deps));
  } catch (err) {
    if (!(err instanceof ForecastCancelledError)) throw err;
    return {
      kind: 'message',
      title: 'Forecast cancelled',
      paragraphs: ['Forecast cancelled.', 'Run HerdScope: Forecast Herding to compute it again.'],
    };
  }
}

/** A message page when a run of the view is no longer in the runs folder. */
function goneRuns(store: RunStore, runIds: string[], state: ReportViewState): ReportPage | null {
  const gone = runIds.filter((id) => !existsSync(store.runDir(id)));
  if (gone.length === 0) return null;
  return message(`Run${gone.length > 1 ? 's' : ''} ${gone.join(' and ')} no longer exist${gone.length > 1 ? '' : 's'}`, [
    `${describe(state)[0].toUpperCase()}${describe(state).slice(1)} cannot be shown: ${gone.length > 1 ? 'the runs are' : `run ${gone[0]} is`} not in the runs folder ${store.dir} (deleted, or the runs folder changed).`,
    again(state),
  ]);
}

function again(state: ReportViewState): string {
  if (state.view === 'compare') return 'Run HerdScope: Compare Runs… to compare two runs that exist.';
  if (state.view === 'sensor') return 'Run HerdScope: Check Sensor Model on a run that exists.';
  return 'Run HerdScope: Forecast Herding again.';
}

const report = (r: { title: string; html: string; fileName: string }): ReportPage => ({
  kind: 'report',
  report: { title: r.title, html: r.html, fileName: r.fileName },
});

const message = (title: string, paragraphs: string[]): ReportPage => ({ kind: 'message', title, paragraphs, error: true });
