// Facts the reproduction uses besides the paper's tables (src/core/paper-data.ts): labels and where ../shared/data lives.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const STATE_LABELS = [
  '0: not HSP',
  '1: HSP intensity 1',
  '2: HSP intensity 2',
  '3: HSP intensity 3',
  '4: HSP intensity 4',
  '5: HSP intensity 5',
];

/** The authors' E2 model file (../shared/data/e2-authors/model.json beside the checkout), or null when absent. */
export function authorsE2Model(repoRoot: string): unknown | null {
  const file = resolve(repoRoot, '..', 'shared', 'data', 'e2-authors', 'model.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}
