// Independent brute-force reference for `learn`, in a different formulation from src/core: exact rationals and
// explicit enumeration of every state path (x_0, ..., x_k) with its probability jointly with the public actions.
// A decision compares unnormalised expected utilities Σ_path weight·B[x][y]·u[x][a] exactly (ties: lowest a).
import type { DecisionModel } from '../../../src/core/model';
import { ONE, ZERO, add, cmp, div, fromDouble, isZero, mul, toNumber, total, type Rational } from './rational';

interface Path {
  last: number;
  weight: Rational; // P(x_0..x_k = path, a_1..a_k), or the fallback weight when an action was impossible
}

export interface ReferenceStep {
  privateBelief: number[] | null;
  action: number;
  publicBelief: number[];
  cascade: boolean;
}

export function referenceLearn(model: DecisionModel, observations: number[], codeParity = false) {
  const X = model.prior.length;
  const Y = model.likelihood[0].length;
  const A = model.utility[0].length;
  const B = model.likelihood.map((r) => r.map(fromDouble));
  const U = model.utility.map((r) => r.map(fromDouble));
  const P =
    model.transition?.map((r) => r.map(fromDouble)) ??
    Array.from({ length: X }, (_, i) => Array.from({ length: X }, (_, j) => (i === j ? ONE : ZERO)));

  let paths: Path[] = model.prior.map((p, x) => ({ last: x, weight: fromDouble(p) })).filter((p) => !isZero(p.weight));
  const steps: ReferenceStep[] = [];
  let herdingStep: number | null = null;
  // True if some decision had a runner-up within 1e-9 (relative) of the best, exact ties included: floating-point
  // data whose exact values tie (or nearly) can round either way, so only exact (dyadic) data pin the action down.
  let nearTie = false;

  for (let k = 0; k < observations.length; k++) {
    // Extend every path by one transition (paths are never merged: this is the enumeration).
    const extended: Path[] = [];
    for (const path of paths) {
      for (let x = 0; x < X; x++) {
        if (!isZero(P[path.last][x])) extended.push({ last: x, weight: mul(path.weight, P[path.last][x]) });
      }
    }
    const massOf = (y: number, x: number) => total(extended.filter((p) => p.last === x).map((p) => mul(p.weight, B[x][y])));
    const decide = (y: number) => {
      const joint = Array.from({ length: X }, (_, x) => massOf(y, x));
      let best = 0;
      let bestValue: Rational | null = null;
      const values = Array.from({ length: A }, (_, a) => total(joint.map((j, x) => mul(j, U[x][a]))));
      values.forEach((value, a) => {
        if (bestValue === null || cmp(value, bestValue) > 0) [best, bestValue] = [a, value];
      });
      const reachable = !isZero(total(joint));
      if (reachable) {
        const top = toNumber(bestValue ?? ZERO);
        const scale = toNumber(total(joint)) * Math.max(1, ...U.flat().map((u) => Math.abs(toNumber(u))));
        if (values.some((v, a) => a !== best && top - toNumber(v) <= 1e-9 * scale)) nearTie = true;
      }
      return { joint, action: best, reachable };
    };
    const decisions = Array.from({ length: Y }, (_, y) => decide(y));
    const reachableActions = new Set(decisions.filter((d) => d.reachable).map((d) => d.action));
    const cascade = reachableActions.size === 1;
    const own = decisions[observations[k]];
    const ownMass = total(own.joint);
    const privateBelief = own.reachable ? own.joint.map((j) => toNumber(div(j, ownMass))) : null;

    const likelihoodOfAction = (x: number) => total(decisions.map((d, y) => (d.action === own.action ? B[x][y] : ZERO)));
    let next = extended.map((p) => {
      const r = likelihoodOfAction(p.last);
      return { last: p.last, weight: mul(p.weight, codeParity ? add(r, ONE) : r) };
    });
    if (isZero(total(next.map((p) => p.weight)))) next = extended; // impossible action: no information
    paths = next.filter((p) => !isZero(p.weight));
    const mass = total(paths.map((p) => p.weight));
    const publicBelief = Array.from({ length: X }, (_, x) =>
      toNumber(div(total(paths.filter((p) => p.last === x).map((p) => p.weight)), mass)),
    );

    steps.push({ privateBelief, action: own.action, publicBelief, cascade });
    if (cascade && herdingStep === null) herdingStep = k + 1;
  }
  return { steps, herdingStep, nearTie };
}
