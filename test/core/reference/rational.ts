// Exact rational arithmetic on BigInt, for the brute-force reference (no floating-point rounding, exact ties).

export interface Rational {
  n: bigint;
  d: bigint; // always > 0, gcd(n, d) = 1
}

const abs = (v: bigint) => (v < 0n ? -v : v);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rat(n: bigint, d = 1n): Rational {
  if (d === 0n) throw new Error('zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

export const ZERO = rat(0n);
export const ONE = rat(1n);

/** The exact value of a finite double. */
export function fromDouble(v: number): Rational {
  if (!Number.isFinite(v)) throw new Error(`not finite: ${v}`);
  let k = 0n;
  let scaled = v;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    k += 1n;
  }
  return rat(BigInt(scaled), 2n ** k);
}

export const add = (a: Rational, b: Rational) => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational) => rat(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational) => rat(a.n * b.d, a.d * b.n);
export const cmp = (a: Rational, b: Rational) => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const isZero = (a: Rational) => a.n === 0n;
export const toNumber = (a: Rational) => Number(a.n) / Number(a.d);
export const total = (xs: readonly Rational[]) => xs.reduce(add, ZERO);
