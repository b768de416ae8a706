// The stopping-time POMDP of spec §5.1 with the §7.10/§7.11 resolutions: absorbing stop, terminal cost at τ,
// continue = agent k reveals its observation (Bayes filter), stop = agents act myopically from then on (social learning).
import { InputError } from '../errors';
import { dims, type DecisionModel } from '../model';
import { assertFiniteVector, assertMatrix } from '../probability';

export interface StoppingProblem {
  model: DecisionModel;
  /** ρ in (0, 1]. */
  discount: number;
  /** Number of agents N; Infinity only for stationary value iteration (constant delay, ρ < 1). */
  horizon: number;
  /** d_k: one number (constant) or one value per stage k = 0..N-1 (the last value repeats). */
  delay: number | number[];
  /** Continue (privacy/delay) cost at stage k is d_k · delayWeights'P'π_k (default e_0: d_k·π(0)). */
  delayWeights: number[];
  /** Terminal cost terminalWeights'π_τ at the stopping time (default 700·(1 − π(0)), i.e. 700·π(1) for X = 2). */
  terminalWeights: number[];
  /** c(x,a): every agent's expected classification cost Σ_y Σ_x (P'π)(x)B[x][y]c(x, a(π,y)) is charged each stage. */
  classificationCost: number[][];
}

export interface StoppingProblemOptions {
  discount?: number;
  horizon?: number;
  delay?: number | number[];
  delayWeights?: number[];
  terminalWeights?: number[];
  /** Scalar shorthand: terminalWeights = terminalCost·(1 − e_0). */
  terminalCost?: number;
  classificationCost?: number[][];
}

export const DEFAULT_DISCOUNT = 0.99;
export const DEFAULT_HORIZON = 100;
export const DEFAULT_TERMINAL_COST = 700;

/** d_t = linspace(1, 100, 100)[t], the notebook's delay schedule (§7.11). */
export function notebookDelaySchedule(length = DEFAULT_HORIZON): number[] {
  return Array.from({ length }, (_, t) => (length === 1 ? 1 : 1 + (99 * t) / (length - 1)));
}

/** Regret c(x,a) = max_a' u(x,a') − u(x,a): the 0-1 misclassification cost when u = I. */
export function regretCost(model: DecisionModel): number[][] {
  return model.utility.map((row) => {
    const best = Math.max(...row);
    return row.map((u) => best - u);
  });
}

/** Builds a validated problem: the §7.11 defaults for every option not given. Throws InputError naming the field. */
export function stoppingProblem(model: DecisionModel, opts: StoppingProblemOptions = {}): StoppingProblem {
  const { X, A } = dims(model);
  const discount = opts.discount ?? DEFAULT_DISCOUNT;
  if (!(discount > 0 && discount <= 1)) throw new InputError('discount', `must be in (0, 1], got ${discount}`);
  const horizon = opts.horizon ?? DEFAULT_HORIZON;
  if (!(horizon === Infinity || (Number.isInteger(horizon) && horizon >= 1))) {
    throw new InputError('horizon', `must be a positive integer or Infinity, got ${horizon}`);
  }
  const delay = opts.delay ?? (horizon === Infinity ? 1 : notebookDelaySchedule(horizon));
  if (typeof delay === 'number') {
    if (!Number.isFinite(delay) || delay < 0) throw new InputError('delay', `must be a finite number ≥ 0, got ${delay}`);
  } else {
    assertFiniteVector(delay, 'delay');
    if (horizon === Infinity) throw new InputError('delay', 'an infinite horizon needs a constant delay cost');
    delay.forEach((d, i) => {
      if (d < 0) throw new InputError(`delay[${i}]`, `must be ≥ 0, got ${d}`);
    });
  }
  if (horizon === Infinity && discount >= 1) throw new InputError('discount', 'an infinite horizon needs discount < 1');
  const unitE0 = Array.from({ length: X }, (_, x) => (x === 0 ? 1 : 0));
  const delayWeights = opts.delayWeights ? [...assertFiniteVector(opts.delayWeights, 'delayWeights', X)] : unitE0;
  if (opts.terminalCost !== undefined && !Number.isFinite(opts.terminalCost))
    throw new InputError('terminalCost', `must be a finite number, got ${opts.terminalCost}`);
  const terminalWeights = opts.terminalWeights
    ? [...assertFiniteVector(opts.terminalWeights, 'terminalWeights', X)]
    : unitE0.map((e) => (1 - e) * (opts.terminalCost ?? DEFAULT_TERMINAL_COST));
  if (!opts.classificationCost) assertMagnitudes(model.utility.flat(), (i) => `utility[${Math.floor(i / A)}][${i % A}]`);
  const classificationCost = opts.classificationCost
    ? assertMatrix(opts.classificationCost, 'classificationCost', X, A).map((r) => [...r])
    : regretCost(model);
  assertMagnitudes(classificationCost.flat(), (i) => `classificationCost[${Math.floor(i / A)}][${i % A}]`);
  assertMagnitudes(typeof delay === 'number' ? [delay] : delay, (i) => (typeof delay === 'number' ? 'delay' : `delay[${i}]`));
  assertMagnitudes(delayWeights, (i) => `delayWeights[${i}]`);
  assertMagnitudes(terminalWeights, (i) => (opts.terminalWeights ? `terminalWeights[${i}]` : 'terminalCost'));
  return {
    model,
    discount,
    horizon,
    delay: typeof delay === 'number' ? delay : [...delay],
    delayWeights,
    terminalWeights,
    classificationCost,
  };
}

/**
 * Largest cost (or utility) magnitude accepted: value iteration sums stage costs over the horizon, and a regret
 * u_max − u of ±1e308 is already Infinity (the answer would be nulls). 1e12 leaves room for any horizon and precision.
 */
export const MAX_COST_MAGNITUDE = 1e12;

function assertMagnitudes(values: readonly number[], field: (i: number) => string): void {
  values.forEach((v, i) => {
    if (!(Math.abs(v) <= MAX_COST_MAGNITUDE))
      throw new InputError(
        field(i),
        `must be at most ${MAX_COST_MAGNITUDE.toExponential(0)} in magnitude (the stopping problem's values would overflow), got ${v}`,
      );
  });
}

/** d_k for stage k (0-based); a schedule's last value repeats past its end. */
export function delayAt(problem: StoppingProblem, k: number): number {
  const d = problem.delay;
  return typeof d === 'number' ? d : d[Math.min(k, d.length - 1)];
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
