// The sensor misspecification check's result (issue 10 §2), shared by the audit layer that computes it, the CLI, the
// reports and the panel; and what the panel is sent for a run (the check, or why there is none).
/** One true state; the first nine keys are the issue-10 contract (JSON null stands for "no test": n = 0, or G = ∞). */
export interface SensorStateCheck {
  state: number;
  n: number;
  observed: number[];
  expected: number[];
  /** null when n = 0, or when an observation has probability 0 under B (G = ∞, p = 0; see impossible). */
  g: number | null;
  df: number;
  p: number | null;
  pHolm: number | null;
  tv: number | null;
  /** Observations y seen in this state although B gives them probability 0. */
  impossible?: number[];
}

export interface SensorWorst {
  state: number;
  y: number;
  /** Share of this state's observations that were y, and B(y|state). */
  observedShare: number;
  assumedShare: number;
}

export interface SensorCheck {
  rejected: boolean;
  alpha: number;
  states: SensorStateCheck[];
  /** Observations counted (one per labelled step that has one). */
  observations: number;
  /**
   * Σ O ln B(y|x) − Σ O ln(O/n_x): the log-likelihood of the observations under B minus under their own frequencies
   * (≤ 0; equals −½ Σ G). null when B gives some observation probability 0 (−∞).
   */
  logLikelihoodRatio: number | null;
  /** The same per observation (0 when there are none). */
  logLikelihoodRatioPerObservation: number | null;
  /** The state with the smallest Holm p (largest G on ties) and its observation farthest from B; null without data. */
  worst: SensorWorst | null;
  /** One sentence for people: the warning when B is rejected, else what was found. */
  message: string;
}

/** The sensor check beside a dataset run in the panel: the check, or why there is none (no labels, no profile). */
export type RunSensor = { status: 'ready'; check: SensorCheck } | { status: 'unavailable'; reason: string };
