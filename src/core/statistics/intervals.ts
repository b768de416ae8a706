// Binomial confidence intervals and distances between distributions.

/** z_{0.975}, the two-sided 95% normal quantile. */
export const Z95 = 1.959963984540054;

/** Wilson score interval for k successes out of n (default 95%); null when n = 0. */
export function wilsonInterval(k: number, n: number, z = Z95): { low: number; high: number } | null {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n)
    throw new RangeError(`wilsonInterval needs integers 0 <= k <= n, got k=${k}, n=${n}`);
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 or k = n one end is exactly 0 or 1; clamp away rounding.
  return { low: k === 0 ? 0 : Math.max(0, center - half), high: k === n ? 1 : Math.min(1, center + half) };
}

/** Total-variation distance ½ Σ |p_i − q_i|. */
export function totalVariation(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) throw new RangeError(`totalVariation needs equal lengths, got ${p.length} and ${q.length}`);
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += Math.abs(p[i] - q[i]);
  return sum / 2;
}
