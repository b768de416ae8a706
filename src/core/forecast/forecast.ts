// The herding-risk forecast (issue 10 §3): per true state, when and on what the chain herds, before any LLM call.
import { InputError } from '../errors';
import type { DecisionModel } from '../model';
import { isIdentity } from '../simulate/observation-draws';
import { MAX_SYMBOLS } from '../simulate/simulation-model';
import { wilsonInterval, Z95 } from '../simulate/wilson';
import { runSliced, runToEnd, type CancelSignal, type ForecastWork, type SliceOptions } from './cancellation';
import { cascadeRegionWork } from './cascade-region';
import { exactHerdingWork, type HerdingLaw } from './exact';
import { sampleHerdingWork, type SampledHerding } from './monte-carlo';
import type { ForecastResult, Interval, StateForecast } from './types';

export interface ForecastOptions {
  agents: number;
  /** Exact when at most this many distinct public beliefs are reachable; Monte Carlo beyond (default 1,000,000). */
  maxBeliefs?: number;
  /** Monte Carlo chains per true state (default 20,000). */
  chains?: number;
  /** Seed of the Monte Carlo chains and of the simplex sampling (default 0). */
  seed?: number;
  /** Simplex points for the cascade region's share when X ≠ 2 (default 20,000). */
  regionSamples?: number;
  /** Checked every few thousand units of work; once aborted the forecast throws ForecastCancelledError. */
  signal?: CancelSignal;
}

export const FORECAST_DEFAULTS = { maxBeliefs: 1_000_000, chains: 20_000, seed: 0, regionSamples: 20_000 } as const;

/** The forecast for a static state (transition absent or the identity); throws InputError on anything else. */
export function forecastHerding(model: DecisionModel, opts: ForecastOptions): ForecastResult {
  return runToEnd(forecastWork(model, opts), opts.signal);
}

/**
 * The same forecast, computed in time slices with a turn of the event loop between them (an editor's extension host
 * stays responsive and its cancellation arrives); throws ForecastCancelledError at the first checkpoint after abort.
 */
export function forecastHerdingAsync(model: DecisionModel, opts: ForecastOptions & Omit<SliceOptions, 'signal'>): Promise<ForecastResult> {
  return runSliced(forecastWork(model, opts), opts);
}

function* forecastWork(model: DecisionModel, opts: ForecastOptions): ForecastWork<ForecastResult> {
  const { agents } = opts;
  const maxBeliefs = opts.maxBeliefs ?? FORECAST_DEFAULTS.maxBeliefs;
  const chains = opts.chains ?? FORECAST_DEFAULTS.chains;
  const seed = opts.seed ?? FORECAST_DEFAULTS.seed;
  if (!Number.isInteger(agents) || agents < 1) throw new InputError('agents', `must be a positive integer, got ${agents}`);
  if (model.transition && !isIdentity(model.transition)) {
    throw new InputError('transition', 'must be the identity (or absent): the forecast assumes the true state is fixed along the chain');
  }
  // The belief graph stores actions per observation as int8.
  if (model.likelihood[0].length > MAX_SYMBOLS)
    throw new InputError('likelihood', `the forecast supports at most ${MAX_SYMBOLS} observations`);
  if (model.utility[0].length > MAX_SYMBOLS) throw new InputError('utility', `the forecast supports at most ${MAX_SYMBOLS} actions`);
  if (!Number.isInteger(chains) || chains < 1) throw new InputError('chains', `must be a positive integer, got ${chains}`);
  const region = yield* cascadeRegionWork(model, { samples: opts.regionSamples ?? FORECAST_DEFAULTS.regionSamples, seed });
  const optimal = optimalActionsOf(model);
  const law = yield* exactHerdingWork(model, agents, maxBeliefs);
  if (law) {
    return {
      exact: true,
      agents,
      states: law.stepProbability.map((_, i) => exactState(law, i, optimal[i])),
      prior: [...model.prior],
      distinctBeliefs: law.distinctBeliefs,
      maxBeliefs,
      cascadeRegion: region,
    };
  }
  const sampled = yield* sampleHerdingWork(model, agents, chains, seed, maxBeliefs);
  return {
    exact: false,
    agents,
    states: sampled.stepCounts.map((_, i) => sampledState(sampled, i, optimal[i])),
    prior: [...model.prior],
    distinctBeliefs: sampled.distinctBeliefs,
    maxBeliefs,
    chains,
    seed,
    cascadeRegion: region,
  };
}

/** optimal[i][a] ⇔ u(i, a) = max_a' u(i, a'). */
function optimalActionsOf(model: DecisionModel): boolean[][] {
  return model.utility.map((row) => {
    const best = Math.max(...row);
    return row.map((u) => u === best);
  });
}

function exactState(law: HerdingLaw, i: number, optimal: readonly boolean[]): StateForecast {
  const steps = law.stepProbability[i];
  const herdedBy = cumulative(steps);
  const total = herdedBy[herdedBy.length - 1];
  const weighted = steps.reduce((s, p, k) => s + p * (k + 1), 0);
  return {
    state: i,
    herdedBy,
    wrongHerd: wrongMass(law.herdOn[i], optimal),
    expectedHerdingStep: total > 0 ? weighted / total : null,
    herdOn: [...law.herdOn[i]],
  };
}

function sampledState(sampled: SampledHerding, i: number, optimal: readonly boolean[]): StateForecast {
  const n = sampled.chains;
  const counts = sampled.stepCounts[i];
  const herdedCounts = cumulative(counts);
  const herded = herdedCounts[herdedCounts.length - 1];
  const wrong = wrongMass(sampled.herdCounts[i], optimal);
  let sum = 0;
  let sumSq = 0;
  counts.forEach((c, k) => {
    sum += c * (k + 1);
    sumSq += c * (k + 1) ** 2;
  });
  const mean = herded > 0 ? sum / herded : null;
  return {
    state: i,
    herdedBy: herdedCounts.map((c) => c / n),
    wrongHerd: wrong / n,
    expectedHerdingStep: mean,
    herdOn: sampled.herdCounts[i].map((c) => c / n),
    intervals: {
      herdedBy: herdedCounts.map((c) => wilsonInterval(c, n)),
      wrongHerd: wilsonInterval(wrong, n),
      expectedHerdingStep: mean === null ? null : meanInterval(mean, sumSq, herded),
    },
  };
}

/** Normal 95% interval of a mean from n draws (sample variance); a single draw gives the point. */
function meanInterval(mean: number, sumSq: number, n: number): Interval {
  if (n < 2) return [mean, mean];
  const variance = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
  const half = Z95 * Math.sqrt(variance / n);
  return [mean - half, mean + half];
}

function cumulative(v: readonly number[]): number[] {
  let s = 0;
  return v.map((x) => (s += x));
}

function wrongMass(herdOn: readonly number[], optimal: readonly boolean[]): number {
  return herdOn.reduce((s, p, a) => (optimal[a] ? s : s + p), 0);
}
