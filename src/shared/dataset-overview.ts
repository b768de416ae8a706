// The dataset-level answer of a run (spec §4, §6 E2): how often, how early and how wrongly the agents herded, derived
// from the run's running counts (RunCounts), never from reloading every step. Shared by the CLI, the reports and the panel.
import type { RpVerdict, StepError } from './step-record';

/** k successes out of n with a Wilson 95% interval; rate/low/high are null when n = 0. */
export interface Rate {
  k: number;
  n: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

export const RP_GROUPINGS = ['agent', 'prior-bin', 'label'] as const;
export type RpGrouping = (typeof RP_GROUPINGS)[number];

/** Revealed preferences with one environment per group of decisions (agent position by default, spec §3). */
export interface EnvironmentRp {
  /**
   * How environments were formed: 'agent' (position), 'prior-bin' (the public belief π_{k−1}(0) before the agent, in
   * PRIOR_BINS bins) or 'label' (the item's true label: every decision on the rows of one label).
   */
  grouping: RpGrouping;
  verdict: RpVerdict | null;
  /** One entry per environment that had decisions. */
  environments: Array<{
    name: string;
    decisions: number;
    utility: number[][] | null;
    /** This environment's smallest NIAS slack at the reconstructed utility (the binding ones equal the NIAS margin). */
    niasSlack: number | null;
    /** κ_m, the reconstructed attention cost (κ of the first environment is 0). */
    cost: number | null;
  }>;
  /** Why no verdict (no labels, LP failure, …). */
  reason?: string;
  /** How the environments were capped or merged (the LP grows as M²·A), when they were. */
  note?: string;
}

export interface DatasetOverview {
  /** Finished items and how many of them carry a label. */
  items: number;
  labelled: number;
  agents: number;
  /** Items whose chain entered the cascade region (herding step ≠ null) over finished items. */
  herding: Rate;
  /** herdingStepHistogram[k−1] = items whose herding step is k (length = agents). */
  herdingStepHistogram: number[];
  meanHerdingStep: number | null;
  /** Labelled items that herded on an action not optimal for their label, over labelled items. */
  wrongHerd: Rate;
  /** Labelled items whose final public belief's argmax equals the label. */
  accuracyFinal: Rate;
  /** Per agent position k (index k−1): labelled steps whose action is optimal for the label. */
  accuracyByAgent: Rate[];
  /** Labelled agent steps taken before herding began vs at or after it. */
  accuracyBeforeHerding: Rate;
  accuracyAfterHerding: Rate;
  /** confusion[label][final public action] over labelled items with a final action. */
  confusion: number[][];
  errors: { steps: number; byKind: Partial<Record<StepError['kind'], number>> };
  tokens: { prompt: number; completion: number };
  costUsd: number;
  rp: EnvironmentRp | null;
}
