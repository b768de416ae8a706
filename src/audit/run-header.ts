// The run's descriptive types, shared by the run store, the reports and the panel protocol (src/extension/protocol.ts).

export type RunKind = 'selection' | 'dataset' | 'demo' | 'simulation';
export type RunStatus = 'running' | 'completed' | 'cancelled' | 'failed';
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
}

/** Optimal-stopping / intervention overlay for the posterior chart (spec §5). */
export interface ControlOverlay {
  /** Threshold π* on π(stateIndex): continue (reveal) while π(stateIndex) < threshold. */
  threshold: number;
  stateIndex: number;
  /** Agents that would have contributed information with the controller, vs without. */
  informativeAgentsWith: number;
  informativeAgentsWithout: number;
  accuracyWith: number | null;
  accuracyWithout: number | null;
}
