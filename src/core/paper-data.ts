// Tables published with the paper (spec §2.4) that the reproduction and the tests use: the single copy.

/** Mistral-7B on the 240 hate-speech comments: state × y6 counts, 40 comments per state. */
export const MISTRAL_Y6_COUNTS: readonly (readonly number[])[] = [
  [35, 2, 0, 2, 1, 0],
  [7, 10, 1, 12, 9, 1],
  [4, 9, 0, 13, 13, 1],
  [0, 9, 0, 21, 8, 2],
  [1, 5, 0, 8, 22, 4],
  [0, 1, 0, 7, 24, 8],
];

/** The same outputs as state × y2 (any harmful attribute): [no, yes] per state. */
export const MISTRAL_BINARY_COUNTS: readonly (readonly number[])[] = [
  [35, 5],
  [7, 33],
  [4, 36],
  [0, 40],
  [1, 39],
  [0, 40],
];
