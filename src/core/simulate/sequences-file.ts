// The sequences file (JSON lines): a header, then one line of observations per chain (run → true state → prior).
import { InputError } from '../errors';
import { chainIndex, type SimulationPlan } from './types';

export const SEQUENCES_FORMAT = 'herdscope-sequences/1';

export interface SequencesHeader {
  format: typeof SEQUENCES_FORMAT;
  X: number;
  Y: number;
  A: number;
  agents: number;
  grid: number;
  runs: number;
  true_states: number[];
  seed: number;
  prior_grid: number[];
}

export interface ModelShape {
  X: number;
  Y: number;
  A: number;
}

/** Visits chains in file order: run, then true state, then prior. */
export function forEachChainInFileOrder(plan: SimulationPlan, visit: (run: number, priorIndex: number, stateIndex: number) => void): void {
  for (let run = 0; run < plan.runs; run++) {
    for (let s = 0; s < plan.trueStates.length; s++) {
      for (let g = 0; g < plan.priorGrid.length; g++) visit(run, g, s);
    }
  }
}

export function formatSequences(shape: ModelShape, plan: SimulationPlan, seed: number, observations: Int8Array): string {
  const header = {
    format: SEQUENCES_FORMAT,
    ...shape,
    agents: plan.agents,
    grid: plan.priorGrid.length,
    runs: plan.runs,
    true_states: plan.trueStates,
    seed,
    prior_grid: plan.priorGrid,
    order: 'one line per chain: run, then true state, then prior index; obs[k] is the observation of agent k+1',
  };
  const lines = [JSON.stringify(header)];
  const N = plan.agents;
  forEachChainInFileOrder(plan, (run, g, s) => {
    const c = chainIndex(plan, run, g, s);
    const obs = Array.from(observations.subarray(c * N, c * N + N));
    lines.push(JSON.stringify({ run, prior_index: g, prior: plan.priorGrid[g], true_state: plan.trueStates[s], obs }));
  });
  return `${lines.join('\n')}\n`;
}

/** Reads and checks the header (line 1) against the model's shape. */
export function parseSequencesHeader(line: string | undefined, shape: ModelShape): SequencesHeader {
  const raw = parseJsonLine(line, 1);
  if (raw.format !== SEQUENCES_FORMAT)
    throw new InputError('sequences.format', `must be "${SEQUENCES_FORMAT}", got ${JSON.stringify(raw.format)}`);
  const int = (key: string, min: number) => {
    const v = raw[key];
    if (!Number.isInteger(v) || (v as number) < min)
      throw new InputError(`sequences.${key}`, `must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
    return v as number;
  };
  const header: SequencesHeader = {
    format: SEQUENCES_FORMAT,
    X: int('X', 1),
    Y: int('Y', 1),
    A: int('A', 1),
    agents: int('agents', 1),
    grid: int('grid', 1),
    runs: int('runs', 1),
    true_states: intList(raw.true_states, 'sequences.true_states'),
    seed: int('seed', Number.MIN_SAFE_INTEGER),
    prior_grid: numberList(raw.prior_grid, 'sequences.prior_grid'),
  };
  const names: Record<keyof ModelShape, string> = { X: 'states', Y: 'observations', A: 'actions' };
  for (const key of ['X', 'Y', 'A'] as const) {
    if (header[key] !== shape[key])
      throw new InputError(`sequences.${key}`, `is ${header[key]} but the model has ${shape[key]} ${names[key]}`);
  }
  if (header.prior_grid.length !== header.grid)
    throw new InputError('sequences.prior_grid', `has ${header.prior_grid.length} values but grid is ${header.grid}`);
  header.prior_grid.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new InputError(`sequences.prior_grid[${i}]`, `must be in [0, 1], got ${p}`);
  });
  header.true_states.forEach((x, i) => {
    if (x < 0 || x >= shape.X) throw new InputError(`sequences.true_states[${i}]`, `must be a state in 0..${shape.X - 1}, got ${x}`);
  });
  if (new Set(header.true_states).size !== header.true_states.length)
    throw new InputError('sequences.true_states', 'must not repeat a state');
  return header;
}

/** Reads the chain lines (2..) into int8 observations in [run][prior][state][agent] order; every chain exactly once. */
export function parseSequenceChains(lines: readonly string[], plan: SimulationPlan, Y: number): Int8Array {
  const N = plan.agents;
  const G = plan.priorGrid.length;
  const total = plan.runs * G * plan.trueStates.length;
  const out = new Int8Array(total * N);
  const seen = new Uint8Array(total);
  lines.forEach((line, i) => {
    const lineNo = i + 2;
    if (line.trim() === '') return;
    const raw = parseJsonLine(line, lineNo);
    const at = (key: string) => `sequences line ${lineNo} ${key}`;
    const run = raw.run;
    if (!Number.isInteger(run) || (run as number) < 0 || (run as number) >= plan.runs)
      throw new InputError(at('run'), `must be an integer in 0..${plan.runs - 1}, got ${JSON.stringify(run)}`);
    const g = raw.prior_index;
    if (!Number.isInteger(g) || (g as number) < 0 || (g as number) >= G)
      throw new InputError(at('prior_index'), `must be an integer in 0..${G - 1}, got ${JSON.stringify(g)}`);
    if (raw.prior !== plan.priorGrid[g as number])
      throw new InputError(at('prior'), `is ${JSON.stringify(raw.prior)} but prior_grid[${g}] is ${plan.priorGrid[g as number]}`);
    const s = plan.trueStates.indexOf(raw.true_state as number);
    if (s < 0)
      throw new InputError(at('true_state'), `must be one of ${JSON.stringify(plan.trueStates)}, got ${JSON.stringify(raw.true_state)}`);
    const obs = raw.obs;
    if (!Array.isArray(obs) || obs.length !== N) throw new InputError(at('obs'), `must be an array of ${N} observations`);
    const c = chainIndex(plan, run as number, g as number, s);
    if (seen[c]) throw new InputError(at('run'), `chain run=${run} true_state=${raw.true_state} prior_index=${g} appears twice`);
    seen[c] = 1;
    obs.forEach((y, k) => {
      if (!Number.isInteger(y) || y < 0 || y >= Y)
        throw new InputError(at(`obs[${k}]`), `must be an observation index in 0..${Y - 1}, got ${JSON.stringify(y)}`);
      out[c * N + k] = y;
    });
  });
  forEachChainInFileOrder(plan, (run, g, s) => {
    if (!seen[chainIndex(plan, run, g, s)]) {
      throw new InputError(
        'sequences',
        `missing chain run=${run} true_state=${plan.trueStates[s]} prior_index=${g} (${total} chains expected)`,
      );
    }
  });
  return out;
}

function parseJsonLine(line: string | undefined, lineNo: number): Record<string, unknown> {
  if (line === undefined || line.trim() === '') throw new InputError(`sequences line ${lineNo}`, 'is missing');
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (err) {
    throw new InputError(`sequences line ${lineNo}`, `is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new InputError(`sequences line ${lineNo}`, 'must be a JSON object');
  return raw as Record<string, unknown>;
}

function numberList(v: unknown, field: string): number[] {
  if (!Array.isArray(v) || v.length === 0) throw new InputError(field, 'must be a non-empty array of numbers');
  v.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new InputError(`${field}[${i}]`, `must be a number, got ${JSON.stringify(x)}`);
  });
  return v as number[];
}

function intList(v: unknown, field: string): number[] {
  const list = numberList(v, field);
  list.forEach((x, i) => {
    if (!Number.isInteger(x)) throw new InputError(`${field}[${i}]`, `must be an integer, got ${x}`);
  });
  return list;
}
