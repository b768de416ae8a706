// The HiGHS LP solver (WebAssembly, `highs` package), loaded once per process and reused for every LP.
import type { Highs, ModelData } from 'highs';
import { maxViolation, type LinearProgram } from './linear-program';

export interface LpSolverLoadOptions {
  /** Where the bundle keeps highs.wasm, e.g. `(file) => path.join(__dirname, file)` in dist/cli.js. */
  locateFile?: (file: string) => string;
}

export type LpOutcome =
  | { status: 'optimal'; objective: number; values: number[] }
  | { status: 'infeasible' }
  | { status: 'unbounded' }
  | { status: 'infeasible-or-unbounded' };

export interface LpSolver {
  solve(lp: LinearProgram): LpOutcome;
}

/** The solver failed to give a trustworthy answer (error status, limit reached, or a solution that violates the LP). */
export class LpSolverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LpSolverError';
  }
}

/** Tight tolerances: callers compare optimal margins against independent references to ~1e-9. */
const SOLVER_OPTIONS = {
  output_flag: false,
  primal_feasibility_tolerance: 1e-10,
  dual_feasibility_tolerance: 1e-10,
  small_matrix_value: 1e-12,
} as const;

/** A returned solution may violate a row or bound by at most this much before we refuse it. */
const ACCEPTED_VIOLATION = 1e-8;

let loading: Promise<LpSolver> | undefined;

/** Loads HiGHS on first call (options apply to that call only) and returns the same solver afterwards. */
export function loadLpSolver(options: LpSolverLoadOptions = {}): Promise<LpSolver> {
  // Required here, not at the top: the package loads on the first LP (the bundles keep it in dist/sdk/highs.js, see
  // esbuild.mjs). `require` picks its CommonJS build; its ESM build needs import.meta.url, which a CJS bundle lacks.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loading ??= (require('highs') as typeof import('highs')).default(options.locateFile ? { locateFile: options.locateFile } : {}).then(
    (highs) => new HighsLpSolver(highs),
    (err: unknown) => {
      loading = undefined;
      throw new LpSolverError(
        `could not load the HiGHS LP solver (a bundle must pass locateFile for highs.wasm): ${err instanceof Error ? err.message : String(err)}`,
      );
    },
  );
  return loading;
}

class HighsLpSolver implements LpSolver {
  constructor(private readonly highs: Highs) {}

  solve(lp: LinearProgram): LpOutcome {
    const { highs } = this;
    const status = highs.constants.modelStatus;
    return highs.withModel(toModelData(highs, lp), (model) => {
      model.options.set(SOLVER_OPTIONS);
      model.run();
      const code = model.getModelStatus();
      if (code === status.infeasible) return { status: 'infeasible' } as const;
      if (code === status.unbounded) return { status: 'unbounded' } as const;
      if (code === status.unboundedOrInfeasible) return { status: 'infeasible-or-unbounded' } as const;
      if (code !== status.optimal) throw new LpSolverError(`HiGHS stopped with model status ${statusName(highs, code)}`);
      const values = Array.from(model.getSolution().colValue);
      const violation = maxViolation(lp, values);
      if (!(violation <= ACCEPTED_VIOLATION)) throw new LpSolverError(`HiGHS returned a solution violating the LP by ${violation}`);
      return { status: 'optimal', objective: model.getObjectiveValue(), values: clampToBounds(lp, values) } as const;
    });
  }
}

function toModelData(highs: Highs, lp: LinearProgram): ModelData {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of lp.rows) {
    indices.push(...row.indices);
    values.push(...row.values);
    starts.push(indices.length);
  }
  const numCols = lp.columnNames.length;
  const numRows = lp.rows.length;
  const inf = highs.infinity;
  return {
    numCols,
    numRows,
    sense: lp.sense === 'maximize' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    colCost: lp.colCost,
    colLower: lp.colLower.map((v) => (v === -Infinity ? -inf : v)),
    colUpper: lp.colUpper.map((v) => (v === Infinity ? inf : v)),
    rowLower: lp.rows.map(() => -inf),
    rowUpper: lp.rows.map((r) => r.upper),
    matrix: { format: 'csr', numRows, numCols, starts, indices, values },
  };
}

/** Bounds are hard constraints: snap values that overshoot within tolerance, and turn −0 into 0. */
function clampToBounds(lp: LinearProgram, values: number[]): number[] {
  return values.map((v, j) => Math.min(lp.colUpper[j], Math.max(lp.colLower[j], v)) + 0);
}

function statusName(highs: Highs, code: number): string {
  const entry = Object.entries(highs.constants.modelStatus).find(([, c]) => c === code);
  return entry ? `${entry[0]} (${code})` : String(code);
}
