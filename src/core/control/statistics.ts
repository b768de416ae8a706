// Sample mean with its standard error and a normal 95% confidence interval.

export interface MeanEstimate {
  mean: number;
  sd: number;
  se: number;
  ci95: [number, number];
  n: number;
}

export function meanEstimate(values: readonly number[]): MeanEstimate {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n || 1;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const se = n > 0 ? sd / Math.sqrt(n) : 0;
  return { mean, sd, se, ci95: [mean - 1.96 * se, mean + 1.96 * se], n };
}

export function argmax(v: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

export function linspace(start: number, end: number, count: number): number[] {
  if (count === 1) return [start];
  return Array.from({ length: count }, (_, i) => start + ((end - start) * i) / (count - 1));
}
