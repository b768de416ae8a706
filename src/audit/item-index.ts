// Where each item's lines lie in a run's steps.jsonl and items.jsonl, so the panel reads one item of a 100,000-row run
// without scanning both files on every click. Built by one pass, then extended by reading only what was appended; a
// file replaced meanwhile (a resume rewrites it) or shortened is indexed afresh.
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { StepRecord } from '../shared/step-record';
import type { ItemSummary } from './run-types';

const CHUNK = 1 << 20;
/** The store writes `{"runId":"…","item":N,` (steps) and `{"item":N,` (items); other lines are parsed in full. */
const LEADING_ITEM = /^\{(?:"runId":"[^"\\]*",)?"item":(\d+),/;

/** Per item, the byte range from its first line's start to its last line's end (other items' lines may lie between). */
class LineRanges {
  private ino = -1;
  private scanned = 0;
  private start = new Float64Array(0);
  private end = new Float64Array(0);

  constructor(readonly file: string) {}

  async refresh(): Promise<void> {
    let info;
    try {
      info = await stat(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.reset(-1);
      throw error;
    }
    if (info.ino !== this.ino || info.size < this.scanned) this.reset(info.ino);
    if (info.size === this.scanned) return;
    const handle = await open(this.file, 'r');
    try {
      let carry = Buffer.alloc(0);
      let carryAt = this.scanned;
      for (let at = this.scanned; at < info.size;) {
        const chunk = Buffer.alloc(Math.min(CHUNK, info.size - at));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, at);
        if (bytesRead === 0) break;
        at += bytesRead;
        const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
        let lineStart = 0;
        for (let nl = data.indexOf(10); nl !== -1; nl = data.indexOf(10, lineStart)) {
          this.note(data, lineStart, nl, carryAt);
          lineStart = nl + 1;
        }
        carry = Buffer.from(data.subarray(lineStart));
        carryAt += lineStart;
      }
      this.scanned = carryAt; // a torn last line is read again once it is complete
    } finally {
      await handle.close();
    }
  }

  /** The byte range holding every line of `item`, or null when it has none. */
  range(item: number): [number, number] | null {
    if (item >= this.start.length || Number.isNaN(this.start[item])) return null;
    return [this.start[item], this.end[item]];
  }

  private note(data: Buffer, from: number, to: number, base: number): void {
    const head = data.toString('utf8', from, Math.min(to, from + 96));
    const m = LEADING_ITEM.exec(head);
    let item = m ? Number(m[1]) : NaN;
    if (!m) {
      try {
        item = (JSON.parse(data.toString('utf8', from, to)) as { item?: unknown })?.item as number;
      } catch {
        return;
      }
    }
    if (!Number.isSafeInteger(item) || item < 0) return;
    this.ensure(item);
    const [start, end] = [base + from, base + to + 1];
    if (Number.isNaN(this.start[item])) this.start[item] = start;
    this.end[item] = end;
  }

  private ensure(item: number): void {
    if (item < this.start.length) return;
    const size = Math.max(item + 1, this.start.length * 2, 1024);
    const grow = (old: Float64Array) => {
      const next = new Float64Array(size).fill(NaN);
      next.set(old);
      return next;
    };
    this.start = grow(this.start);
    this.end = grow(this.end);
  }

  private reset(ino: number): void {
    this.ino = ino;
    this.scanned = 0;
    this.start = new Float64Array(0);
    this.end = new Float64Array(0);
  }

  /** The complete lines of `item` within its range, parsed; torn or unparsable lines are skipped. */
  async records<T extends { item?: unknown }>(item: number): Promise<T[]> {
    const range = this.range(item);
    if (!range) return [];
    const handle = await open(this.file, 'r');
    try {
      const buffer = Buffer.alloc(range[1] - range[0]);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, range[0]);
      const out: T[] = [];
      for (const line of buffer.toString('utf8', 0, bytesRead).split('\n')) {
        const m = LEADING_ITEM.exec(line);
        if (line.trim() === '' || (m && Number(m[1]) !== item)) continue;
        try {
          const record = JSON.parse(line) as T;
          if (record?.item === item) out.push(record);
        } catch {
          /* torn line */
        }
      }
      return out;
    } finally {
      await handle.close();
    }
  }
}

/** One run's index; `readItem` answers as readItemChain does (the last record of an item or step wins). */
export class RunItemIndex {
  private readonly steps: LineRanges;
  private readonly items: LineRanges;

  constructor(runDir: string) {
    this.steps = new LineRanges(path.join(runDir, 'steps.jsonl'));
    this.items = new LineRanges(path.join(runDir, 'items.jsonl'));
  }

  private refreshed: Promise<void> = Promise.resolve();

  async readItem(item: number): Promise<{ summary: ItemSummary | undefined; steps: StepRecord[] }> {
    // One refresh at a time: two scans of the same appended bytes must not interleave.
    const refresh = this.refreshed.then(() => Promise.all([this.steps.refresh(), this.items.refresh()])).then(() => undefined);
    this.refreshed = refresh.catch(() => undefined);
    await refresh;
    const summaries = await this.items.records<ItemSummary>(item);
    const byIndex = new Map<number, StepRecord>();
    for (const step of await this.steps.records<StepRecord>(item)) if (Number.isInteger(step.index)) byIndex.set(step.index, step);
    return { summary: summaries.at(-1), steps: [...byIndex.values()].sort((a, b) => a.index - b.index) };
  }
}
