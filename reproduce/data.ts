// Facts the reproduction uses: the real Mistral-7B counts of spec §2.4 and where ../shared/data lives.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** State × y6 confusion counts of Mistral-7B on the 240 comments (spec §2.4), 40 per state. */
export const MISTRAL_COUNTS = [
  [35, 2, 0, 2, 1, 0],
  [7, 10, 1, 12, 9, 1],
  [4, 9, 0, 13, 13, 1],
  [0, 9, 0, 21, 8, 2],
  [1, 5, 0, 8, 22, 4],
  [0, 1, 0, 7, 24, 8],
];

/** State × y2 (any harmful attribute) counts, spec §2.4: [no, yes] per state. */
export const BINARY_COUNTS = [
  [35, 5],
  [7, 33],
  [4, 36],
  [0, 40],
  [1, 39],
  [0, 40],
];

export const STATE_LABELS = ['0: not HSP', '1: HSP intensity 1', '2: HSP intensity 2', '3: HSP intensity 3', '4: HSP intensity 4', '5: HSP intensity 5'];

/** Row-normalised counts with `smoothing` added to every cell. */
export function rowFrequencies(counts: readonly (readonly number[])[], smoothing = 0): number[][] {
  return counts.map((row) => {
    const total = row.reduce((a, b) => a + b, smoothing * row.length);
    return row.map((c) => (c + smoothing) / total);
  });
}

/** The authors' E2 model file (../shared/data/e2-authors/model.json beside the checkout), or null when absent. */
export function authorsE2Model(repoRoot: string): unknown | null {
  const file = resolve(repoRoot, '..', 'shared', 'data', 'e2-authors', 'model.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}
