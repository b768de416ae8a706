// Every distinct public belief met by any chain, with its per-belief work done once (exact memoisation).
import type { BeliefKernel } from './kernel';

const EMPTY = -1;

/**
 * Nodes are public beliefs identified by their exact bits (a hash table over the Float64 words), so two chains
 * that reach the same belief share its actions-per-observation, herd test and successors. Everything a node holds
 * is a function of the belief alone, hence reusing it gives the same numbers as recomputing it.
 */
export class BeliefGraph {
  size = 0;
  state: Float64Array;
  act: Int8Array;
  herd: Int8Array;
  child: Int32Array;
  private extra: Int32Array;
  private words: Uint32Array;
  private capacity: number;
  private table: Int32Array;
  private readonly scratch: Float64Array;
  private readonly scratchWords: Uint32Array;
  private readonly X: number;
  private readonly Y: number;
  private readonly A: number;

  constructor(
    private readonly kernel: BeliefKernel,
    initialCapacity = 1024,
  ) {
    ({ X: this.X, Y: this.Y, A: this.A } = kernel.m);
    this.capacity = initialCapacity;
    this.state = new Float64Array(this.capacity * this.X);
    this.words = new Uint32Array(this.state.buffer);
    this.act = new Int8Array(this.capacity * this.Y);
    this.herd = new Int8Array(this.capacity);
    this.child = new Int32Array(this.capacity * this.A).fill(EMPTY);
    this.extra = new Int32Array(this.capacity * kernel.extraSize);
    this.table = new Int32Array(this.capacity * 2).fill(EMPTY);
    this.scratch = new Float64Array(this.X);
    this.scratchWords = new Uint32Array(this.scratch.buffer);
  }

  /** The node of state π (copied from pi[off..off+X)), created and analysed on first sight. */
  nodeOf(pi: Float64Array, off = 0): number {
    for (let x = 0; x < this.X; x++) this.scratch[x] = pi[off + x];
    return this.internScratch();
  }

  /** The node reached from `node` when its agent takes action a (T(π, a)); -1 children are computed here. */
  successor(node: number, a: number): number {
    const cached = this.child[node * this.A + a];
    if (cached !== EMPTY) return cached;
    const { X, Y } = this;
    const size = this.kernel.extraSize;
    this.kernel.successor(this.state, node * X, this.act, node * Y, this.extra, node * size, a, this.scratch);
    const next = this.internScratch();
    this.child[node * this.A + a] = next;
    return next;
  }

  /** Writes the public belief of a node into out[outOff..outOff+X). */
  beliefInto(node: number, out: Float64Array, outOff: number): void {
    this.kernel.belief(this.state, node * this.X, out, outOff);
  }

  private internScratch(): number {
    const n2 = this.X * 2;
    const sw = this.scratchWords;
    const mask = this.table.length - 1;
    for (let slot = hashWords(sw, 0, n2) & mask; ; slot = (slot + 1) & mask) {
      const node = this.table[slot];
      if (node === EMPTY) return this.insert(slot);
      let same = true;
      const base = node * n2;
      for (let i = 0; i < n2; i++) {
        if (this.words[base + i] !== sw[i]) {
          same = false;
          break;
        }
      }
      if (same) return node;
    }
  }

  private insert(slot: number): number {
    if (this.size === this.capacity) {
      this.grow();
      return this.internScratch();
    }
    const node = this.size++;
    const { X, Y } = this;
    const size = this.kernel.extraSize;
    for (let x = 0; x < X; x++) this.state[node * X + x] = this.scratch[x];
    this.table[slot] = node;
    this.herd[node] = this.kernel.analyse(this.state, node * X, this.act, node * Y, this.extra, node * size);
    return node;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const { X, Y, A } = this;
    this.state = resized(this.state, capacity * X);
    this.words = new Uint32Array(this.state.buffer);
    this.act = resized(this.act, capacity * Y);
    this.herd = resized(this.herd, capacity);
    const child = new Int32Array(capacity * A).fill(EMPTY);
    child.set(this.child);
    this.child = child;
    this.extra = resized(this.extra, capacity * this.kernel.extraSize);
    this.capacity = capacity;
    this.table = new Int32Array(capacity * 2).fill(EMPTY);
    const mask = this.table.length - 1;
    const n2 = X * 2;
    for (let node = 0; node < this.size; node++) {
      let slot = hashWords(this.words, node * n2, n2) & mask;
      while (this.table[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.table[slot] = node;
    }
  }
}

function resized<T extends Float64Array | Int8Array | Int32Array>(a: T, length: number): T {
  const out = new (a.constructor as new (n: number) => T)(length);
  out.set(a);
  return out;
}

/** FNV-1a over 32-bit words, with a final shift so the low bits depend on every word. */
function hashWords(words: Uint32Array, base: number, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ words[base + i], 0x01000193);
  return h ^ (h >>> 15);
}
