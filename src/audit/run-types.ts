// What the run store keeps about a run besides its steps: header, status, snapshots, totals and summaries.
import type { ChainMode, ItemSummary, RunHeader, RunKind, RunStatus } from '../shared/run-header';
import type { Profile } from './profile';
import type { RunCounts } from './run-counts';
import type { ProviderSnapshot } from './source-spec';
import type { RpVerdict, StepRecord } from '../shared/step-record';

export type { ChainMode, ItemSummary, ProviderSnapshot, RunHeader, RunKind, RunStatus };

export interface DatasetInfo {
  file: string;
  textColumn: string;
  labelColumn: string | null;
  rows: number;
  skippedEmpty: number;
  /** sha256 of the file's bytes when the run started (absent in runs made before it was recorded). */
  sha256?: string;
}

export interface RunTotals {
  steps: number;
  errors: number;
  itemsDone: number;
  itemsHerded: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** Revealed-preference verdicts attached to a run (spec §3). */
export interface RunRp {
  verdict: RpVerdict;
  utilities: number[][][];
  costs: number[];
  /** Per agent (dataset runs with labels): agent position → verdict. */
  perAgent?: Array<{ agent: number; verdict: RpVerdict; utilities: number[][][] }>;
}

export interface RunSummary {
  items: number;
  /** Fraction of finished items whose chain entered the cascade region. */
  herdingRate: number;
  /** Mean 1-based herding step over herded items. */
  meanHerdingStep: number | null;
  /** Fraction of labelled items whose final public action (argmax of the final public belief) equals the label. */
  accuracy: number | null;
  /** Fraction of labelled items whose herd action (when herded) is wrong. */
  wrongHerdRate: number | null;
  labelled: number;
  /** actionCounts[agent-1][a] over finished items. */
  actionCounts: number[][];
  errors: number;
  /** Interacting mode: steps flagged as empirical herding. */
  empiricalHerding: number;
}

export interface RunMeta {
  version: 1;
  header: RunHeader;
  status: RunStatus;
  statusMessage?: string;
  profile: Profile;
  profileSource: string;
  provider: ProviderSnapshot;
  dataset?: DatasetInfo;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  totals: RunTotals;
  summary?: RunSummary;
  /** The run's sufficient statistics over finished items (run-counts.ts); persisted with run.json as items finish. */
  counts?: RunCounts;
  rp?: RunRp;
  /** Why no revealed-preference verdict could be computed (e.g. the LP solver failed). */
  rpError?: string;
}

export interface LoadedRun {
  meta: RunMeta;
  steps: StepRecord[];
  items: ItemSummary[];
  /** Lines that could not be parsed (a torn last line after a crash is the usual one). */
  skippedLines: number;
}

/** One row of the runs list (the extension's Runs view). */
export interface RunListing {
  header: RunHeader;
  status: RunStatus;
  updatedAt: string;
  itemsDone: number;
  herdingRate: number | null;
  /** Single-text runs: the agent at which herding began (null = no cascade). */
  herdingStep: number | null;
  rp: RpVerdict | null;
}
