// One agent's decision for every observation at a given predicted belief, computed once per step and reused for
// the classification cost, the revealed-observation (Bayes) update and the social-learning update. It applies the
// core decision rule (decideFromPredicted), so the updates equal social-learning.ts's T(π,a) exactly.
import { decideFromPredicted } from '../bayes';
import type { DecisionModel } from '../model';

export interface AgentTable {
  predicted: readonly number[];
  /** a(π,y) for each y. */
  actions: number[];
  /** η for each y (null if y is impossible under π). */
  posteriors: (number[] | null)[];
}

export function tabulateAgent(model: DecisionModel, predicted: readonly number[]): AgentTable {
  const Y = model.likelihood[0].length;
  const actions = new Array<number>(Y);
  const posteriors = new Array<number[] | null>(Y);
  for (let y = 0; y < Y; y++) {
    const d = decideFromPredicted(model, predicted, y);
    actions[y] = d.action;
    posteriors[y] = d.privateBelief;
  }
  return { predicted, actions, posteriors };
}

/** T(π,a) = R^π_a P'π / σ(π,a) from the table; null when σ = 0. */
export function socialUpdateFromTable(model: DecisionModel, table: AgentTable, a: number): number[] | null {
  const { predicted, actions } = table;
  const next = new Array<number>(predicted.length);
  let sigma = 0;
  for (let x = 0; x < predicted.length; x++) {
    let r = 0;
    for (let y = 0; y < actions.length; y++) if (actions[y] === a) r += model.likelihood[x][y];
    next[x] = r * predicted[x];
    sigma += next[x];
  }
  if (!(sigma > 0)) return null;
  for (let x = 0; x < next.length; x++) next[x] /= sigma;
  return next;
}

/** Σ_y Σ_x (P'π)(x) B[x][y] c(x, a(π,y)). */
export function classificationCostFromTable(model: DecisionModel, table: AgentTable, cost: readonly (readonly number[])[]): number {
  let total = 0;
  for (let y = 0; y < table.actions.length; y++) {
    const a = table.actions[y];
    for (let x = 0; x < table.predicted.length; x++) total += table.predicted[x] * model.likelihood[x][y] * cost[x][a];
  }
  return total;
}
