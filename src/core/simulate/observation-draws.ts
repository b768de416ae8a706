// Draws the private observations of every chain from the model's observation source, reproducibly from a seed.
import { InputError } from '../errors';
import { createRng, type Rng } from '../random';
import { chainIndex, type ObservationSource, type SimulationModel, type SimulationPlan } from './types';

/**
 * Draw order (documented so sequence files can be regenerated): for run r and true state x* the generator is
 * createRng(0, seed, r, x*) (src/core/random.ts; the seed goes in as a stream because deriveSeed cancels its first
 * argument against itself). Agent k (k = 1..N) draws its observation with one uniform:
 * likelihood and counts by inverse CDF over y = 0..Y−1 of the current state's row, rows by picking row
 * floor(u·n) among the n rows of that state in file order. When the model has a transition that is not the
 * identity, the agent then draws the next state with one more uniform (inverse CDF of P[x]). The sequence is
 * shared by every prior of the grid (common random numbers), so priors are compared on the same observations.
 * Returns int8 observations in [run][prior][state][agent] C order.
 */
export function drawObservations(sim: SimulationModel, plan: SimulationPlan, seed: number): Int8Array {
  const N = plan.agents;
  const G = plan.priorGrid.length;
  const out = new Int8Array(plan.runs * G * plan.trueStates.length * N);
  const draw = observationSampler(sim);
  const P = sim.model.transition;
  const moving = P !== undefined && !isIdentity(P);
  const seq = new Int8Array(N);
  for (let run = 0; run < plan.runs; run++) {
    plan.trueStates.forEach((trueState, s) => {
      const rng = createRng(0, seed, run, trueState);
      let x = trueState;
      for (let k = 0; k < N; k++) {
        seq[k] = draw(x, rng);
        if (moving) x = rng.categorical(P[x]);
      }
      for (let g = 0; g < G; g++) out.set(seq, chainIndex(plan, run, g, s) * N);
    });
  }
  return out;
}

type Sampler = (x: number, rng: Rng) => number;

function observationSampler(sim: SimulationModel): Sampler {
  const source = sim.source;
  if (source.kind === 'likelihood') return (x, rng) => rng.categorical(sim.model.likelihood[x]);
  if (source.kind === 'counts') {
    const laws = source.counts.map((row) => {
      const total = row.reduce((a, b) => a + b, 0);
      return total > 0 ? row.map((c) => c / total) : null;
    });
    return (x, rng) => {
      const law = laws[x];
      if (!law) throw new InputError(`observationSource.counts[${x}]`, `state ${x} has no counts to draw from`);
      return rng.categorical(law);
    };
  }
  const byState = rowsByState(source, sim.model.prior.length);
  return (x, rng) => {
    const ys = byState[x];
    if (ys.length === 0) throw new InputError('observationSource.rows', `state ${x} has no rows to draw from`);
    return ys[rng.nextInt(ys.length)];
  };
}

function rowsByState(source: Extract<ObservationSource, { kind: 'rows' }>, X: number): number[][] {
  const byState = Array.from({ length: X }, () => [] as number[]);
  for (const [state, y] of source.rows) byState[state].push(y);
  return byState;
}

/** The observations that state x can produce under the source. */
export function observationSupport(sim: SimulationModel, x: number): number[] {
  const source = sim.source;
  const Y = sim.model.likelihood[0].length;
  if (source.kind === 'rows') return [...new Set(rowsByState(source, sim.model.prior.length)[x])].sort((a, b) => a - b);
  const row = source.kind === 'counts' ? source.counts[x] : sim.model.likelihood[x];
  return Array.from({ length: Y }, (_, y) => y).filter((y) => row[y] > 0);
}

export function isIdentity(P: readonly (readonly number[])[]): boolean {
  return P.every((row, i) => row.every((v, j) => v === (i === j ? 1 : 0)));
}
