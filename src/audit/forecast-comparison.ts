// The forecast beside what happened (issue 10 §3): per labelled state, the run's herding and wrong-herd rates next to
// the herding-risk forecast for the same number of agents.
import type { ForecastResult, Interval } from '../core/forecast';
import type { ForecastComparison, ObservedVsForecast } from '../shared/run-forecast';
import { wilsonInterval } from '../core/simulate/wilson';
import type { RunCounts } from './run-counts';

export type { ForecastComparison, ObservedVsForecast, StateComparison } from '../shared/run-forecast';

/** Compares a run's counts with a forecast for the run's number of agents and states (anything else throws). */
export function compareWithForecast(counts: RunCounts, forecast: ForecastResult): ForecastComparison {
  const N = counts.agents;
  if (forecast.agents !== N) throw new Error(`compareWithForecast: the forecast is for ${forecast.agents} agents, the run has ${N}`);
  if (forecast.states.length !== counts.states)
    throw new Error(`compareWithForecast: the forecast has ${forecast.states.length} states, the run ${counts.states}`);
  return {
    agents: N,
    exact: forecast.exact,
    states: forecast.states.map((s) => ({
      state: s.state,
      herding: side(
        counts.herdedByLabel[s.state],
        counts.labelledByLabel[s.state],
        s.herdedBy[N - 1],
        s.intervals?.herdedBy[N - 1] ?? null,
      ),
      wrongHerd: side(counts.wrongHerdsByLabel[s.state], counts.labelledByLabel[s.state], s.wrongHerd, s.intervals?.wrongHerd ?? null),
    })),
  };
}

function side(k: number, n: number, forecast: number, forecastInterval: Interval | null): ObservedVsForecast {
  if (n === 0) return { observed: { k, n, rate: null, interval: null }, forecast, forecastInterval, consistent: null };
  const interval = wilsonInterval(k, n);
  const overlaps = forecastInterval
    ? forecastInterval[0] <= interval[1] && interval[0] <= forecastInterval[1]
    : interval[0] <= forecast && forecast <= interval[1];
  return { observed: { k, n, rate: k / n, interval }, forecast, forecastInterval, consistent: overlaps };
}
