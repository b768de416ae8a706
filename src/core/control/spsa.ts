// Simultaneous perturbation stochastic approximation (spec §5.3, §7.12): canonical Rademacher perturbations with
// Spall gains, or the notebooks' schedules; common random numbers for the ± evaluations; a full trace.
import { InputError } from '../errors';
import { createRng, deriveSeed } from '../random';

/** ε_n = a/(n + 1 + S)^α and δ_n = c/(n + 1)^γ (Spall), n = 1, 2, … */
export interface SpallGains {
  kind: 'spall';
  /** Step numerator; 'calibrate' sets it from gradient samples at θ_0 so the first step moves θ by calibrationStep. */
  a: number | 'calibrate';
  c: number;
  /** Stability constant S (Spall's A). */
  S: number;
  alpha: number;
  gamma: number;
  calibrationStep?: number;
  calibrationSamples?: number;
}

/** The notebooks': ε_n linear from epsilonStart (n = 0) to epsilonEnd (n = iterations); δ_n = deltaStart·deltaDecay^(n−1). */
export interface LinearGains {
  kind: 'linear';
  epsilonStart: number;
  epsilonEnd: number;
  deltaStart: number;
  deltaDecay: number;
}

export type SpsaGains = SpallGains | LinearGains;

export interface SpsaOptions {
  theta0: number[];
  iterations: number;
  gains: SpsaGains;
  /** 'rademacher' (canonical) or 'plus-one' (the notebooks: Δ_n ≡ +1). */
  perturbation: 'rademacher' | 'plus-one';
  /** Evaluate Ĉ⁺ and Ĉ⁻ with the same random numbers (default true). */
  commonRandomNumbers: boolean;
  /** Elementwise bounds on θ after each step. */
  clip?: [number, number];
  seed: number;
}

export interface SpsaIteration {
  iteration: number;
  theta: number[];
  delta: number;
  stepSize: number;
  costPlus: number;
  costMinus: number;
  /** (Ĉ⁺ + Ĉ⁻)/2: the cost estimate near θ_{n−1}. */
  costEstimate: number;
  gradient: number[];
}

export interface SpsaResult {
  seed: number;
  theta: number[];
  trace: SpsaIteration[];
  /** The step numerator actually used (after calibration, for Spall gains). */
  a: number | null;
}

/** A noisy cost: the same (theta, seed) must give the same value. */
export type NoisyObjective = (theta: readonly number[], seed: number) => number;

export function spsa(objective: NoisyObjective, opts: SpsaOptions): SpsaResult {
  validate(opts);
  const p = opts.theta0.length;
  const perturbRng = createRng(opts.seed, 0x5e5a);
  const evaluationSeed = (n: number, side: number) => deriveSeed(opts.seed, n, opts.commonRandomNumbers ? 0 : side);
  const a = opts.gains.kind === 'spall' ? stepNumerator(objective, opts, opts.gains) : null;
  let theta = [...opts.theta0];
  const trace: SpsaIteration[] = [];
  for (let n = 1; n <= opts.iterations; n++) {
    const { epsilon, delta } = gainsAt(opts.gains, n, opts.iterations, a);
    const direction = Array.from({ length: p }, () => (opts.perturbation === 'rademacher' ? perturbRng.rademacher() : 1));
    const costPlus = objective(
      theta.map((t, i) => t + delta * direction[i]),
      evaluationSeed(n, 1),
    );
    const costMinus = objective(
      theta.map((t, i) => t - delta * direction[i]),
      evaluationSeed(n, 2),
    );
    const gradient = direction.map((d) => ((costPlus - costMinus) / (2 * delta)) * d);
    theta = theta.map((t, i) => clip(t - epsilon * gradient[i], opts.clip));
    trace.push({
      iteration: n,
      theta: [...theta],
      delta,
      stepSize: epsilon,
      costPlus,
      costMinus,
      costEstimate: (costPlus + costMinus) / 2,
      gradient,
    });
  }
  return { seed: opts.seed, theta, trace, a };
}

function gainsAt(g: SpsaGains, n: number, iterations: number, a: number | null): { epsilon: number; delta: number } {
  if (g.kind === 'spall') return { epsilon: (a as number) / (n + 1 + g.S) ** g.alpha, delta: g.c / (n + 1) ** g.gamma };
  return { epsilon: g.epsilonStart + ((g.epsilonEnd - g.epsilonStart) * n) / iterations, delta: g.deltaStart * g.deltaDecay ** (n - 1) };
}

/** Spall's guideline: a = step·(1 + S)^α / mean|ĝ(θ_0)| over a few seeded gradient samples. */
function stepNumerator(objective: NoisyObjective, opts: SpsaOptions, g: SpallGains): number {
  if (g.a !== 'calibrate') return g.a;
  const samples = g.calibrationSamples ?? 8;
  const rng = createRng(opts.seed, 0xca1);
  const delta = g.c / 2 ** g.gamma;
  let total = 0;
  for (let s = 0; s < samples; s++) {
    const direction = opts.theta0.map(() => (opts.perturbation === 'rademacher' ? rng.rademacher() : 1));
    const seed = deriveSeed(opts.seed, 0xca1, s);
    const plus = objective(
      opts.theta0.map((t, i) => t + delta * direction[i]),
      seed,
    );
    const minus = objective(
      opts.theta0.map((t, i) => t - delta * direction[i]),
      opts.commonRandomNumbers ? seed : deriveSeed(opts.seed, 0xca2, s),
    );
    total += Math.abs((plus - minus) / (2 * delta));
  }
  const meanGradient = total / samples;
  const step = g.calibrationStep ?? 0.1;
  return meanGradient > 0 ? (step * (1 + g.S) ** g.alpha) / meanGradient : step * (1 + g.S) ** g.alpha;
}

function clip(x: number, bounds?: [number, number]): number {
  return bounds ? Math.min(Math.max(x, bounds[0]), bounds[1]) : x;
}

function validate(opts: SpsaOptions): void {
  if (!Number.isInteger(opts.iterations) || opts.iterations < 1)
    throw new InputError('iterations', `must be a positive integer, got ${opts.iterations}`);
  if (opts.theta0.length === 0 || !opts.theta0.every(Number.isFinite))
    throw new InputError('theta0', 'must be a non-empty vector of finite numbers');
  const g = opts.gains;
  const positive = (field: string, v: number) => {
    if (!(v > 0) || !Number.isFinite(v)) throw new InputError(field, `must be a finite number > 0, got ${v}`);
  };
  if (g.kind === 'spall') {
    if (g.a !== 'calibrate') positive('gains.a', g.a);
    positive('gains.c', g.c);
    if (!(g.S >= 0)) throw new InputError('gains.S', `must be ≥ 0, got ${g.S}`);
  } else {
    positive('gains.epsilonStart', g.epsilonStart);
    if (!(g.epsilonEnd >= 0)) throw new InputError('gains.epsilonEnd', `must be ≥ 0, got ${g.epsilonEnd}`);
    positive('gains.deltaStart', g.deltaStart);
    positive('gains.deltaDecay', g.deltaDecay);
  }
  if (opts.clip && !(opts.clip[0] < opts.clip[1])) throw new InputError('clip', 'lower bound must be below the upper bound');
}
