// A solver-neutral linear program: bounds on columns, rows of the form Σ_j coef_j x_j ≤ upper, a linear objective.

export interface SparseRow {
  name: string;
  indices: number[];
  values: number[];
  upper: number;
}

export interface LinearProgram {
  columnNames: string[];
  colLower: number[];
  colUpper: number[];
  colCost: number[];
  rows: SparseRow[];
  sense: 'minimize' | 'maximize';
}

/** Collects the terms of one row, merging repeated columns and dropping zero coefficients. */
export class RowBuilder {
  private readonly terms = new Map<number, number>();

  add(column: number, coefficient: number): this {
    this.terms.set(column, (this.terms.get(column) ?? 0) + coefficient);
    return this;
  }

  build(name: string, upper: number): SparseRow {
    const entries = [...this.terms].filter(([, v]) => v !== 0).sort((p, q) => p[0] - q[0]);
    return { name, indices: entries.map(([j]) => j), values: entries.map(([, v]) => v), upper };
  }
}

/** The largest violation of a row or a column bound by `values` (0 when feasible). */
export function maxViolation(lp: LinearProgram, values: ArrayLike<number>): number {
  let worst = 0;
  lp.colLower.forEach((lo, j) => {
    worst = Math.max(worst, lo - values[j], values[j] - lp.colUpper[j]);
  });
  for (const row of lp.rows) {
    let activity = 0;
    row.indices.forEach((j, k) => {
      activity += row.values[k] * values[j];
    });
    worst = Math.max(worst, activity - row.upper);
  }
  return worst;
}
