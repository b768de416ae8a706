// Exact forecast: every reachable public belief, level by level, with its probability under each true state.
import type { DecisionModel } from '../model';
import { BeliefGraph } from '../simulate/belief-graph';
import { flattenModel } from '../simulate/flat-model';
import { FilterKernel } from '../simulate/filter-kernel';
import { CHECKPOINT_EVERY, runToEnd, type ForecastWork } from './cancellation';

/** Per true state i: stepProbability[i][k−1] = P(herding step = k | i) and herdOn[i][a] = P(herds within N on a | i). */
export interface HerdingLaw {
  stepProbability: number[][];
  herdOn: number[][];
  distinctBeliefs: number;
}

/**
 * Enumerates the public beliefs reachable by agents 1..N from the prior (static state), merging beliefs with the
 * same bits: the belief graph carries exactly what core learn() carries (unnormalised weights rescaled by powers of
 * two) and decides actions and the herd test as learn() does, so two paths share a node only when learn() would
 * treat them identically. A chain is absorbed at its herding step (the first agent whose π_{k−1} is in ℋ).
 * Returns null as soon as more than maxBeliefs distinct beliefs are needed.
 */
export function exactHerdingLaw(model: DecisionModel, agents: number, maxBeliefs: number): HerdingLaw | null {
  return runToEnd(exactHerdingWork(model, agents, maxBeliefs));
}

/** exactHerdingLaw as cancellable work: a checkpoint every CHECKPOINT_EVERY.expansions beliefs expanded or .newBeliefs created. */
export function* exactHerdingWork(model: DecisionModel, agents: number, maxBeliefs: number): ForecastWork<HerdingLaw | null> {
  const m = flattenModel(model);
  const { X, Y, A } = m;
  const graph = new BeliefGraph(new FilterKernel(m));
  const stepProbability = Array.from({ length: X }, () => new Array<number>(agents).fill(0));
  const herdOn = Array.from({ length: X }, () => new Array<number>(A).fill(0));
  const slots = new LevelSlots();
  let level = new Level(X, slots);
  level.add(graph.nodeOf(Float64Array.from(model.prior)), new Float64Array(X).fill(1), 0);
  if (graph.size > maxBeliefs) return null;
  const byAction = new Float64Array(A * X);
  let expanded = 0;
  let sizeAtCheckpoint = graph.size;
  for (let k = 1; k <= agents && level.size > 0; k++) {
    level.release();
    const next = new Level(X, slots);
    for (let j = 0; j < level.size; j++) {
      if (++expanded >= CHECKPOINT_EVERY.expansions || graph.size - sizeAtCheckpoint >= CHECKPOINT_EVERY.newBeliefs) {
        expanded = 0;
        sizeAtCheckpoint = graph.size;
        yield { phase: 'exact', done: k - 1, total: agents };
      }
      const node = level.nodes[j];
      const off = j * X;
      const h = graph.herd[node];
      if (h >= 0) {
        for (let i = 0; i < X; i++) {
          stepProbability[i][k - 1] += level.mass[off + i];
          herdOn[i][h] += level.mass[off + i];
        }
        continue;
      }
      byAction.fill(0);
      for (let y = 0; y < Y; y++) {
        const a = graph.act[node * Y + y];
        for (let i = 0; i < X; i++) byAction[a * X + i] += m.B[i * Y + y] * level.mass[off + i];
      }
      for (let a = 0; a < A; a++) {
        let any = false;
        for (let i = 0; i < X && !any; i++) any = byAction[a * X + i] > 0;
        if (!any) continue;
        next.add(graph.successor(node, a), byAction, a * X);
        if (graph.size > maxBeliefs) return null;
      }
    }
    level = next;
  }
  level.release();
  return { stepProbability, herdOn, distinctBeliefs: graph.size };
}

/** slot[node] = the node's index in the level being built, −1 when absent; one array shared by all levels. */
class LevelSlots {
  slot = new Int32Array(1024).fill(-1);

  ensure(node: number): void {
    if (node < this.slot.length) return;
    let n = this.slot.length;
    while (n <= node) n *= 2;
    const grown = new Int32Array(n).fill(-1);
    grown.set(this.slot);
    this.slot = grown;
  }
}

/** The not-yet-herded chains after k agents: distinct nodes with their probability under each true state. */
class Level {
  nodes = new Int32Array(64);
  mass: Float64Array;
  size = 0;

  constructor(
    private readonly X: number,
    private readonly slots: LevelSlots,
  ) {
    this.mass = new Float64Array(64 * X);
  }

  add(node: number, mass: Float64Array, off: number): void {
    const { X, slots } = this;
    slots.ensure(node);
    let j = slots.slot[node];
    if (j < 0) {
      j = this.size++;
      if (j === this.nodes.length) this.grow();
      this.nodes[j] = node;
      slots.slot[node] = j;
    }
    for (let i = 0; i < X; i++) this.mass[j * X + i] += mass[off + i];
  }

  /** Clears this level's entries from the shared slots (before the next level is built). */
  release(): void {
    for (let j = 0; j < this.size; j++) this.slots.slot[this.nodes[j]] = -1;
  }

  private grow(): void {
    const nodes = new Int32Array(this.nodes.length * 2);
    nodes.set(this.nodes);
    this.nodes = nodes;
    const mass = new Float64Array(nodes.length * this.X);
    mass.set(this.mass);
    this.mass = mass;
  }
}
