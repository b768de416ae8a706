// The herding-risk forecast's result: JSON-serialisable, shared by the CLI, the run comparison and the panel.

/** A two-sided 95% interval [low, high]. */
export type Interval = [number, number];

export interface StateForecast {
  /** The true state i (fixed along the chain). */
  state: number;
  /** herdedBy[k−1] = P(herding step ≤ k | true state i), k = 1..N; the herding step as `learn` defines it. */
  herdedBy: number[];
  /** P(the chain herds within N agents on an action outside argmax_a u(i, a) | i). */
  wrongHerd: number;
  /** E[herding step | it herds within N, i]; null when it never can (P(herds within N) = 0). */
  expectedHerdingStep: number | null;
  /** herdOn[a] = P(the chain herds within N agents, on action a | i). */
  herdOn: number[];
  /** Monte Carlo only: Wilson 95% intervals of herdedBy and wrongHerd, a normal 95% interval of the expected step. */
  intervals?: { herdedBy: Interval[]; wrongHerd: Interval; expectedHerdingStep: Interval | null };
}

/** Where the cascade region ℋ lies on the prior axis π(0) (two states; endpoints to floating-point resolution). */
export interface PriorInterval {
  from: number;
  to: number;
  fromIncluded: boolean;
  toIncluded: boolean;
  /** The action every agent takes there whatever its observation. */
  herdAction: number;
}

export type CascadeRegion =
  | {
      kind: 'prior-axis';
      /** Maximal intervals of π(0) ∈ [0, 1] inside ℋ for π = (π(0), 1 − π(0)). */
      intervals: PriorInterval[];
      /** Their total length: the share of the prior axis in ℋ (exact). */
      share: number;
      priorInRegion: boolean;
      priorHerdAction: number | null;
    }
  | {
      kind: 'simplex-share';
      /** Share of the simplex (uniform, i.e. Dirichlet(1,…,1)) inside ℋ, estimated from `samples` seeded draws. */
      share: number;
      interval: Interval;
      samples: number;
      seed: number;
      /** shareByAction[a]: share of the simplex where agents herd on action a. */
      shareByAction: number[];
      priorInRegion: boolean;
      priorHerdAction: number | null;
    };

export interface ForecastResult {
  /** true: computed by enumerating every reachable public belief with its probability (to 1e-9); false: Monte Carlo. */
  exact: boolean;
  agents: number;
  states: StateForecast[];
  prior: number[];
  /** Distinct public beliefs enumerated (exact), or met by the sampled chains (Monte Carlo). */
  distinctBeliefs: number;
  /** The size limit on distinct beliefs beyond which the forecast is Monte Carlo. */
  maxBeliefs: number;
  /** Monte Carlo only: chains per true state and the seed. */
  chains?: number;
  seed?: number;
  cascadeRegion: CascadeRegion;
}
