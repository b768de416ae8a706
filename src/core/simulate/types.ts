// Shapes shared by the simulation engine, its file formats and its front ends.
import type { DecisionModel } from '../model';

/** How a chain's private observations are generated for true state x. */
export type ObservationSource =
  { kind: 'likelihood' } | { kind: 'counts'; counts: number[][] } | { kind: 'rows'; rows: Array<[state: number, y: number]> };

/** π0 = p·e_anchor + (1 − p)·e_x* for p on the prior grid (spec §6 E2). */
export interface PriorFamily {
  kind: 'two-point';
  anchor: number;
}

/** The simulate model file: the `learn` model plus how observations are drawn and how π0 depends on the grid. */
export interface SimulationModel {
  model: DecisionModel;
  source: ObservationSource;
  family: PriorFamily;
}

/** One workload: chains are (run, prior, true state); every chain has `agents` agents. */
export interface SimulationPlan {
  agents: number;
  runs: number;
  priorGrid: number[];
  trueStates: number[];
  codeParity: boolean;
}

/**
 * Per-chain outcomes, chain c = (run·G + priorIndex)·S + stateIndex ([run][prior][state] C order; actions and
 * observations add the agent as the last axis).
 */
export interface SimulationOutcome {
  plan: SimulationPlan;
  X: number;
  actions: Int8Array;
  /** 1-based herding step, 0 when the chain never herds. */
  herdingStep: Int32Array;
  /** The common action at the herding step, −1 when the chain never herds. */
  herdAction: Int8Array;
  /** 1 when some agent after the herding step is outside the herding region or herds on another action. */
  nonAbsorbing: Uint8Array;
  /** π_N per chain, X entries each (NaN entries for a degenerate chain). */
  finalBelief: Float64Array;
  /** π_k after each agent (chains × agents × X), only when requested. */
  beliefs?: Float64Array;
}

export const chainIndex = (plan: SimulationPlan, run: number, priorIndex: number, stateIndex: number): number =>
  (run * plan.priorGrid.length + priorIndex) * plan.trueStates.length + stateIndex;

export const chainCount = (plan: SimulationPlan): number => plan.runs * plan.priorGrid.length * plan.trueStates.length;
