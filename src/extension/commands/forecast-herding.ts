// HerdScope: Forecast Herding — the herding-risk forecast (issue 10 §3) of the active profile in the report view,
// before any LLM call. A workspace profile in an untrusted workspace needs consent, as for an audit.
import * as vscode from 'vscode';
import { htmlForecast } from '../../audit/report/html-forecast';
import { forecastHerding, type ForecastResult } from '../../core/forecast';
import type { Logger } from '../log';
import type { ProfileConsent } from '../profile-consent';
import type { ReportPanels, ShownReport } from '../panel/report-panel';
import { loadSelectedProfile, profileOrigin, resolveProfileRef } from '../profiles/profile-selection';

/**
 * Limits that keep the forecast to a few seconds on the extension host: exact while at most this many distinct
 * public beliefs are reachable (the built-in E2 profile has ~26,000), else Monte Carlo with this many chains per state.
 */
export const VIEW_FORECAST_LIMITS = { maxBeliefs: 200_000, chains: 5_000, regionSamples: 5_000 } as const;

export interface ForecastHerdingDeps {
  activeProfile(): string;
  consent: ProfileConsent;
  reports: ReportPanels;
  log: Logger;
}

export interface ForecastHerdingArgs {
  /** A built-in name or a profile path (default: the active profile). */
  profile?: string;
  agents?: number;
}

export async function forecastHerdingCommand(
  deps: ForecastHerdingDeps,
  args: ForecastHerdingArgs = {},
): Promise<(ShownReport & { result: ForecastResult }) | undefined> {
  const ref = args.profile ? resolveProfileRef(args.profile) : deps.activeProfile();
  try {
    if (!(await deps.consent.mayRun(profileOrigin(ref)))) {
      void vscode.window.showErrorMessage(
        `HerdScope: the forecast of ${ref} was not run: the workspace is untrusted and the profile was not allowed.`,
      );
      return undefined;
    }
    const { profile, model } = await loadSelectedProfile(ref);
    const agents = args.agents ?? profile.agents.count;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `HerdScope: forecasting herding for ${profile.name}…` },
      // yield once so the notification is drawn before the (synchronous, bounded) computation
      () =>
        new Promise<ForecastResult>((resolve, reject) =>
          setTimeout(() => {
            try {
              resolve(forecastHerding(model, { agents, ...VIEW_FORECAST_LIMITS }));
            } catch (err) {
              reject(err);
            }
          }, 0),
        ),
    );
    const source = `profile ${profile.name}`;
    const report = {
      title: `Forecast: ${profile.name}`,
      html: htmlForecast(result, { states: profile.states, actions: profile.actions }, source),
      fileName: `herdscope-forecast-${profile.name}.html`,
      result,
    };
    deps.reports.show(report);
    deps.log.info(
      'Forecast',
      `${source}: ${result.exact ? 'exact' : 'Monte Carlo'}, ${agents} agents, ${result.distinctBeliefs} distinct beliefs`,
    );
    return report;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.log.warn('Forecast', message);
    void vscode.window.showErrorMessage(`HerdScope: cannot forecast ${ref}: ${message}`);
    return undefined;
  }
}
