// Monte Carlo forecast: seeded chains per true state through the same belief graph as the exact enumeration.
import type { DecisionModel } from '../model';
import { createRng } from '../random';
import { BeliefGraph } from '../simulate/belief-graph';
import { flattenModel } from '../simulate/flat-model';
import { FilterKernel } from '../simulate/filter-kernel';
import { CHECKPOINT_EVERY, runToEnd, type CancelSignal, type ForecastWork } from './cancellation';

const MIN_GRAPH = 1 << 16;

/** Per true state i: stepCounts[i][k−1] chains whose herding step is k, herdCounts[i][a] chains herding on a. */
export interface SampledHerding {
  chains: number;
  stepCounts: number[][];
  herdCounts: number[][];
  distinctBeliefs: number;
}

/**
 * Draws `chains` chains of N agents per true state i: agent k observes y ~ B[i] (createRng(seed, i), one uniform per
 * draw, inverse CDF) and acts exactly as in core learn(); a chain stops at its herding step. The belief graph is
 * started afresh when it holds more than max(maxBeliefs, 65,536) nodes, which bounds memory and changes no number.
 * Throws ForecastCancelledError when the signal is aborted.
 */
export function sampleHerding(
  model: DecisionModel,
  agents: number,
  chains: number,
  seed: number,
  maxBeliefs: number,
  signal?: CancelSignal,
): SampledHerding {
  return runToEnd(sampleHerdingWork(model, agents, chains, seed, maxBeliefs), signal);
}

/** sampleHerding as cancellable work: a checkpoint between chains, after CHECKPOINT_EVERY.agentSteps steps or .newBeliefs beliefs. */
export function* sampleHerdingWork(
  model: DecisionModel,
  agents: number,
  chains: number,
  seed: number,
  maxBeliefs: number,
): ForecastWork<SampledHerding> {
  const m = flattenModel(model);
  const { X, Y, A } = m;
  const stepCounts = Array.from({ length: X }, () => new Array<number>(agents).fill(0));
  const herdCounts = Array.from({ length: X }, () => new Array<number>(A).fill(0));
  const prior = Float64Array.from(model.prior);
  let graph = new BeliefGraph(new FilterKernel(m));
  let root = graph.nodeOf(prior);
  let created = graph.size;
  let steps = 0;
  let createdAtCheckpoint = created;
  for (let i = 0; i < X; i++) {
    const rng = createRng(seed, i);
    const row = model.likelihood[i];
    for (let c = 0; c < chains; c++) {
      if (steps >= CHECKPOINT_EVERY.agentSteps || created - createdAtCheckpoint >= CHECKPOINT_EVERY.newBeliefs) {
        steps = 0;
        createdAtCheckpoint = created;
        yield { phase: 'monte-carlo', done: i * chains + c, total: X * chains };
      }
      if (graph.size > Math.max(maxBeliefs, MIN_GRAPH)) {
        graph = new BeliefGraph(new FilterKernel(m));
        root = graph.nodeOf(prior);
        created += graph.size;
      }
      let node = root;
      for (let k = 1; k <= agents; k++, steps++) {
        const h = graph.herd[node];
        if (h >= 0) {
          stepCounts[i][k - 1] += 1;
          herdCounts[i][h] += 1;
          break;
        }
        const y = rng.categorical(row);
        const before = graph.size;
        node = graph.successor(node, graph.act[node * Y + y]);
        created += graph.size - before;
      }
    }
  }
  return { chains, stepCounts, herdCounts, distinctBeliefs: created };
}
