// Evaluates NIAS slacks and the gross utilities G(m,n) of (3.2) at given utilities (no solver involved).
import { jointProbabilities, posteriorsGivenAction } from './choice-data';
import type { ChoiceData } from './types';

/**
 * G[m][n]: for n = m, Σ_{x,a} p_m(x,a) r_m(x,a); for n ≠ m, Σ_a max_b Σ_x π_m(x) p_n(a|x) r_m(x,b).
 * `utilities` is M×X×A (one matrix per environment).
 */
export function grossUtilities(data: ChoiceData, utilities: number[][][]): number[][] {
  const envs = data.environments;
  return envs.map((envM, m) => {
    const r = utilities[m];
    return envs.map((envN, n) => {
      if (n === m) {
        return jointProbabilities(envM).reduce((s, row, x) => s + row.reduce((t, p, a) => t + p * r[x][a], 0), 0);
      }
      let total = 0;
      for (let a = 0; a < data.actions; a++) {
        let best = -Infinity;
        for (let b = 0; b < data.actions; b++) {
          let value = 0;
          for (let x = 0; x < data.states; x++) value += envM.prior[x] * envN.actionGivenState[x][a] * r[x][b];
          best = Math.max(best, value);
        }
        total += best;
      }
      return total;
    });
  });
}

/** Per environment: min over used a and b ≠ a of Σ_x p_m(x|a)(r_m(x,a) − r_m(x,b)), the NIAS margin that environment allows. */
export function niasSlacks(data: ChoiceData, utilities: number[][][]): number[] {
  return data.environments.map((env, m) => {
    const r = utilities[m];
    let slack = Infinity;
    posteriorsGivenAction(env).forEach((posterior, a) => {
      if (posterior === null) return;
      for (let b = 0; b < data.actions; b++) {
        if (b === a) continue;
        slack = Math.min(
          slack,
          posterior.reduce((s, q, x) => s + q * (r[x][a] - r[x][b]), 0),
        );
      }
    });
    return slack;
  });
}

/** The NIAC margin the utilities and costs allow: min over m ≠ n of G(m,m) − κ_m − G(m,n) + κ_n; null when M = 1. */
export function niacSlack(gross: number[][], costs: number[]): number | null {
  let slack: number | null = null;
  gross.forEach((row, m) => {
    row.forEach((g, n) => {
      if (n === m) return;
      const s = row[m] - costs[m] - g + costs[n];
      slack = slack === null ? s : Math.min(slack, s);
    });
  });
  return slack;
}
