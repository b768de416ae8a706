// The two files of a stored run read in step, one chain at a time: for each item summary in items.jsonl, steps.jsonl
// is read just far enough to complete that item's chain, so memory holds only the items in flight between them.
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ItemTally } from './item-tally';
import type { ItemSummary } from './run-types';
import type { StepRecord } from '../shared/step-record';

export interface ChainReadOptions {
  /** Keep each item's text until its chain is handed over (reports); otherwise the text is dropped on reading. */
  text?: boolean;
  /** Also hand over items that have steps but no summary yet (a running or interrupted run), at the end. */
  unfinished?: boolean;
  /** Read only these items (everything else is skipped on reading). */
  only?: (item: number) => boolean;
}

/** The store writes `{"runId":"…","item":N,` (steps) and `{"item":N,` (items); anything else is parsed in full. */
const LEADING_ITEM = /^\{(?:"runId":"[^"\\]*",)?"item":(\d+),/;

/**
 * The streaming reader under forEachFinishedItem: each item's chain (summary and steps in agent order), in the order
 * of items.jsonl. The two files are read in step: the store appends an item's line only after all its steps, so for
 * each summary steps.jsonl is read just far enough to complete its chain, and only the items in flight between them
 * are held (with `unfinished`, the steps of items that never finished are handed over at the end, in item order).
 * A repeated item record: the last one wins; a step repeated before its chain is complete: the last record wins.
 */
export async function forEachChain(
  runDir: string,
  agents: number,
  onChain: (item: number, summary: ItemSummary | undefined, steps: StepRecord[]) => void | Promise<void>,
  options: ChainReadOptions = {},
): Promise<{ chains: number; skippedLines: number }> {
  const wanted = (item: unknown): item is number =>
    Number.isInteger(item) && (item as number) >= 0 && (!options.only || options.only(item as number));
  // Reading a few items of a large run: a line whose leading "item" key names another item is not parsed at all.
  const only = options.only;
  const skipLine = only
    ? (line: string) => {
        const m = LEADING_ITEM.exec(line);
        return m !== null && !only(Number(m[1]));
      }
    : undefined;
  const itemsFile = path.join(runDir, 'items.jsonl');
  const records = await itemRecordCounts(itemsFile, wanted);
  const steps = jsonLines<StepRecord>(path.join(runDir, 'steps.jsonl'), skipLine);
  const pending = new Map<number, Map<number, StepRecord>>();
  const handed = new ItemTally();
  const seen = new ItemTally();
  const readStep = async (keep = true): Promise<boolean> => {
    const next = await steps.next();
    if (next.done) return false;
    const step = next.value;
    if (!keep || !wanted(step?.item) || !Number.isInteger(step.index) || handed.get(step.item) > 0) return true;
    let chain = pending.get(step.item);
    if (!chain) pending.set(step.item, (chain = new Map()));
    chain.set(step.index, step);
    return true;
  };
  let chains = 0;
  const hand = async (item: number, summary: ItemSummary | undefined) => {
    const chain = pending.get(item);
    pending.delete(item);
    handed.add(item);
    chains++;
    await onChain(item, summary, chain ? [...chain.values()].sort((a, b) => a.index - b.index) : []);
  };
  const items = jsonLines<ItemSummary>(itemsFile, skipLine);
  try {
    for (let next = await items.next(); !next.done; next = await items.next()) {
      const record = next.value;
      if (!wanted(record?.item) || handed.get(record.item) > 0 || seen.add(record.item) < records.get(record.item)) continue; // a later record wins
      while ((pending.get(record.item)?.size ?? 0) < agents && (await readStep()));
      const summary: Partial<ItemSummary> = { ...record };
      if (!options.text) delete summary.text;
      await hand(record.item, summary as ItemSummary);
    }
    if (!options.unfinished) pending.clear();
    while (await readStep(options.unfinished === true)); // to the end: torn lines are counted
    for (const item of [...pending.keys()].sort((a, b) => a - b)) await hand(item, undefined);
    return { chains, skippedLines: items.skipped() + steps.skipped() };
  } finally {
    await items.return?.();
    await steps.return?.();
  }
}

/** How many records each wanted item has in items.jsonl (read by the leading "item" key, parsed only when it is not there). */
async function itemRecordCounts(file: string, wanted: (item: unknown) => item is number): Promise<ItemTally> {
  const counts = new ItemTally();
  if (!existsSync(file)) return counts;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    const m = LEADING_ITEM.exec(line);
    let item: unknown = m ? Number(m[1]) : undefined;
    if (!m && line.trim() !== '') {
      try {
        item = (JSON.parse(line) as { item?: unknown })?.item;
      } catch {
        continue;
      }
    }
    if (wanted(item)) counts.add(item);
  }
  return counts;
}

/** The parsed records of a JSON-lines file, pulled one at a time; blank, skipped and unparsable lines are passed over (counted). */
function jsonLines<T>(file: string, skipLine?: (line: string) => boolean): AsyncIterator<T> & { skipped(): number } {
  let skipped = 0;
  const empty = (async function* () {})();
  const lines = existsSync(file)
    ? createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })[Symbol.asyncIterator]()
    : empty;
  const iterator: AsyncIterator<T> & { skipped(): number } = {
    async next(): Promise<IteratorResult<T>> {
      for (;;) {
        const next = await lines.next();
        if (next.done) return { done: true, value: undefined };
        const line = next.value as string;
        if (line.trim() === '' || skipLine?.(line)) continue;
        try {
          return { done: false, value: JSON.parse(line) as T };
        } catch {
          skipped++;
        }
      }
    },
    async return(): Promise<IteratorResult<T>> {
      await lines.return?.();
      return { done: true, value: undefined };
    },
    skipped: () => skipped,
  };
  return iterator;
}
