// An attribute record that indexes to a given y (for simulated observations, which have no LLM answer to show).
import type { AttributeRecord } from '../core/observation-index';
import type { Profile } from './profile';

/** The smallest record: attributes not needed for y are false (max-severity: only the defining attribute is true). */
export function exampleAttributes(profile: Profile, y: number): AttributeRecord {
  const names = profile.indexing.attributes;
  const n = names.length;
  const truth = (i: number): boolean => {
    switch (profile.indexing.kind) {
      case 'bits':
        return Math.floor(y / 2 ** i) % 2 === 1;
      case 'product-bits':
        return Math.floor(y / 2 ** (n - 1 - i)) % 2 === 1;
      case 'max-severity':
        return y > 0 && i === y - 1;
      case 'any':
        return y === 1 && i === 0;
    }
  };
  const record: AttributeRecord = {};
  names.forEach((name, i) => (record[name] = truth(i)));
  return record;
}
