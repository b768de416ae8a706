// A claim of the paper (or of the issue) and whether our numbers show it.

export interface Claim {
  experiment: string;
  claim: string;
  /** null: not testable with the data at hand. */
  holds: boolean | null;
  evidence: string;
}

export const fmt = (v: number | null | undefined, digits = 3): string =>
  v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : String(Number(v.toFixed(digits)));
