// Terminal text for the dataset overview numbers (rates with Wilson 95% intervals) and the sensor check.
import type { DatasetOverview, Rate } from '../shared/dataset-overview';
import type { SensorCheck } from '../audit/sensor-check';
import { formatTable } from './format-table';
import {
  CONSISTENCY_RULE,
  consistencyText,
  forecastMethodText,
  forecastValueText,
  observedText,
  type RunForecast,
} from '../shared/run-forecast';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** "45.0% [35.6%, 54.8%] (45/100)", or "n/a (0 rows)". */
export function rateText(r: Rate): string {
  if (r.rate === null || r.low === null || r.high === null) return `n/a (${r.n} ${r.n === 1 ? 'row' : 'rows'})`;
  return `${pct(r.rate)} [${pct(r.low)}, ${pct(r.high)}] (${r.k}/${r.n})`;
}

export const stepText = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

/** The headline numbers of a run, one per line, with labels (for check-sensor's before → after and compare). */
export function headlineRows(o: DatasetOverview): Array<[string, string]> {
  return [
    ['herding rate', rateText(o.herding)],
    ['mean herding step', stepText(o.meanHerdingStep)],
    ['wrong-herd rate', rateText(o.wrongHerd)],
    ['accuracy (final belief)', rateText(o.accuracyFinal)],
    ['accuracy before herding', rateText(o.accuracyBeforeHerding)],
    ['accuracy after herding', rateText(o.accuracyAfterHerding)],
  ];
}

export function sensorCheckText(check: SensorCheck, states: readonly string[]): string {
  const pText = (p: number | null) => (p === null ? '-' : p === 0 ? '0' : p < 1e-4 ? p.toExponential(2) : p.toFixed(4));
  const rows = check.states.map((s) => [
    states[s.state] ?? String(s.state),
    String(s.n),
    s.impossible ? '∞' : s.g === null ? '-' : s.g.toFixed(2),
    String(s.df),
    pText(s.p),
    pText(s.pHolm),
    s.tv === null ? '-' : s.tv.toFixed(3),
    s.n === 0 ? '-' : s.observed.map((o) => pct(o / s.n)).join(' '),
    s.expected.map(pct).join(' '),
  ]);
  const table = formatTable(
    ['state', 'n', 'G', 'df', 'p', 'Holm p', 'TV', 'observed y shares', "profile's B"],
    rows,
    new Set([1, 2, 3, 4, 5, 6]),
  );
  const llr =
    check.logLikelihoodRatio === null
      ? '−∞ (B gives an observed answer probability 0)'
      : `${check.logLikelihoodRatio.toFixed(2)} (${(check.logLikelihoodRatioPerObservation as number).toFixed(4)} per observation)`;
  return [
    `${check.rejected ? 'WARNING: ' : ''}${check.message}`,
    '',
    table.trimEnd(),
    '',
    `log-likelihood ratio, B vs the run's own frequencies: ${llr}`,
    '',
  ].join('\n');
}

/** The forecast of the run's model beside what happened, per true state (as the panel and the HTML report show it). */
export function forecastBesideText(forecast: RunForecast, states: readonly string[]): string {
  const title = "forecast vs what happened (the profile's model, before any call):";
  if (forecast.status === 'pending') return `${title} still being computed`;
  if (forecast.status === 'unavailable') return `${title} not available: ${forecast.reason}`;
  const { comparison: c, method } = forecast;
  const rows = c.states.flatMap((s) => {
    const name = states[s.state] ?? String(s.state);
    return [
      [name, `herded by agent ${c.agents}`, observedText(s.herding), forecastValueText(s.herding), consistencyText(s.herding)],
      ['', 'wrong herd', observedText(s.wrongHerd), forecastValueText(s.wrongHerd), consistencyText(s.wrongHerd)],
    ];
  });
  return [
    title,
    `  ${c.agents} agents per row; ${forecastMethodText(method)}`,
    formatTable(['true state', 'measure', 'observed', 'forecast', 'verdict'], rows, new Set([2, 3])).trimEnd(),
    `  ${CONSISTENCY_RULE}`,
  ].join('\n');
}
