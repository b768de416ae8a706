// Counts state × observation from a labelled CSV/JSONL file, for a profile that estimates B from data.
import path from 'node:path';
import { InputError } from '../core/errors';
import { observationIndex } from '../core/observation-index';
import { parseStateLabel } from './dataset';
import { profileIndexing, profileObservationCount, type Profile } from './profile';
import { readTableFile, type Cell } from './table-file';

export interface LabelledFileSource {
  file: string;
  stateColumn: string;
  observationColumn?: string;
}

export async function countsFromLabelledFile(profile: Profile, source: LabelledFileSource, baseDir: string): Promise<number[][]> {
  const field = 'profile.likelihood.estimateFrom.file';
  const table = await readTableFile(path.resolve(baseDir, source.file), field);
  const needed = [source.stateColumn, ...(source.observationColumn ? [source.observationColumn] : profile.indexing.attributes)];
  for (const column of needed) {
    if (!table.columns.includes(column)) throw new InputError(field, `${source.file} has no column '${column}'; available: ${table.columns.join(', ')}`);
  }
  const X = profile.states.length;
  const Y = profileObservationCount(profile);
  const counts = Array.from({ length: X }, () => new Array<number>(Y).fill(0));
  table.records.forEach((record, i) => {
    const at = `${source.file} row ${i + 1}`;
    const state = parseStateLabel(record[source.stateColumn], profile.states, `${at} ${source.stateColumn}`);
    if (state === null) return;
    const y = source.observationColumn ? observationCell(record[source.observationColumn], Y, `${at} ${source.observationColumn}`) : indexAttributes(profile, record, at);
    counts[state][y] += 1;
  });
  return counts;
}

function observationCell(value: Cell | undefined, Y: number, field: string): number {
  const y = Number(value);
  if (!Number.isInteger(y) || y < 0 || y >= Y) throw new InputError(field, `must be an observation index 0..${Y - 1}, got '${String(value)}'`);
  return y;
}

function indexAttributes(profile: Profile, record: Record<string, Cell>, at: string): number {
  const attrs: Record<string, boolean> = {};
  for (const name of profile.indexing.attributes) attrs[name] = booleanCell(record[name], `${at} ${name}`);
  return observationIndex(profileIndexing(profile), attrs);
}

/** true/false, 1/0, yes/no (any case). */
export function booleanCell(value: Cell | undefined, field: string): boolean {
  if (typeof value === 'boolean') return value;
  const text = String(value ?? '').trim().toLowerCase();
  if (['true', '1', 'yes'].includes(text)) return true;
  if (['false', '0', 'no'].includes(text)) return false;
  throw new InputError(field, `must be true/false or 1/0, got '${String(value ?? '')}'`);
}
