// Exact forecast: every reachable public belief, level by level, with its probability under each true state.
import type { DecisionModel } from '../model';
import { BeliefGraph } from '../simulate/belief-graph';
import { flattenModel } from '../simulate/flat-model';
import { FilterKernel } from '../simulate/filter-kernel';

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
  const m = flattenModel(model);
  const { X, Y, A } = m;
  const graph = new BeliefGraph(new FilterKernel(m));
  const stepProbability = Array.from({ length: X }, () => new Array<number>(agents).fill(0));
  const herdOn = Array.from({ length: X }, () => new Array<number>(A).fill(0));
  let level = new Level(X);
  level.add(graph.nodeOf(Float64Array.from(model.prior)), new Float64Array(X).fill(1), 0);
  if (graph.size > maxBeliefs) return null;
  const byAction = new Float64Array(A * X);
  for (let k = 1; k <= agents && level.size > 0; k++) {
    const next = new Level(X);
    for (let j = 0; j < level.size; j++) {
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
  return { stepProbability, herdOn, distinctBeliefs: graph.size };
}

/** The not-yet-herded chains after k agents: distinct nodes with their probability under each true state. */
class Level {
  nodes = new Int32Array(64);
  mass: Float64Array;
  size = 0;
  private readonly slot = new Map<number, number>();

  constructor(private readonly X: number) {
    this.mass = new Float64Array(64 * X);
  }

  add(node: number, mass: Float64Array, off: number): void {
    const { X } = this;
    let j = this.slot.get(node);
    if (j === undefined) {
      j = this.size++;
      if (j === this.nodes.length) this.grow();
      this.nodes[j] = node;
      this.slot.set(node, j);
    }
    for (let i = 0; i < X; i++) this.mass[j * X + i] += mass[off + i];
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
