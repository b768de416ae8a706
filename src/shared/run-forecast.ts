// The herding-risk forecast beside what happened on a run (issue 10 §3): per labelled state, the observed herding and
// wrong-herd rates next to the forecast for the run's own model and number of agents. Shared by the CLI, the HTML
// report and the panel (the webview imports only src/shared), with the words all three use.

/** A two-sided 95% interval [low, high]. */
export type Interval = [number, number];

export interface ObservedVsForecast {
  /** k of n labelled items, the rate (null when n = 0) and its Wilson 95% interval. */
  observed: { k: number; n: number; rate: number | null; interval: Interval | null };
  /** The forecast probability, and its Monte Carlo interval when the forecast is not exact. */
  forecast: number;
  forecastInterval: Interval | null;
  /**
   * The forecast lies inside the observed Wilson interval (a Monte Carlo forecast: the two intervals overlap); null when
   * the state has no labelled item.
   */
  consistent: boolean | null;
}

export interface StateComparison {
  state: number;
  /** Items of this label whose chain herded within the run's N agents vs forecast herdedBy[N−1]. */
  herding: ObservedVsForecast;
  /** Items of this label that herded on an action not optimal for it vs forecast wrongHerd. */
  wrongHerd: ObservedVsForecast;
}

export interface ForecastComparison {
  agents: number;
  exact: boolean;
  states: StateComparison[];
}

/** How the forecast was computed: exact enumeration, or seeded Monte Carlo beyond the belief cap. */
export interface ForecastMethod {
  exact: boolean;
  distinctBeliefs: number;
  maxBeliefs: number;
  /** Monte Carlo only: chains per true state and their seed (null when exact). */
  chains: number | null;
  seed: number | null;
}

/** What the panel, the report and `herdscope overview` show for a run's forecast. */
export type RunForecast =
  /** Being computed (off the extension host's hot path); a `ready` or `unavailable` follows. */
  | { status: 'pending' }
  /** One line saying why there is no forecast beside this run (no labels, profile gone, transition not the identity, …). */
  | { status: 'unavailable'; reason: string }
  | { status: 'ready'; method: ForecastMethod; comparison: ForecastComparison };

/** "exact (21 public beliefs enumerated)" or "Monte Carlo, 20,000 runs per state (seed 0), 95% intervals". */
export function forecastMethodText(m: ForecastMethod): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return m.exact
    ? `exact (${n(m.distinctBeliefs)} public beliefs enumerated)`
    : `Monte Carlo, ${n(m.chains ?? 0)} runs per state (seed ${m.seed ?? 0}; ${
        m.maxBeliefs > 0 ? `more than ${n(m.maxBeliefs)} public beliefs reachable` : 'enumeration off'
      }), 95% intervals`;
}

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

/** "70.0% (7/10, 95% CI 39.7–89.2%)" or "no labelled rows". */
export function observedText(side: ObservedVsForecast): string {
  const o = side.observed;
  if (o.rate === null || o.interval === null) return 'no labelled rows';
  return `${pct(o.rate)} (${o.k}/${o.n}, 95% CI ${pct(o.interval[0])}–${pct(o.interval[1])})`;
}

/** "98.7%" or, Monte Carlo, "98.7% (95% 98.5–98.9%)". */
export function forecastValueText(side: ObservedVsForecast): string {
  const iv = side.forecastInterval;
  return iv ? `${pct(side.forecast)} (95% ${pct(iv[0])}–${pct(iv[1])})` : pct(side.forecast);
}

/** The consistency marker in words. */
export function consistencyText(side: ObservedVsForecast): string {
  if (side.consistent === null) return 'no labelled rows';
  return side.consistent ? 'consistent with the forecast' : "observed outside the forecast's range";
}

/** What "consistent" means, for a footnote. */
export const CONSISTENCY_RULE =
  'consistent: the forecast lies inside the observed Wilson 95% interval (a Monte Carlo forecast: the two intervals overlap)';
