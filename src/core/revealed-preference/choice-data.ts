// Validation of revealed-preference input and the derived joint, marginal and posterior probabilities (spec §3.1).
import { InputError } from '../errors';
import { assertMatrix, assertProbabilityVector, assertStochasticMatrix } from '../probability';
import type { ChoiceData, ChoiceEnvironment } from './types';

/** Checks `{ "environments": [...] }` (other keys, e.g. commonUtility, are the caller's business). */
export function parseChoiceData(input: unknown): ChoiceData {
  if (!isRecord(input)) throw new InputError('data', 'must be an object with an "environments" array');
  const data = checkEnvironments(input.environments, 'environments');
  const size = rpProgramSize(data.environments.length, data.states, data.actions);
  if (size > MAX_RP_COEFFICIENTS) {
    const { length: M } = data.environments;
    throw new InputError(
      'environments',
      `${M} environments × ${data.states} states × ${data.actions} actions make an LP of about ${size.toExponential(1)} coefficients; the limit is ${MAX_RP_COEFFICIENTS.toExponential(0)} (the LP grows as M²·X·A²): use fewer environments, states or actions`,
    );
  }
  return data;
}

/** Above this the max-margin LP takes minutes and gigabytes (3 × 30 × 30, 3.2e5 coefficients, already takes ~20 s). */
export const MAX_RP_COEFFICIENTS = 1_000_000;

/** Non-zero coefficients of the max-margin LP: NIAS rows M·A·(A−1)·2X, best-response rows M·(M−1)·A²·X. */
export function rpProgramSize(M: number, X: number, A: number): number {
  return M * A * (A - 1) * 2 * X + M * (M - 1) * A * A * X;
}

/**
 * Checks a list of `{ prior, actionGivenState }` and returns it with its dimensions. Every environment needs the same X
 * (prior length = rows) and the same A ≥ 2 (columns); every row must be a probability vector.
 */
export function checkEnvironments(list: unknown, field = 'environments'): ChoiceData {
  if (!Array.isArray(list) || list.length === 0) throw new InputError(field, 'must be a non-empty array of environments');
  let states: number | undefined;
  let actions: number | undefined;
  const environments = list.map((env: unknown, m): ChoiceEnvironment => {
    const envField = `${field}[${m}]`;
    if (!isRecord(env)) throw new InputError(envField, 'must be an object with "prior" and "actionGivenState"');
    const prior = assertProbabilityVector(env.prior, `${envField}.prior`, states);
    states = prior.length;
    const actionGivenState = assertStochasticMatrix(env.actionGivenState, `${envField}.actionGivenState`, states, actions);
    actions = actionGivenState[0].length;
    if (actions < 2) throw new InputError(`${envField}.actionGivenState[0]`, `needs at least 2 actions, got ${actions}`);
    return { prior: [...prior], actionGivenState: actionGivenState.map((row) => [...row]) };
  });
  return { environments, states: states!, actions: actions! };
}

/**
 * Turns a count table (state × action) into p(a|x) by row frequencies, after adding `smoothing` to every cell.
 * A row without any count (and no smoothing) has no frequency and is rejected.
 */
export function choiceProbabilitiesFromCounts(counts: unknown, smoothing = 0, field = 'counts'): number[][] {
  if (!Number.isFinite(smoothing) || smoothing < 0)
    throw new InputError('smoothing', `must be a finite non-negative number, got ${smoothing}`);
  const table = assertMatrix(counts, field);
  return table.map((row, x) => {
    row.forEach((c, a) => {
      if (c < 0) throw new InputError(`${field}[${x}][${a}]`, `must be non-negative, got ${c}`);
    });
    const smoothed = row.map((c) => c + smoothing);
    const total = smoothed.reduce((s, c) => s + c, 0);
    if (!(total > 0)) throw new InputError(`${field}[${x}]`, 'has no counts; add smoothing or drop the state');
    return smoothed.map((c) => c / total);
  });
}

/** p_m(x,a) = π_m(x) p_m(a|x), X×A. */
export function jointProbabilities(env: ChoiceEnvironment): number[][] {
  return env.actionGivenState.map((row, x) => row.map((p) => env.prior[x] * p));
}

/** p_m(a) = Σ_x p_m(x,a). */
export function actionMarginals(env: ChoiceEnvironment): number[] {
  const joint = jointProbabilities(env);
  return joint[0].map((_, a) => joint.reduce((s, row) => s + row[a], 0));
}

/** p_m(x|a) for every action; null for an unused action (p_m(a) = 0), which has no posterior. */
export function posteriorsGivenAction(env: ChoiceEnvironment): (number[] | null)[] {
  const joint = jointProbabilities(env);
  const marginal = actionMarginals(env);
  return marginal.map((pa, a) => (pa > 0 ? joint.map((row) => row[a] / pa) : null));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The artificial second environment of the hate-speech experiment (spec §3.1): p(a|x) + U(0, amplitude) noise per
 * entry, rows renormalised. `uniform` draws from [0,1), e.g. a seeded Rng's next.
 */
export function perturbChoices(actionGivenState: readonly (readonly number[])[], amplitude: number, uniform: () => number): number[][] {
  return actionGivenState.map((row) => {
    const noisy = row.map((p) => p + amplitude * uniform());
    const total = noisy.reduce((s, p) => s + p, 0);
    return noisy.map((p) => p / total);
  });
}
