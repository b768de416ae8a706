// The run's descriptive types, shared by the run store, the reports and the panel protocol (src/shared/protocol.ts).
import type { OptimalThreshold } from '../core/control/optimal-threshold';
import type { Orientation } from '../core/control/threshold-policy';

export type { OptimalThreshold, Orientation };

export type RunKind = 'selection' | 'dataset' | 'demo' | 'simulation';
/** 'interrupted': recorded as running, but the process that ran it is gone (killed, window closed); resumable. */
export type RunStatus = 'running' | 'completed' | 'cancelled' | 'failed' | 'interrupted';
export type ChainMode = 'sensor' | 'interacting';

/** What the panel needs to know about a run before its steps arrive. */
export interface RunHeader {
  runId: string;
  kind: RunKind;
  title: string;
  profileName: string;
  mode: ChainMode;
  states: string[];
  actions: string[];
  attributes: string[];
  agents: number;
  /** Dataset rows (1 for a selection). */
  items: number;
  startedAt: string;
  /** Labelled as simulated/demo wherever shown. */
  simulated: boolean;
  /** Short description of the provider(s) and model(s). */
  providerSummary: string;
}

/** Summary of one item (one text through the whole chain). */
export interface ItemSummary {
  item: number;
  text: string;
  label: number | null;
  herdingStep: number | null;
  herdAction: number | null;
  finalPublicBelief: number[];
  errors: number;
  /** The last agent's public action (the confusion table's column); absent in runs recorded before it was kept. */
  finalAction?: number | null;
  /** Herded on an action not optimal for the label (null: no label); absent in runs recorded before it was kept. */
  wrongHerd?: boolean | null;
  /** Dataset runs: sha256 of the row's text and label, so a resume can tell the row has not changed. */
  rowHash?: string;
}

/** Optimal-stopping / intervention overlay for the posterior chart (spec §5). */
export interface ControlOverlay {
  /** Threshold on π(stateIndex) of the simulated controller (see orientation; absent = 'continue-below'). */
  threshold: number;
  stateIndex: number;
  /** 'continue-below': agents reveal while π(stateIndex) < threshold; 'stop-below': while π(stateIndex) ≥ threshold. The stop is absorbing. */
  orientation?: Orientation;
  /** Agents that would have contributed information with the controller, vs without. */
  informativeAgentsWith: number;
  informativeAgentsWithout: number;
  /** Final public belief's probability of the item's label (posterior-of-true-state) or of its most probable state. */
  accuracyWith: number | null;
  accuracyWithout: number | null;
  accuracyMeasure?: 'posterior-of-true-state' | 'posterior-of-map-state' | null;
  /** Agents the controller made reveal; 1-based first agent after its stop (null: it never stopped). */
  revealedAgents?: number;
  stopStep?: number | null;
  /** The optimal stopping threshold of the run's decision model (same state and orientation as the simulation). */
  optimal?: OptimalThreshold;
}
