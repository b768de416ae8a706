// HerdScope: Forecast Herding — the herding-risk forecast (issue 10 §3) of the active profile in the report view,
// before any LLM call. A workspace profile in an untrusted workspace needs consent, as for an audit. The forecast runs
// in time slices under a cancellable progress notification; cancelled, it shows nothing but "Forecast cancelled".
import * as vscode from 'vscode';
import { htmlForecast } from '../../audit/report/html-forecast';
import { ForecastCancelledError, forecastHerdingAsync, type ForecastProgress, type ForecastResult } from '../../core/forecast';
import type { Logger } from '../log';
import type { ProfileConsent } from '../profile-consent';
import type { ReportPanels, ShownReport } from '../panel/report-panel';
import { loadSelectedProfile, profileOrigin, resolveProfileRef } from '../profiles/profile-selection';

/**
 * Limits that keep the forecast to a few seconds on the extension host: exact while at most this many distinct
 * public beliefs are reachable (the built-in E2 profile has ~26,000), else Monte Carlo with this many chains per state.
 */
export const VIEW_FORECAST_LIMITS = { maxBeliefs: 200_000, chains: 5_000, regionSamples: 5_000 } as const;

/** A forecast running under progress; `cancel` does what the notification's Cancel button does. */
export interface RunningForecast {
  profile: string;
  cancel(): void;
}

export interface ForecastHerdingDeps {
  activeProfile(): string;
  consent: ProfileConsent;
  reports: ReportPanels;
  log: Logger;
  /** Test mode only: told of each forecast as it starts. */
  onForecastStarted?: (run: RunningForecast) => void;
}

export interface ForecastHerdingArgs {
  /** A built-in name or a profile path (default: the active profile). */
  profile?: string;
  agents?: number;
}

export type ForecastReport = ShownReport & { result: ForecastResult; agents: number };

export async function forecastHerdingCommand(
  deps: ForecastHerdingDeps,
  args: ForecastHerdingArgs = {},
): Promise<ForecastReport | undefined> {
  const ref = args.profile ? resolveProfileRef(args.profile) : deps.activeProfile();
  try {
    if (!(await deps.consent.mayRun(profileOrigin(ref)))) {
      void vscode.window.showErrorMessage(
        `HerdScope: the forecast of ${ref} was not run: the workspace is untrusted and the profile was not allowed.`,
      );
      return undefined;
    }
    const report = await forecastReport(ref, args.agents, deps);
    deps.reports.show(report, { version: 1, view: 'forecast', profile: ref, agents: report.agents });
    return report;
  } catch (err) {
    if (err instanceof ForecastCancelledError) {
      deps.log.info('Forecast', `${ref}: cancelled`);
      void vscode.window.showInformationMessage('HerdScope: Forecast cancelled.');
      return undefined;
    }
    const message = err instanceof Error ? err.message : String(err);
    deps.log.warn('Forecast', message);
    void vscode.window.showErrorMessage(`HerdScope: cannot forecast ${ref}: ${message}`);
    return undefined;
  }
}

/** Loads the profile and forecasts it under a cancellable progress notification; throws ForecastCancelledError if cancelled. */
export async function forecastReport(
  ref: string,
  agentsArg: number | undefined,
  deps: Pick<ForecastHerdingDeps, 'log' | 'onForecastStarted'>,
): Promise<ForecastReport> {
  const { profile, model } = await loadSelectedProfile(ref);
  const agents = agentsArg ?? profile.agents.count;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `HerdScope: forecasting herding for ${profile.name}`, cancellable: true },
    async (progress, token) => {
      const source = new vscode.CancellationTokenSource();
      const linked = token.onCancellationRequested(() => source.cancel());
      try {
        deps.onForecastStarted?.({ profile: ref, cancel: () => source.cancel() });
        return await forecastHerdingAsync(model, {
          agents,
          ...VIEW_FORECAST_LIMITS,
          signal: {
            get aborted() {
              return source.token.isCancellationRequested;
            },
          },
          onProgress: (p) => progress.report({ message: progressText(p) }),
        });
      } finally {
        linked.dispose();
        source.dispose();
      }
    },
  );
  const source = `profile ${profile.name}`;
  deps.log.info(
    'Forecast',
    `${source}: ${result.exact ? 'exact' : 'Monte Carlo'}, ${agents} agents, ${result.distinctBeliefs} distinct beliefs`,
  );
  return {
    title: `Forecast: ${profile.name}`,
    html: htmlForecast(result, { states: profile.states, actions: profile.actions }, source),
    fileName: `herdscope-forecast-${profile.name}.html`,
    result,
    agents,
  };
}

function progressText(p: ForecastProgress): string {
  if (p.phase === 'exact') return `exact enumeration, agent ${p.done + 1} of ${p.total}`;
  if (p.phase === 'monte-carlo') return `Monte Carlo, chain ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')}`;
  return 'locating the cascade region';
}
