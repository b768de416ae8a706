// The comma-separated observation indices given on the command line (learn, control whatif).
import { InputError } from '../core/errors';

/** "1,0,0,1" → [1, 0, 0, 1]; blank → []; entries may have spaces around them. Range checks are the model's. */
export function parseObservationList(list: string): number[] {
  if (list.trim() === '') return [];
  return list.split(',').map((item, i) => {
    const s = item.trim();
    if (!/^\d+$/.test(s)) throw new InputError(`observations[${i}]`, `must be a non-negative integer, got ${JSON.stringify(item)}`);
    return Number(s);
  });
}
