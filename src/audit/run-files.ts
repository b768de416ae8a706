// Reading a stored run without loading it whole: run.json, its decision model, and steps.jsonl streamed line by line
// with each finished item's steps handed over as soon as they are all read (bounded memory at 100,000 items).
import { createReadStream, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { InputError } from '../core/errors';
import type { DecisionModel } from '../core/model';
import { resolveProfile } from './profile-loader';
import type { Profile } from './profile';
import { finalActionOf, isWrongHerd } from './item-facts';
import { addItem, emptyCounts, optimalActions, type RunCounts } from './run-counts';
import { RunStore } from './run-store';
import type { ItemSummary, RunMeta } from './run-types';
import type { StepRecord } from '../shared/step-record';

export interface RunContext {
  runDir: string;
  meta: RunMeta;
  profile: Profile;
  model: DecisionModel;
}

/** run.json of a run directory and the decision model of its profile snapshot. */
export async function loadRunContext(runDir: string): Promise<RunContext> {
  const full = path.resolve(runDir);
  if (!existsSync(path.join(full, 'run.json'))) throw new InputError('RUN_DIR', `${runDir} is not a run directory (no run.json)`);
  const meta = await new RunStore(path.dirname(full)).readMeta(path.basename(full));
  const baseDir = meta.profileSource.startsWith('builtin:') ? process.cwd() : path.dirname(meta.profileSource);
  const { profile, model } = await resolveProfile(meta.profile, meta.profileSource, baseDir);
  return { runDir: full, meta, profile, model };
}

/** Each JSON line of a file (a missing file has none); unparseable lines (a torn last line) are counted, not thrown. */
export async function forEachJsonLine<T>(
  file: string,
  onRecord: (record: T) => void | Promise<void>,
  skipLine?: (line: string) => boolean,
): Promise<{ skipped: number }> {
  if (!existsSync(file)) return { skipped: 0 };
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let skipped = 0;
  for await (const line of lines) {
    if (line.trim() === '' || skipLine?.(line)) continue;
    let record: T;
    try {
      record = JSON.parse(line) as T;
    } catch {
      skipped++;
      continue;
    }
    await onRecord(record);
  }
  return { skipped };
}

/** An item summary without its text (what the counts and the replay need). */
export type ItemFacts = Omit<ItemSummary, 'text'>;

/**
 * Calls onItem once per finished item (one in items.jsonl, the last record winning) with its steps in agent order
 * (the last record of a repeated step winning). Steps are grouped while steps.jsonl is read and an item is handed over
 * as soon as all `agents` of its steps are in, so memory holds only the items in flight, plus one small record per item.
 */
export async function forEachFinishedItem(
  runDir: string,
  agents: number,
  onItem: (item: ItemFacts, steps: StepRecord[]) => void | Promise<void>,
): Promise<{ items: number; skippedLines: number }> {
  const read = await forEachChain(runDir, agents, (_item, summary, steps) => onItem(summary as ItemFacts, steps));
  return { items: read.chains, skippedLines: read.skippedLines };
}

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
 * The streaming reader under forEachFinishedItem: each item's chain (summary and steps in agent order) as soon as it is
 * complete, unfinished or short chains at the end in item order. Chains come in the order they finished, not by item.
 */
export async function forEachChain(
  runDir: string,
  agents: number,
  onChain: (item: number, summary: ItemSummary | undefined, steps: StepRecord[]) => void | Promise<void>,
  options: ChainReadOptions = {},
): Promise<{ chains: number; skippedLines: number }> {
  const wanted = (item: number) => Number.isInteger(item) && (!options.only || options.only(item));
  // Reading a few items of a large run: a line whose leading "item" key names another item is not parsed at all.
  const only = options.only;
  const skipLine = only
    ? (line: string) => {
        const m = LEADING_ITEM.exec(line);
        return m !== null && !only(Number(m[1]));
      }
    : undefined;
  const itemsFile = path.join(runDir, 'items.jsonl');
  const summaries = new Map<number, ItemSummary>();
  const repeated = new Map<number, number>(); // items with more than one record (the last one wins)
  const itemsRead = await forEachJsonLine<ItemSummary>(
    itemsFile,
    (record) => {
      if (!wanted(record?.item)) return;
      if (summaries.has(record.item)) repeated.set(record.item, (repeated.get(record.item) ?? 1) + 1);
      // Texts are not held here: with `text`, each is read again just before its chain is handed over (its key keeps its place).
      const facts: Partial<ItemSummary> = { ...record, text: '' };
      if (!options.text) delete facts.text;
      summaries.set(record.item, facts as ItemSummary);
    },
    skipLine,
  );
  const texts = options.text && existsSync(itemsFile) ? new ItemTexts(itemsFile, (item) => repeated.get(item) ?? 1, skipLine) : null;
  const pending = new Map<number, Map<number, StepRecord>>();
  const done = new Set<number>();
  let handed = 0;
  const flush = async (item: number, steps: Map<number, StepRecord>) => {
    pending.delete(item);
    done.add(item);
    handed++;
    const facts = summaries.get(item);
    const summary = facts && texts ? { ...facts, text: await texts.of(item) } : facts;
    await onChain(
      item,
      summary,
      [...steps.values()].sort((a, b) => a.index - b.index),
    );
  };
  try {
    const stepsRead = await forEachJsonLine<StepRecord>(
      path.join(runDir, 'steps.jsonl'),
      async (step) => {
        if (!wanted(step?.item) || !Number.isInteger(step?.index) || done.has(step.item)) return;
        const finished = summaries.has(step.item);
        if (!finished && !options.unfinished) return;
        let steps = pending.get(step.item);
        if (!steps) pending.set(step.item, (steps = new Map()));
        steps.set(step.index, step);
        if (finished && steps.size >= agents) await flush(step.item, steps);
      },
      skipLine,
    );
    // Items with fewer steps than agents (a shorter chain, or unfinished), in item order; items with no step at all still count.
    const rest = new Set([...summaries.keys(), ...pending.keys()]);
    for (const item of [...rest].sort((a, b) => a - b)) {
      if (!done.has(item)) await flush(item, pending.get(item) ?? new Map());
    }
    return { chains: handed, skippedLines: itemsRead.skipped + stepsRead.skipped };
  } finally {
    texts?.close();
  }
}

/**
 * Item texts read from a second pass over items.jsonl, advanced only as far as the chain being handed over: chains
 * finish in about the order their summaries were written, so only the texts of the few items in between are held.
 */
class ItemTexts {
  private readonly held = new Map<number, { text: string; seen: number }>();
  private readonly lines: AsyncIterator<string>;
  private readonly input;

  constructor(
    file: string,
    /** How many records an item has in the file (the last one's text is the item's). */
    private readonly records: (item: number) => number,
    private readonly skipLine?: (line: string) => boolean,
  ) {
    this.input = createReadStream(file, { encoding: 'utf8' });
    this.lines = createInterface({ input: this.input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  }

  async of(item: number): Promise<string> {
    const wanted = this.records(item);
    for (;;) {
      const held = this.held.get(item);
      if (held && held.seen >= wanted) break;
      const next = await this.lines.next();
      if (next.done) break;
      const line = next.value;
      if (line.trim() === '' || this.skipLine?.(line)) continue;
      let record: Partial<ItemSummary>;
      try {
        record = JSON.parse(line) as Partial<ItemSummary>;
      } catch {
        continue;
      }
      if (!Number.isInteger(record?.item)) continue;
      const other = record.item as number;
      this.held.set(other, { text: typeof record.text === 'string' ? record.text : '', seen: (this.held.get(other)?.seen ?? 0) + 1 });
    }
    const text = this.held.get(item)?.text ?? '';
    this.held.delete(item);
    return text;
  }

  close(): void {
    this.input.destroy();
  }
}

/** The steps of one item in agent order (the last record of a repeated step winning), streamed: only its lines are kept. */
export async function readItemChain(
  runDir: string,
  agents: number,
  item: number,
): Promise<{ summary: ItemSummary | undefined; steps: StepRecord[] }> {
  let found: { summary: ItemSummary | undefined; steps: StepRecord[] } = { summary: undefined, steps: [] };
  await forEachChain(
    runDir,
    agents,
    (_item, summary, steps) => {
      found = { summary, steps };
    },
    { text: true, unfinished: true, only: (i) => i === item },
  );
  return found;
}

/** Each item summary in items.jsonl, in file order (a later record of an item is a newer one: callers keep the last). */
export async function forEachItemSummary(runDir: string, each: (summary: ItemSummary) => void | Promise<void>): Promise<void> {
  await forEachJsonLine<ItemSummary>(path.join(runDir, 'items.jsonl'), (record) =>
    Number.isInteger(record?.item) ? each(record) : undefined,
  );
}

/**
 * Each item summary with its finalAction and wrongHerd. Runs recorded before summaries carried them (told by the first
 * line of items.jsonl) get them from their steps in one streaming pass (the list then fills in the order items are
 * complete in steps.jsonl) and from the optimal actions; without those, wrongHerd stays absent.
 */
export async function forEachCompleteItemSummary(
  runDir: string,
  agents: number,
  optimal: readonly (readonly boolean[])[] | null,
  each: (summary: ItemSummary) => void | Promise<void>,
): Promise<void> {
  const first = await firstLine(path.join(runDir, 'items.jsonl'));
  if (first === null || first.includes('"finalAction":')) return forEachItemSummary(runDir, each);
  await forEachChain(
    runDir,
    agents,
    (_item, summary, steps) => {
      if (!summary) return;
      const wrongHerd = summary.wrongHerd !== undefined || !optimal ? summary.wrongHerd : isWrongHerd(summary, optimal);
      return each({
        ...summary,
        finalAction: summary.finalAction !== undefined ? summary.finalAction : finalActionOf(steps, agents),
        ...(wrongHerd !== undefined ? { wrongHerd } : {}),
      });
    },
    { text: true },
  );
}

/** The first line of a file (null when it is missing or empty), reading at most 1 MiB. */
async function firstLine(file: string): Promise<string | null> {
  if (!existsSync(file)) return null;
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.indexOf('\n');
    const line = end >= 0 ? text.slice(0, end) : text;
    return line.trim() === '' ? null : line;
  } finally {
    await handle.close();
  }
}

/** The item numbers of a run (finished or with at least one step), ascending; one number per item in memory. */
export async function itemNumbers(runDir: string): Promise<number[]> {
  const seen = new Set<number>();
  const note = (record: { item?: unknown }) => {
    if (Number.isInteger(record?.item)) seen.add(record.item as number);
  };
  await forEachJsonLine(path.join(runDir, 'items.jsonl'), note);
  await forEachJsonLine(path.join(runDir, 'steps.jsonl'), note);
  return [...seen].sort((a, b) => a - b);
}

/** The run's counts rebuilt from its files (runs stored before the counts were kept in run.json). */
export async function countsFromRunFiles(runDir: string, context?: RunContext): Promise<RunCounts> {
  const ctx = context ?? (await loadRunContext(runDir));
  const counts = emptyCounts(countDims(ctx));
  const optimal = optimalActions(ctx.model);
  await forEachFinishedItem(ctx.runDir, ctx.meta.header.agents, (item, steps) => addItem(counts, { ...item, text: '' }, steps, optimal));
  return counts;
}

/** The counts stored with the run (run.json `counts`) when present and of the run's shape, else rebuilt from its files. */
export async function runCounts(runDir: string, context?: RunContext): Promise<RunCounts> {
  const ctx = context ?? (await loadRunContext(runDir));
  return storedCounts(ctx) ?? countsFromRunFiles(ctx.runDir, ctx);
}

export function storedCounts(ctx: RunContext): RunCounts | null {
  const stored = (ctx.meta as RunMeta & { counts?: RunCounts }).counts;
  const dims = countDims(ctx);
  if (!stored || stored.version !== 1) return null;
  const sameShape =
    stored.states === dims.states &&
    stored.actions === dims.actions &&
    stored.observations === dims.observations &&
    stored.agents === dims.agents;
  return sameShape && Array.isArray(stored.observationsByLabel) ? stored : null;
}

export function countDims(ctx: Pick<RunContext, 'meta' | 'model'>) {
  const h = ctx.meta.header;
  return { states: h.states.length, actions: h.actions.length, observations: ctx.model.likelihood[0].length, agents: h.agents };
}
