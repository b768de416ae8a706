// The canonical NIAS/NIAC constraint system of spec §3.3 (rows NIAS, MAX, NIAC) as a LinearProgram.
import { jointProbabilities, posteriorsGivenAction } from './choice-data';
import { RowBuilder, type LinearProgram, type SparseRow } from './linear-program';
import type { ChoiceData } from './types';

/** Column indices of the decision variables r_m(x,a), κ_m, t_{m,n,a}, ε_s, ε_c. */
export interface RpLayout {
  environments: number;
  states: number;
  actions: number;
  commonUtility: boolean;
  /** The utility columns come first: 0 .. utilityColumns−1. */
  utilityColumns: number;
  utility(m: number, x: number, a: number): number;
  cost(m: number): number;
  /** t_{m,n,a}, defined for m ≠ n only. */
  aux(m: number, n: number, a: number): number;
  niasMargin: number;
  niacMargin: number;
}

/**
 * Builds the constraints with default bounds 0 ≤ r ≤ 1, κ_1 = 0 (others free), t free, ε_s ≥ 0, ε_c ≥ 0
 * (ε_c fixed at 0 when M = 1: there is no NIAC row), and a zero objective; callers set the objective and margin bounds.
 */
export function buildRpProgram(data: ChoiceData, commonUtility: boolean): { lp: LinearProgram; layout: RpLayout } {
  const layout = rpLayout(data, commonUtility);
  const { environments: M, states: X, actions: A } = layout;
  const numCols = layout.niacMargin + 1;
  const columnNames: string[] = new Array<string>(numCols);
  const colLower = new Array<number>(numCols).fill(-Infinity);
  const colUpper = new Array<number>(numCols).fill(Infinity);
  for (let u = 0; u < (commonUtility ? 1 : M); u++) {
    for (let x = 0; x < X; x++) {
      for (let a = 0; a < A; a++) {
        const j = layout.utility(u, x, a);
        columnNames[j] = commonUtility ? `r_${x}_${a}` : `r_${u}_${x}_${a}`;
        colLower[j] = 0;
        colUpper[j] = 1;
      }
    }
  }
  for (let m = 0; m < M; m++) {
    columnNames[layout.cost(m)] = `kappa_${m}`;
    for (let n = 0; n < M; n++) {
      if (n === m) continue;
      for (let a = 0; a < A; a++) columnNames[layout.aux(m, n, a)] = `t_${m}_${n}_${a}`;
    }
  }
  colLower[layout.cost(0)] = 0;
  colUpper[layout.cost(0)] = 0;
  columnNames[layout.niasMargin] = 'eps_s';
  columnNames[layout.niacMargin] = 'eps_c';
  colLower[layout.niasMargin] = 0;
  colLower[layout.niacMargin] = 0;
  if (M === 1) colUpper[layout.niacMargin] = 0;

  const rows = [...niasRows(data, layout), ...maxRows(data, layout), ...niacRows(data, layout)];
  const lp: LinearProgram = { columnNames, colLower, colUpper, colCost: new Array<number>(numCols).fill(0), rows, sense: 'maximize' };
  return { lp, layout };
}

export function rpLayout(data: ChoiceData, commonUtility: boolean): RpLayout {
  const { states: X, actions: A } = data;
  const M = data.environments.length;
  const utilityColumns = (commonUtility ? 1 : M) * X * A;
  const costStart = utilityColumns;
  const auxStart = costStart + M;
  const niasMargin = auxStart + M * (M - 1) * A;
  return {
    environments: M,
    states: X,
    actions: A,
    commonUtility,
    utilityColumns,
    utility: (m, x, a) => ((commonUtility ? 0 : m) * X + x) * A + a,
    cost: (m) => costStart + m,
    // Pairs (m,n), n ≠ m, are numbered m·(M−1) + (n < m ? n : n−1).
    aux: (m, n, a) => auxStart + (m * (M - 1) + (n < m ? n : n - 1)) * A + a,
    niasMargin,
    niacMargin: niasMargin + 1,
  };
}

/** (NIAS) Σ_x p_m(x|a)(r_m(x,b) − r_m(x,a)) + ε_s ≤ 0 for every used a and b ≠ a; unused actions only appear as b. */
function niasRows(data: ChoiceData, layout: RpLayout): SparseRow[] {
  const rows: SparseRow[] = [];
  data.environments.forEach((env, m) => {
    posteriorsGivenAction(env).forEach((posterior, a) => {
      if (posterior === null) return;
      for (let b = 0; b < data.actions; b++) {
        if (b === a) continue;
        const row = new RowBuilder();
        posterior.forEach((q, x) => {
          row.add(layout.utility(m, x, b), q).add(layout.utility(m, x, a), -q);
        });
        rows.push(row.add(layout.niasMargin, 1).build(`nias_${m}_${a}_${b}`, 0));
      }
    });
  });
  return rows;
}

/** (MAX) Σ_x π_m(x) p_n(a|x) r_m(x,b) − t_{m,n,a} ≤ 0 for m ≠ n, every a, b: t_{m,n,a} ≥ the best response value. */
function maxRows(data: ChoiceData, layout: RpLayout): SparseRow[] {
  const rows: SparseRow[] = [];
  const envs = data.environments;
  envs.forEach((envM, m) => {
    envs.forEach((envN, n) => {
      if (n === m) return;
      for (let a = 0; a < data.actions; a++) {
        for (let b = 0; b < data.actions; b++) {
          const row = new RowBuilder();
          for (let x = 0; x < data.states; x++) row.add(layout.utility(m, x, b), envM.prior[x] * envN.actionGivenState[x][a]);
          rows.push(row.add(layout.aux(m, n, a), -1).build(`max_${m}_${n}_${a}_${b}`, 0));
        }
      }
    });
  });
  return rows;
}

/** (NIAC) Σ_a t_{m,n,a} − κ_n − Σ_{x,a} p_m(x,a) r_m(x,a) + κ_m + ε_c ≤ 0 for m ≠ n. */
function niacRows(data: ChoiceData, layout: RpLayout): SparseRow[] {
  const rows: SparseRow[] = [];
  const joints = data.environments.map(jointProbabilities);
  joints.forEach((joint, m) => {
    joints.forEach((_, n) => {
      if (n === m) return;
      const row = new RowBuilder();
      for (let a = 0; a < data.actions; a++) row.add(layout.aux(m, n, a), 1);
      row.add(layout.cost(n), -1).add(layout.cost(m), 1);
      joint.forEach((jointRow, x) => jointRow.forEach((p, a) => row.add(layout.utility(m, x, a), -p)));
      rows.push(row.add(layout.niacMargin, 1).build(`niac_${m}_${n}`, 0));
    });
  });
  return rows;
}
