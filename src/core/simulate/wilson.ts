// Wilson score interval for a binomial proportion.

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** [low, high] of the Wilson interval for k successes in n trials; [0, 1] when n = 0. */
export function wilsonInterval(k: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [k === 0 ? 0 : Math.max(0, center - half), k === n ? 1 : Math.min(1, center + half)];
}
