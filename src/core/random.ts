// A small seeded PRNG (xoshiro128**, seeded through splitmix32) so every simulation is reproducible from one integer.
import { InputError } from './errors';

export interface Rng {
  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** Uniform integer in 0..n-1. */
  nextInt(n: number): number;
  /** Index drawn from a probability vector by inverse CDF (the last positive entry absorbs rounding). */
  categorical(p: readonly number[]): number;
  /** ±1 with probability 1/2 each. */
  rademacher(): 1 | -1;
}

/** Checks a seed: a safe integer (negative seeds are allowed and distinct). */
export function assertSeed(seed: unknown, field = 'seed'): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed))
    throw new InputError(field, `must be an integer, got ${JSON.stringify(seed)}`);
  return seed;
}

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/**
 * Mixes a seed and a list of stream indices into one 32-bit seed, so run r of a simulation seeded s draws the
 * same numbers whatever else is simulated (common random numbers across policies).
 */
export function deriveSeed(seed: number, ...streams: number[]): number {
  let state = 0;
  let out = 0;
  for (const s of [seed, ...streams]) {
    state = (state ^ (s | 0) ^ Math.imul(Math.floor(s / 0x100000000) | 0, 0x27d4eb2d)) | 0;
    [state, out] = splitmix32(state);
    state = out | 0;
  }
  return out;
}

export function createRng(seed: number, ...streams: number[]): Rng {
  let state = deriveSeed(seed, ...streams) | 0;
  const s = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    let z: number;
    [state, z] = splitmix32(state);
    s[i] = z;
  }
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  const next = () => nextUint32() / 0x100000000;
  return {
    next,
    nextInt: (n) => Math.floor(next() * n),
    categorical: (p) => {
      const u = next();
      let acc = 0;
      let last = -1;
      for (let i = 0; i < p.length; i++) {
        if (p[i] <= 0) continue;
        acc += p[i];
        last = i;
        if (u < acc) return i;
      }
      return last < 0 ? 0 : last;
    },
    rademacher: () => (nextUint32() & 1 ? 1 : -1),
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
