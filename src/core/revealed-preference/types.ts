// Shapes shared by the revealed-preference (NIAS/NIAC) engine, spec §3.

/** One environment m: the prior π_m and the observed choice probabilities p_m(a|x) (X×A, rows sum to 1). */
export interface ChoiceEnvironment {
  prior: number[];
  actionGivenState: number[][];
}

/** Validated data set {π_m, p_m(a|x)}: every environment has the same X states and A ≥ 2 actions. */
export interface ChoiceData {
  environments: ChoiceEnvironment[];
  states: number;
  actions: number;
}

export interface RpOptions {
  /** One utility r(x,a) shared by every environment (Caplin–Dean); default false: one r_m per environment. */
  commonUtility?: boolean;
}

/** What the max-margin test reports (spec §3.3, lexicographic margins). */
export interface MaxMarginResult {
  /** ε_s*: the largest NIAS margin (stage 1). */
  niasMargin: number;
  /** ε_c*: the largest NIAC margin with ε_s held at ε_s* (stage 2); null when there is one environment. */
  niacMargin: number | null;
  /** ε_s* > PASS_TOLERANCE. */
  passes: boolean;
  commonUtility: boolean;
  /** r_m(x,a), M×X×A, in [0,1]. With commonUtility the one shared X×A matrix is repeated for every environment. */
  utilities: number[][][];
  /** κ_m, with κ_1 = 0. */
  costs: number[];
  /** G(m,n) of (3.2) evaluated at the reported utilities; G[m][m] is the gross utility actually earned in m. */
  grossUtility: number[][];
  /** Per environment, the smallest NIAS slack min_{a used, b≠a} Σ_x p_m(x|a)(r_m(x,a) − r_m(x,b)); the binding ones equal ε_s. */
  niasSlack: number[];
}

/** Fixed margins ε̄_s, ε̄_c for the sparsest-utility variant. */
export interface SparsestOptions extends RpOptions {
  niasMargin: number;
  niacMargin: number;
}

export type SparsestResult =
  | {
      feasible: true;
      /** Σ_{m,x,a} r_m(x,a) at the optimum (with commonUtility: Σ_{x,a} r(x,a)). */
      totalUtility: number;
      utilities: number[][][];
      costs: number[];
    }
  | { feasible: false; reason: string };

/** spec §7 item 9: PASS ⇔ ε_s* > 1e-6. */
export const PASS_TOLERANCE = 1e-6;
