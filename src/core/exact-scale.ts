// Rescaling by powers of two: exact in floating point, so unnormalised beliefs keep exact ties exact.

/** v · 2^k, applied in steps so the factor itself never overflows. */
export function timesPowerOfTwo(v: readonly number[], k: number): number[] {
  let out = [...v];
  let rest = k;
  while (rest !== 0) {
    const step = Math.max(-1000, Math.min(1000, rest));
    const factor = 2 ** step;
    out = out.map((x) => x * factor);
    rest -= step;
  }
  return out;
}

/** Scales a non-negative vector by a power of two so its largest entry lies in [1, 2); all-zero vectors are returned as is. */
export function scaleToUnitMax(v: readonly number[]): number[] {
  const max = Math.max(...v);
  if (!(max > 0) || !Number.isFinite(max)) return [...v];
  let e = Math.floor(Math.log2(max));
  // Math.log2 may be off by one near powers of two; fix e so that 2^e <= max < 2^(e+1).
  while (timesPowerOfTwo([max], -e)[0] >= 2) e++;
  while (timesPowerOfTwo([max], -e)[0] < 1) e--;
  return timesPowerOfTwo(v, -e);
}
