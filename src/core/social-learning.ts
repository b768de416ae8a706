// The social-learning filter of spec §4.1: action likelihoods R^π_a, the public update T(π,a), and the whole chain.
import { InputError } from './errors';
import { decideFromPredicted, predict } from './bayes';
import { herdActionFromPredicted } from './cascade';
import { scaleToUnitMax } from './exact-scale';
import { dims, type DecisionModel } from './model';

export interface LearnOptions {
  /** Reproduce the authors' update π' ∝ (I + R^π_a)P'π (spec §7.1); off by default. */
  codeParity?: boolean;
}

export interface LearnStep {
  privateBelief: number[] | null;
  action: number;
  /** π_k, the public belief after agent k acted. */
  publicBelief: number[];
  /** Agent k acted inside the cascade region (π_{k-1} ∈ ℋ): its action could not depend on its observation. */
  cascade: boolean;
}

export interface LearnResult {
  steps: LearnStep[];
  /** 1-based index of the first agent with cascade = true, or null. */
  herdingStep: number | null;
  /** The action every agent takes from the herding step on (decided on the exact public weights), or null. */
  herdAction: number | null;
}

/** R[x][a] = P(a | x, π) = Σ_y 1{a = a*(π,y)} B[x][y], built from zero given the predicted belief P'π. */
export function actionLikelihoodFromPredicted(model: DecisionModel, predicted: readonly number[]): number[][] {
  const { X, Y, A } = dims(model);
  const R = Array.from({ length: X }, () => new Array<number>(A).fill(0));
  for (let y = 0; y < Y; y++) {
    const { action } = decideFromPredicted(model, predicted, y);
    for (let x = 0; x < X; x++) R[x][action] += model.likelihood[x][y];
  }
  return R;
}

/**
 * X×A matrix P(a | x, π); column a is the diagonal of R^π_a. Each observation goes to exactly one action
 * (ties to the lowest index; observations impossible under π go to action 0), so Σ_a R^π_a = I.
 */
export function actionLikelihood(model: DecisionModel, pi: readonly number[]): number[][] {
  return actionLikelihoodFromPredicted(model, predict(model, pi));
}

/**
 * The unnormalised update R^π_a P'π (or (I + R^π_a)P'π under codeParity) from the predicted belief, rescaled by a
 * power of two (exact); null when it is all zero, i.e. σ(π,a) = 0. `predicted` may itself be unnormalised weights:
 * this is the update learn() carries, so a chain that threads weights decides every tie as learn() does.
 */
export function weightsAfterAction(
  model: DecisionModel,
  predicted: readonly number[],
  a: number,
  opts: LearnOptions = {},
): number[] | null {
  const R = actionLikelihoodFromPredicted(model, predicted);
  const weights = predicted.map((p, x) => (opts.codeParity ? R[x][a] + 1 : R[x][a]) * p);
  return weights.some((w) => w > 0) ? scaleToUnitMax(weights) : null;
}

/** The public belief of public weights (they sum to a positive number). */
export function toBelief(weights: readonly number[]): number[] {
  let s = 0;
  for (const w of weights) s += w;
  return weights.map((w) => w / s);
}

/** T(π,a) = R^π_a P'π / σ(π,a); null when σ = 0 (the action is impossible under π). */
export function publicUpdate(model: DecisionModel, pi: readonly number[], a: number, opts: LearnOptions = {}): number[] | null {
  const { A } = dims(model);
  if (!Number.isInteger(a) || a < 0 || a >= A) throw new InputError('action', `must be an integer in 0..${A - 1}, got ${a}`);
  const weights = weightsAfterAction(model, predict(model, pi), a, opts);
  return weights && toBelief(weights);
}

/** σ(π,a) = 1'R^π_a P'π = P(a_k = a | π_{k-1} = π). */
export function actionProbability(model: DecisionModel, pi: readonly number[], a: number): number {
  const predicted = predict(model, pi);
  const R = actionLikelihoodFromPredicted(model, predicted);
  let sigma = 0;
  predicted.forEach((p, x) => (sigma += R[x][a] * p));
  return sigma;
}

/**
 * Runs the chain: agent k observes observations[k-1], acts myopically on its private belief, and the public
 * updates with T. An observation impossible under π_{k-1} has no private belief (null) and the agent takes
 * action 0; if the public model gives that action probability 0, π_k = P'π_{k-1} (the action carries no information).
 * The public belief is carried unnormalised (rescaled only by powers of two) and normalised for output, so every
 * decision is computed from exact products of the inputs where the floating-point data allow it.
 */
export function learn(model: DecisionModel, observations: readonly number[], opts: LearnOptions = {}): LearnResult {
  const { Y } = dims(model);
  observations.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 0 || y >= Y) throw new InputError(`observations[${i}]`, `must be an integer in 0..${Y - 1}, got ${y}`);
  });
  const steps: LearnStep[] = [];
  let herdingStep: number | null = null;
  let herd: number | null = null;
  let weights = [...model.prior];
  observations.forEach((y, i) => {
    const predicted = predict(model, weights);
    const herdNow = herdActionFromPredicted(model, predicted);
    const cascade = herdNow !== null;
    const { privateBelief, action } = decideFromPredicted(model, predicted, y);
    weights = weightsAfterAction(model, predicted, action, opts) ?? scaleToUnitMax(predicted);
    steps.push({ privateBelief, action, publicBelief: toBelief(weights), cascade });
    if (cascade && herdingStep === null) {
      herdingStep = i + 1;
      herd = herdNow;
    }
  });
  return { steps, herdingStep, herdAction: herd };
}
