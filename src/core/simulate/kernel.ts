// The per-belief work of one agent step, computed once per distinct public belief by the belief graph.
import type { FlatModel } from './flat-model';

export interface BeliefKernel {
  readonly m: FlatModel;
  /** Per-node 32-bit words of extra data (the code-parity weak-optimality masks), 0 if none. */
  readonly extraSize: number;
  /**
   * For public belief π (pi[piOff..piOff+X)): writes the action taken on each observation into act[actOff..+Y),
   * any extra data into extra[extraOff..), and returns the herd action if π is in the herding region, else −1.
   */
  analyse(pi: Float64Array, piOff: number, act: Int8Array, actOff: number, extra: Int32Array, extraOff: number): number;
  /** Writes T(π, a) into out[0..X), using what analyse stored for π. */
  successor(
    pi: Float64Array,
    piOff: number,
    act: Int8Array,
    actOff: number,
    extra: Int32Array,
    extraOff: number,
    a: number,
    out: Float64Array,
  ): void;
  /** The public belief a node's state stands for (the state may be carried unnormalised). */
  belief(state: Float64Array, off: number, out: Float64Array, outOff: number): void;
}
