// The decision model of one LLM agent (spec §2.1, §4.1): prior, sensor likelihood, utility, optional state transition.
import { InputError } from './errors';
import { assertMatrix, assertProbabilityVector, assertStochasticMatrix } from './probability';

export interface DecisionModel {
  /** π_0 over the X states. */
  prior: number[];
  /** B[x][y] = P(y | x), X×Y, row-stochastic. */
  likelihood: number[][];
  /** u[x][a], X×A, maximised. A cost model is stored as utility = -cost (exact negation keeps ties). */
  utility: number[][];
  /** P[i][j] = P(x_{k+1} = j | x_k = i), X×X row-stochastic; absent = identity (static state). */
  transition?: number[][];
}

export interface ModelDims {
  X: number;
  Y: number;
  A: number;
}

export function dims(model: DecisionModel): ModelDims {
  return { X: model.prior.length, Y: model.likelihood[0].length, A: model.utility[0].length };
}

/**
 * Validates the model-file JSON `{prior, likelihood, utility | cost (exactly one), transition?}`.
 * Values are kept exactly as given (rows summing to 1 within 1e-9 are not renormalised), so results match
 * any reference that uses the same numbers. Throws InputError naming the offending field.
 */
export function parseDecisionModel(raw: unknown, field?: string): DecisionModel {
  const at = (name: string) => (field ? `${field}.${name}` : name);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(field ?? 'model', 'must be a JSON object with prior, likelihood and utility or cost');
  }
  const obj = raw as Record<string, unknown>;
  if (obj.prior === undefined) throw new InputError(at('prior'), 'is required');
  const prior = assertProbabilityVector(obj.prior, at('prior'));
  const X = prior.length;
  if (obj.likelihood === undefined) throw new InputError(at('likelihood'), 'is required');
  const likelihood = assertStochasticMatrix(obj.likelihood, at('likelihood'), X);
  const utility = parseUtilityOrCost(obj, X, at);
  const model: DecisionModel = { prior: [...prior], likelihood: likelihood.map((r) => [...r]), utility };
  if (obj.transition !== undefined && obj.transition !== null) {
    model.transition = assertStochasticMatrix(obj.transition, at('transition'), X, X).map((r) => [...r]);
  }
  return model;
}

function parseUtilityOrCost(obj: Record<string, unknown>, X: number, at: (name: string) => string): number[][] {
  const hasUtility = obj.utility !== undefined && obj.utility !== null;
  const hasCost = obj.cost !== undefined && obj.cost !== null;
  if (hasUtility === hasCost) {
    throw new InputError(
      at(hasUtility ? 'cost' : 'utility'),
      hasUtility ? 'give either utility or cost, not both' : 'is required (or give cost)',
    );
  }
  if (hasUtility) return assertMatrix(obj.utility, at('utility'), X).map((r) => [...r]);
  return assertMatrix(obj.cost, at('cost'), X).map((r) => r.map((c) => -c));
}
