// A small seeded generator (mulberry32) so simulated chains and text perturbations are reproducible.

/** Uniform draws in [0, 1); not core/random's Rng (xoshiro128**, with categorical and integer draws). */
export type UniformDraw = () => number;

export function seededRng(seed: number): UniformDraw {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One generator per (seed, item, agent): draws do not depend on the order in which agents run. */
export function rngFor(seed: number, item: number, agent: number): UniformDraw {
  let h = 2166136261 >>> 0;
  for (const n of [seed, item, agent]) {
    h = Math.imul(h ^ (n >>> 0), 16777619) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
  }
  return seededRng(h);
}

/** Draws an index with the given probabilities (they sum to 1). */
export function sampleIndex(probabilities: readonly number[], rng: UniformDraw): number {
  const u = rng();
  let acc = 0;
  for (let i = 0; i < probabilities.length; i++) {
    acc += probabilities[i];
    if (u < acc) return i;
  }
  let last = probabilities.length - 1;
  while (last > 0 && probabilities[last] === 0) last--;
  return last;
}
