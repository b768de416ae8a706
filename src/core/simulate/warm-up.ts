// JIT warm-up of the simulation loop, run before a timed simulation so its timing excludes compilation.
import { ChainSimulator } from './engine';
import { linspace01 } from './prior-grid';
import { chainCount, type SimulationModel, type SimulationPlan } from './types';

/** Below this many agent steps a plan is not worth a warm-up (which costs roughly 40,000 unoptimised steps). */
export const WARM_UP_MIN_STEPS = 50_000;

/**
 * For a plan of at least WARM_UP_MIN_STEPS agent steps, runs a synthetic workload (every true state, priors 0..1
 * including the degenerate zero prior, observations cycling through every symbol, chains from the uniform and the
 * zero belief) a few times, each on its own fresh ChainSimulator that is then dropped: the engine's functions get
 * optimised with feedback from every branch. Nothing computed here is reused later (each simulator has its own
 * belief graph), so a timed run after it still does all of its own work. Returns whether it ran.
 */
export function warmUpSimulation(sim: SimulationModel, target: SimulationPlan, rounds = 3, runs = 6, agents = 80): boolean {
  if (chainCount(target) * target.agents < WARM_UP_MIN_STEPS) return false;
  const X = sim.model.likelihood.length;
  const Y = sim.model.likelihood[0].length;
  const plan: SimulationPlan = {
    agents,
    runs,
    priorGrid: linspace01(5),
    trueStates: Array.from({ length: X }, (_, x) => x),
    codeParity: target.codeParity,
  };
  const chains = chainCount(plan);
  const observations = new Int8Array(chains * agents);
  for (let i = 0; i < observations.length; i++) observations[i] = (i * 7 + Math.floor(i / agents)) % Y;
  const firstChain = Array.from(observations.subarray(0, agents));
  for (let round = 0; round < rounds; round++) {
    const simulator = new ChainSimulator(sim, plan);
    // The rare branches first (full support, zero belief), so the hot functions are compiled knowing them.
    simulator.chain(new Array<number>(X).fill(1 / X), firstChain);
    simulator.chain(new Array<number>(X).fill(0), firstChain);
    simulator.run(observations);
  }
  return true;
}
