// Counts state × observation from a labelled CSV/JSONL file, for a profile that estimates B from data.
import { InputError } from '../core/errors';
import { observationIndex } from '../core/observation-index';
import { quoteUntrusted } from '../core/untrusted-text';
import { parseStateLabel } from './dataset';
import { profileFilePath } from './profile-files';
import { profileIndexing, profileObservationCount, type Profile } from './profile';
import { readTableFile, type Cell } from './table-file';

export interface LabelledFileSource {
  file: string;
  stateColumn: string;
  observationColumn?: string;
}

/** `root`: the folder the profile may read inside (see profile-files.ts); errors name the file and the problem, never its content. */
export async function countsFromLabelledFile(
  profile: Profile,
  source: LabelledFileSource,
  baseDir: string,
  root = baseDir,
): Promise<number[][]> {
  const field = 'profile.likelihood.estimateFrom.file';
  const table = await readTableFile(await profileFilePath(source.file, baseDir, root, field), field);
  const needed = [source.stateColumn, ...(source.observationColumn ? [source.observationColumn] : profile.indexing.attributes)];
  for (const column of needed) {
    if (!table.columns.includes(column))
      throw new InputError(
        field,
        `${quoteUntrusted(source.file)} has no column ${quoteUntrusted(column)} (its header has ${table.columns.length} columns)`,
      );
  }
  const X = profile.states.length;
  const Y = profileObservationCount(profile);
  const counts = Array.from({ length: X }, () => new Array<number>(Y).fill(0));
  table.records.forEach((record, i) => {
    const at = `${quoteUntrusted(source.file)} row ${i + 1}`;
    const state = stateCell(record[source.stateColumn], profile.states, `${at} ${source.stateColumn}`);
    if (state === null) return;
    const y = source.observationColumn
      ? observationCell(record[source.observationColumn], Y, `${at} ${source.observationColumn}`)
      : indexAttributes(profile, record, at);
    counts[state][y] += 1;
  });
  return counts;
}

function stateCell(value: Cell | undefined, states: string[], field: string): number | null {
  try {
    return parseStateLabel(value, states, field);
  } catch (err) {
    if (err instanceof InputError)
      throw new InputError(field, `must be a state index 0..${states.length - 1} or one of the profile's state names`);
    throw err;
  }
}

function observationCell(value: Cell | undefined, Y: number, field: string): number {
  const y = Number(value);
  if (!Number.isInteger(y) || y < 0 || y >= Y) throw new InputError(field, `must be an observation index 0..${Y - 1}`);
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
  const text = String(value ?? '')
    .trim()
    .toLowerCase();
  if (['true', '1', 'yes'].includes(text)) return true;
  if (['false', '0', 'no'].includes(text)) return false;
  throw new InputError(field, 'must be true/false, yes/no or 1/0');
}
