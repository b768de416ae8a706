// fast-check generators of random decision models with the edge cases that matter: zeros, ties, cost form, P ≠ I.
import fc from 'fast-check';
import type { DecisionModel } from '../../../src/core/model';

/** A probability vector of n entries, multiples of 1/units (exact dyadic when units is a power of two). */
export function simplexPoint(n: number, units = 8): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: units }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const edges = [0, ...cuts.sort((a, b) => a - b), units];
    return edges.slice(1).map((e, i) => (e - edges[i]) / units);
  });
}

/** A probability vector from positive/zero weights divided by their sum: not dyadic, sums to 1 only within rounding. */
export function roundedSimplexPoint(n: number): fc.Arbitrary<number[]> {
  return fc
    .array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n })
    .filter((w) => w.some((v) => v > 0))
    .map((w) => {
      const s = w.reduce((a, b) => a + b, 0);
      return w.map((v) => v / s);
    });
}

const vector = (n: number, dyadic: boolean) => (dyadic ? simplexPoint(n) : roundedSimplexPoint(n));
const stochastic = (rows: number, cols: number, dyadic: boolean) => fc.array(vector(cols, dyadic), { minLength: rows, maxLength: rows });

export interface ModelCase {
  model: DecisionModel;
  observations: number[];
}

export function modelCase(
  opts: { maxX?: number; maxY?: number; maxA?: number; maxAgents?: number; transition?: 'identity' | 'any'; dyadic?: boolean } = {},
): fc.Arbitrary<ModelCase> {
  const { maxX = 4, maxY = 4, maxA = 4, maxAgents = 6, transition = 'any' } = opts;
  return fc
    .record({
      X: fc.integer({ min: 1, max: maxX }),
      Y: fc.integer({ min: 1, max: maxY }),
      A: fc.integer({ min: 1, max: maxA }),
      dyadic: opts.dyadic === undefined ? fc.boolean() : fc.constant(opts.dyadic),
    })
    .chain(({ X, Y, A, dyadic }) =>
      fc.record({
        prior: vector(X, dyadic),
        likelihood: stochastic(X, Y, dyadic),
        payoff: fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: A, maxLength: A }), { minLength: X, maxLength: X }),
        isCost: fc.boolean(),
        transition: transition === 'identity' ? fc.constant(undefined) : fc.option(stochastic(X, X, true), { nil: undefined }),
        observations: fc.array(fc.integer({ min: 0, max: Y - 1 }), { maxLength: maxAgents }),
      }),
    )
    .map(({ prior, likelihood, payoff, isCost, transition: P, observations }) => {
      const model: DecisionModel = { prior, likelihood, utility: isCost ? payoff.map((r) => r.map((c) => -c)) : payoff };
      if (P) model.transition = P;
      return { model, observations };
    });
}
