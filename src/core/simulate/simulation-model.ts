// Validates the simulate model file: the `learn` model plus optional observationSource and priorFamily.
import { InputError } from '../errors';
import { dims, parseDecisionModel } from '../model';
import { assertMatrix } from '../probability';
import type { ObservationSource, PriorFamily, SimulationModel } from './types';

/** Actions and observations are hashed and stored as int8. */
export const MAX_SYMBOLS = 127;

/**
 * `prior` is optional here (π0 comes from priorFamily); when present it is validated and otherwise unused.
 * Defaults: observationSource {"kind":"likelihood"}, priorFamily {"kind":"two-point","anchor":0}.
 */
export function parseSimulationModel(raw: unknown): SimulationModel {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError('model', 'must be a JSON object with likelihood and utility or cost');
  }
  const obj = raw as Record<string, unknown>;
  if (obj.prior === undefined && (!Array.isArray(obj.likelihood) || obj.likelihood.length === 0)) {
    throw new InputError('likelihood', 'is required (X×Y, B[x][y] = P(y|x))');
  }
  const withPrior = obj.prior === undefined ? { ...obj, prior: uniform((obj.likelihood as unknown[]).length) } : obj;
  const model = parseDecisionModel(withPrior);
  const { Y, A } = dims(model);
  if (Y > MAX_SYMBOLS) throw new InputError('likelihood', `simulate supports at most ${MAX_SYMBOLS} observations, got ${Y}`);
  if (A > MAX_SYMBOLS) throw new InputError('utility', `simulate supports at most ${MAX_SYMBOLS} actions, got ${A}`);
  if (model.prior.length > MAX_SYMBOLS) throw new InputError('likelihood', `simulate supports at most ${MAX_SYMBOLS} states`);
  return {
    model,
    source: parseObservationSource(obj.observationSource, model.prior.length, Y),
    family: parsePriorFamily(obj.priorFamily, model.prior.length),
  };
}

function uniform(X: number): number[] {
  return new Array<number>(X).fill(1 / X);
}

function parseObservationSource(raw: unknown, X: number, Y: number): ObservationSource {
  if (raw === undefined || raw === null) return { kind: 'likelihood' };
  const field = 'observationSource';
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(field, 'must be an object with a kind');
  const obj = raw as Record<string, unknown>;
  switch (obj.kind) {
    case 'likelihood':
      return { kind: 'likelihood' };
    case 'counts':
      return { kind: 'counts', counts: parseCounts(obj.counts, X, Y) };
    case 'rows':
      return { kind: 'rows', rows: parseRows(obj.columns, obj.rows, X, Y) };
    default:
      throw new InputError(`${field}.kind`, `must be "likelihood", "counts" or "rows", got ${JSON.stringify(obj.kind)}`);
  }
}

function parseCounts(raw: unknown, X: number, Y: number): number[][] {
  const field = 'observationSource.counts';
  const counts = assertMatrix(raw, field, X, Y);
  counts.forEach((row, x) =>
    row.forEach((c, y) => {
      if (c < 0) throw new InputError(`${field}[${x}][${y}]`, `must be non-negative, got ${c}`);
    }),
  );
  return counts.map((r) => [...r]);
}

function parseRows(columnsRaw: unknown, rowsRaw: unknown, X: number, Y: number): Array<[number, number]> {
  const columns = Array.isArray(columnsRaw) ? columnsRaw : ['state', 'y'];
  if (columnsRaw !== undefined && !Array.isArray(columnsRaw))
    throw new InputError('observationSource.columns', 'must be an array of column names');
  const stateAt = columns.indexOf('state');
  const yAt = columns.indexOf('y');
  if (stateAt < 0 || yAt < 0)
    throw new InputError('observationSource.columns', `must name a "state" and a "y" column, got ${JSON.stringify(columns)}`);
  if (!Array.isArray(rowsRaw) || rowsRaw.length === 0) throw new InputError('observationSource.rows', 'must be a non-empty array of rows');
  return rowsRaw.map((row, i) => {
    const field = `observationSource.rows[${i}]`;
    if (!Array.isArray(row) || row.length !== columns.length) throw new InputError(field, `must be an array of ${columns.length} values`);
    const state = row[stateAt];
    const y = row[yAt];
    if (!Number.isInteger(state) || state < 0 || state >= X)
      throw new InputError(`${field}[${stateAt}]`, `state must be an integer in 0..${X - 1}, got ${JSON.stringify(state)}`);
    if (!Number.isInteger(y) || y < 0 || y >= Y)
      throw new InputError(`${field}[${yAt}]`, `y must be an integer in 0..${Y - 1}, got ${JSON.stringify(y)}`);
    return [state as number, y as number];
  });
}

function parsePriorFamily(raw: unknown, X: number): PriorFamily {
  if (raw === undefined || raw === null) return { kind: 'two-point', anchor: 0 };
  const field = 'priorFamily';
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(field, 'must be an object {"kind":"two-point","anchor":i}');
  const obj = raw as Record<string, unknown>;
  if (obj.kind !== 'two-point') throw new InputError(`${field}.kind`, `must be "two-point", got ${JSON.stringify(obj.kind)}`);
  const anchor = obj.anchor ?? 0;
  if (!Number.isInteger(anchor) || (anchor as number) < 0 || (anchor as number) >= X) {
    throw new InputError(`${field}.anchor`, `must be a state index in 0..${X - 1}, got ${JSON.stringify(obj.anchor)}`);
  }
  return { kind: 'two-point', anchor: anchor as number };
}
