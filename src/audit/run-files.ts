// Reading a stored run without loading it whole: run.json, its decision model, and its items with their chains
// streamed (chain-reader.ts), so memory stays bounded at 1,000,000 items.
import { createReadStream, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { InputError } from '../core/errors';
import type { DecisionModel } from '../core/model';
import { resolveProfile } from './profile-loader';
import type { Profile } from './profile';
import { finalActionOf, isWrongHerd } from './item-facts';
import { forEachChain } from './chain-reader';
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

export { forEachChain, type ChainReadOptions } from './chain-reader';

/**
 * Calls onItem once per finished item (one in items.jsonl, the last record winning) with its steps in agent order,
 * through the chain reader (src/audit/chain-reader.ts): memory holds only the items in flight between the two files.
 */
export async function forEachFinishedItem(
  runDir: string,
  agents: number,
  onItem: (item: ItemFacts, steps: StepRecord[]) => void | Promise<void>,
): Promise<{ items: number; skippedLines: number }> {
  const read = await forEachChain(runDir, agents, (_item, summary, steps) => onItem(summary as ItemFacts, steps));
  return { items: read.chains, skippedLines: read.skippedLines };
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
