// A small count per item number (0..255), compact for the dense row numbers of a dataset run: one byte per row up to
// 2^24 rows, a map beyond (hand-edited or foreign files).
const DENSE_LIMIT = 1 << 24;

export class ItemTally {
  private dense = new Uint8Array(0);
  private readonly sparse = new Map<number, number>();

  get(item: number): number {
    return item < DENSE_LIMIT ? (this.dense[item] ?? 0) : (this.sparse.get(item) ?? 0);
  }

  /** Adds one (saturating at 255) and returns the new count. */
  add(item: number): number {
    const next = Math.min(255, this.get(item) + 1);
    if (item >= DENSE_LIMIT) {
      this.sparse.set(item, next);
      return next;
    }
    if (item >= this.dense.length) {
      const grown = new Uint8Array(Math.min(DENSE_LIMIT, Math.max(item + 1, this.dense.length * 2, 1024)));
      grown.set(this.dense);
      this.dense = grown;
    }
    this.dense[item] = next;
    return next;
  }
}
