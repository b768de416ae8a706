// --out DIR: the runs directory a command stores its runs in (created with the first run), checked up front.
import { RunStore } from '../audit/run-store';
import { InputError } from '../core/errors';
import { statIfExists } from './input-files';

export function openRunStore(dir: string, field = '--out'): RunStore {
  if (statIfExists(dir, field)?.isDirectory() === false) throw new InputError(field, `${dir} is not a directory`);
  return new RunStore(dir);
}
