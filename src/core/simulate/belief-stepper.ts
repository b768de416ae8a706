// Step-by-step access to the memoised belief graph, for chains whose actions are not all myopic (e.g. a controller).
import type { DecisionModel } from '../model';
import { BeliefGraph } from './belief-graph';
import { flattenModel } from './flat-model';
import { FilterKernel } from './filter-kernel';
import { ParityKernel } from './parity-kernel';

/**
 * Nodes are public beliefs; the same exact numbers as ChainSimulator (filter mode = core learn(), code parity =
 * the authors' computation). A node is a plain integer, valid for the stepper's lifetime.
 */
export class BeliefStepper {
  private readonly graph: BeliefGraph;
  private readonly Y: number;
  private readonly X: number;
  private readonly scratch: Float64Array;

  constructor(model: DecisionModel, codeParity: boolean) {
    const m = flattenModel(model);
    this.X = m.X;
    this.Y = m.Y;
    this.scratch = new Float64Array(m.X);
    this.graph = new BeliefGraph(codeParity ? new ParityKernel(m) : new FilterKernel(m));
  }

  node(pi0: readonly number[]): number {
    return this.graph.nodeOf(Float64Array.from(pi0));
  }

  /** The myopic action on observation y. */
  action(node: number, y: number): number {
    return this.graph.act[node * this.Y + y];
  }

  /** The herd action if the node's belief is in the herding region, else null. */
  herdAction(node: number): number | null {
    const h = this.graph.herd[node];
    return h >= 0 ? h : null;
  }

  /** The node of T(π, a): the public update after action a (whether or not a was the myopic action). */
  next(node: number, a: number): number {
    return this.graph.successor(node, a);
  }

  belief(node: number): number[] {
    this.graph.beliefInto(node, this.scratch, 0);
    return Array.from(this.scratch.subarray(0, this.X));
  }

  /** π(x) of the node's belief without allocating. */
  beliefAt(node: number, x: number): number {
    this.graph.beliefInto(node, this.scratch, 0);
    return this.scratch[x];
  }
}
