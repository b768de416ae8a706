// Runs on disk: <dir>/<runId>/run.json (header, status, snapshots, totals, counts), steps.jsonl and items.jsonl
// (appended live, coalesced into one write per batch of lines), and run.lock while a process runs it (run-lock.ts).
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { InputError } from '../core/errors';
import { jsonSyntaxProblem } from '../core/untrusted-text';
import type { Profile } from './profile';
import { forEachChain } from './chain-reader';
import { addItem, emptyCounts, type CountDims, type RunCounts } from './run-counts';
import { HEARTBEAT_MS, lockIsLive, removeLock, writeLock } from './run-lock';
import type {
  DatasetInfo,
  ItemSummary,
  LoadedRun,
  ProviderSnapshot,
  RunHeader,
  RunListing,
  RunMeta,
  RunStatus,
  RunTotals,
} from './run-types';
import type { StepRecord } from '../shared/step-record';

const RUN_FILE = 'run.json';
const STEPS_FILE = 'steps.jsonl';
const ITEMS_FILE = 'items.jsonl';
/** run.json is rewritten at most this often while items finish (and always on a status change). */
const CHECKPOINT_MS = 1_000;

export interface NewRun {
  header: Omit<RunHeader, 'runId' | 'startedAt'> & { runId?: string };
  profile: Profile;
  profileSource: string;
  provider: ProviderSnapshot;
  dataset?: DatasetInfo;
  counts?: RunCounts;
}

export interface ResumeState {
  meta: RunMeta;
  /** Items already finished. */
  completed: Set<number>;
  /** Counts rebuilt from the finished items (when the caller gave the optimal actions). */
  counts: RunCounts | null;
}

interface PendingLines {
  steps: string[];
  items: string[];
  flush: Promise<void> | null;
}

export class RunStore {
  /** Per-run write queues, so lines never interleave and run.json rewrites stay ordered. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly metas = new Map<string, RunMeta>();
  private readonly pending = new Map<string, PendingLines>();
  /** Runs this store is running: their lock is kept fresh and their run.json checkpointed. */
  private readonly owned = new Map<string, { timer: NodeJS.Timeout; dirty: boolean; lastWrite: number }>();

  constructor(readonly dir: string) {}

  runDir(runId: string): string {
    return path.join(this.dir, checkRunId(runId));
  }

  async create(init: NewRun): Promise<RunMeta> {
    const now = new Date();
    const runId = init.header.runId ?? newRunId(now);
    const header: RunHeader = { ...init.header, runId, startedAt: now.toISOString() };
    const meta: RunMeta = {
      version: 1,
      header,
      status: 'running',
      profile: init.profile,
      profileSource: init.profileSource,
      provider: init.provider,
      ...(init.dataset ? { dataset: init.dataset } : {}),
      createdAt: header.startedAt,
      updatedAt: header.startedAt,
      totals: emptyTotals(),
      ...(init.counts ? { counts: init.counts } : {}),
    };
    await mkdir(this.runDir(runId), { recursive: true });
    await writeFile(path.join(this.runDir(runId), STEPS_FILE), '', { flag: 'a' });
    await writeFile(path.join(this.runDir(runId), ITEMS_FILE), '', { flag: 'a' });
    this.metas.set(runId, meta);
    await this.own(runId);
    await this.enqueue(runId, () => this.writeMeta(meta));
    return meta;
  }

  /** Appends a step; resolves once it is on disk (lines arriving meanwhile share one write). */
  appendStep(runId: string, step: StepRecord): Promise<void> {
    const meta = this.metas.get(runId);
    if (meta) countStep(meta.totals, step);
    else return this.meta(runId).then(() => this.appendStep(runId, step));
    return this.appendLine(runId, 'steps', JSON.stringify(step));
  }

  /** Appends a finished item after every step queued before it; run.json follows within CHECKPOINT_MS. */
  appendItem(runId: string, summary: ItemSummary): Promise<void> {
    const meta = this.metas.get(runId);
    if (!meta) return this.meta(runId).then(() => this.appendItem(runId, summary));
    meta.totals.itemsDone += 1;
    if (summary.herdingStep !== null) meta.totals.itemsHerded += 1;
    const owner = this.owned.get(runId);
    if (owner) owner.dirty = true;
    return this.appendLine(runId, 'items', JSON.stringify(summary));
  }

  /** Keeps `counts` as the run's counts (the caller adds items to it); written with the next checkpoint. */
  attachCounts(runId: string, counts: RunCounts): void {
    const meta = this.metas.get(runId);
    if (!meta) throw new Error(`attachCounts: run ${runId} is not open in this store`);
    meta.counts = counts;
  }

  setStatus(runId: string, status: RunStatus, message?: string): Promise<void> {
    const done = this.update(runId, (meta) => {
      meta.status = status;
      if (message === undefined) delete meta.statusMessage;
      else meta.statusMessage = message;
      if (status !== 'running') meta.finishedAt = new Date().toISOString();
      else delete meta.finishedAt;
    });
    if (status === 'running') return done;
    return done.then(() => this.release(runId));
  }

  /** Changes run.json (e.g. to attach a summary or revealed-preference verdicts). */
  update(runId: string, change: (meta: RunMeta) => void): Promise<void> {
    return this.enqueue(runId, async () => {
      const meta = await this.meta(runId);
      change(meta);
      await this.writeMeta(meta);
    });
  }

  /** The run's metadata; a run left 'running' by a process that is gone reads as 'interrupted'. */
  async readMeta(runId: string): Promise<RunMeta> {
    await this.queues.get(runId);
    if (this.owned.has(runId)) return structuredClone(await this.meta(runId));
    return this.withLiveness(runId, await this.readMetaFile(runId));
  }

  /** Reads a run; tolerates a torn last line (crash) and keeps the last record of any repeated step or item. */
  async load(runId: string): Promise<LoadedRun> {
    await this.queues.get(runId);
    const meta = this.owned.has(runId)
      ? structuredClone(await this.meta(runId))
      : await this.withLiveness(runId, await this.readMetaFile(runId));
    const steps = await readJsonl<StepRecord>(path.join(this.runDir(runId), STEPS_FILE));
    const items = await readJsonl<ItemSummary>(path.join(this.runDir(runId), ITEMS_FILE));
    const stepMap = new Map<string, StepRecord>();
    for (const s of steps.records) stepMap.set(`${s.item}:${s.index}`, s);
    const itemMap = new Map<number, ItemSummary>();
    for (const it of items.records) itemMap.set(it.item, it);
    return {
      meta,
      steps: [...stepMap.values()].sort((a, b) => a.item - b.item || a.index - b.index),
      items: [...itemMap.values()].sort((a, b) => a.item - b.item),
      skippedLines: steps.skipped + items.skipped,
    };
  }

  /**
   * Readies a stopped run to continue, streaming: keeps the first record of each finished item, and of the steps only
   * each finished item's chain (the last record of a repeated step winning; a partially finished item is redone),
   * rewritten item by item; drops torn lines, recounts the totals (and the counts, given the optimal actions) and
   * marks the run running. Only the items in flight between the two files are ever held.
   */
  async prepareResume(runId: string, counting?: { dims: CountDims; optimal: readonly boolean[][] }): Promise<ResumeState> {
    await this.queues.get(runId);
    const meta = await this.readMetaFile(runId);
    const dir = this.runDir(runId);
    const completed = new Set<number>();
    const totals = emptyTotals();
    const itemsOut = new LineWriter(path.join(dir, ITEMS_FILE));
    await forEachJsonLine<ItemSummary>(path.join(dir, ITEMS_FILE), (item, line) => {
      if (!Number.isInteger(item?.item) || completed.has(item.item)) return;
      completed.add(item.item);
      if (item.herdingStep !== null && item.herdingStep !== undefined) totals.itemsHerded++;
      return itemsOut.write(line);
    });
    await itemsOut.commit();
    const counts = counting ? emptyCounts(counting.dims) : null;
    const stepsOut = new LineWriter(path.join(dir, STEPS_FILE));
    await forEachChain(dir, meta.header.agents, async (_item, summary, steps) => {
      for (const step of steps) {
        countStep(totals, step);
        await stepsOut.write(JSON.stringify(step));
      }
      if (counts && counting && summary) addItem(counts, summary, steps, counting.optimal);
    });
    await stepsOut.commit();
    totals.itemsDone = completed.size;
    meta.totals = totals;
    if (counts) meta.counts = counts;
    meta.status = 'running';
    delete meta.statusMessage;
    delete meta.finishedAt;
    this.metas.set(runId, meta);
    await this.own(runId);
    await this.enqueue(runId, () => this.writeMeta(meta));
    return { meta: structuredClone(meta), completed, counts };
  }

  /** The counts of the finished items, rebuilt in one streaming pass over the run's two files (chain by chain). */
  async recount(runId: string, dims: CountDims, optimal: readonly boolean[][]): Promise<RunCounts> {
    await this.queues.get(runId);
    const counts = emptyCounts(dims);
    await forEachChain(this.runDir(runId), dims.agents, (_item, summary, steps) => {
      if (summary) addItem(counts, summary, steps, optimal);
    });
    return counts;
  }

  /** The finished items' row hash and label, in one streaming pass over items.jsonl (for a resume's file check). */
  async finishedItems(runId: string): Promise<Map<number, { rowHash?: string; label: number | null }>> {
    await this.queues.get(runId);
    const finished = new Map<number, { rowHash?: string; label: number | null }>();
    await forEachJsonLine<ItemSummary>(path.join(this.runDir(runId), ITEMS_FILE), (item) => {
      if (typeof item?.item === 'number' && !finished.has(item.item))
        finished.set(item.item, { ...(item.rowHash ? { rowHash: item.rowHash } : {}), label: item.label ?? null });
    });
    return finished;
  }

  /** Every run in the directory, newest first; unreadable run folders are skipped. */
  async list(): Promise<RunListing[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch {
      return [];
    }
    const listings: RunListing[] = [];
    for (const name of names) {
      if (!isRunId(name)) continue;
      try {
        listings.push(await this.listing(name));
      } catch {
        // not a run folder (or run.json is being written for the first time)
      }
    }
    return listings.sort((a, b) => b.header.startedAt.localeCompare(a.header.startedAt));
  }

  async delete(runId: string): Promise<void> {
    await this.queues.get(runId);
    this.disown(runId);
    this.metas.delete(runId);
    await rm(this.runDir(runId), { recursive: true, force: true });
  }

  /** Stops the heartbeat and checkpoint of every run this store holds (their locks stay: they read as interrupted). */
  close(): void {
    for (const runId of [...this.owned.keys()]) this.disown(runId);
  }

  private async listing(runId: string): Promise<RunListing> {
    const meta = this.owned.has(runId) ? await this.meta(runId) : await this.withLiveness(runId, await this.readMetaFile(runId));
    let herdingStep: number | null = null;
    if (meta.header.items === 1) {
      const items = await readJsonl<ItemSummary>(path.join(this.runDir(runId), ITEMS_FILE));
      herdingStep = items.records.at(-1)?.herdingStep ?? null;
    }
    const done = meta.totals.itemsDone;
    return {
      header: meta.header,
      status: meta.status,
      updatedAt: meta.updatedAt,
      itemsDone: done,
      herdingRate: done > 0 ? meta.totals.itemsHerded / done : null,
      herdingStep,
      rp: meta.rp?.verdict ?? null,
    };
  }

  private async withLiveness(runId: string, meta: RunMeta): Promise<RunMeta> {
    if (meta.status === 'running' && !(await lockIsLive(this.runDir(runId)))) {
      meta.status = 'interrupted';
      meta.statusMessage = 'the process running this audit stopped (killed or its window closed); resume to continue';
    }
    return meta;
  }

  private appendLine(runId: string, file: 'steps' | 'items', line: string): Promise<void> {
    let pending = this.pending.get(runId);
    if (!pending) this.pending.set(runId, (pending = { steps: [], items: [], flush: null }));
    pending[file].push(`${line}\n`);
    if (pending.flush) return pending.flush;
    const batch = pending;
    batch.flush = this.enqueue(runId, async () => {
      batch.flush = null;
      const steps = batch.steps.splice(0).join('');
      const items = batch.items.splice(0).join('');
      // Steps first: an item line is only ever on disk after the steps it summarises.
      if (steps) await appendFile(path.join(this.runDir(runId), STEPS_FILE), steps, 'utf8');
      if (items) await appendFile(path.join(this.runDir(runId), ITEMS_FILE), items, 'utf8');
    });
    return batch.flush;
  }

  private async own(runId: string): Promise<void> {
    if (this.owned.has(runId)) return;
    await writeLock(this.runDir(runId));
    const state = {
      dirty: false,
      lastWrite: Date.now(),
      timer: setInterval(() => void this.tick(runId), Math.min(HEARTBEAT_MS, CHECKPOINT_MS)),
    };
    state.timer.unref();
    this.owned.set(runId, state);
  }

  private tick(runId: string): void {
    const state = this.owned.get(runId);
    if (!state) return;
    const now = Date.now();
    const beat = now - state.lastWrite >= HEARTBEAT_MS;
    if (!state.dirty && !beat) return;
    state.dirty = false;
    state.lastWrite = now;
    void this.enqueue(runId, async () => {
      if (!this.owned.has(runId)) return;
      const meta = this.metas.get(runId);
      if (meta) await this.writeMeta(meta);
      await writeLock(this.runDir(runId));
    }).catch(() => undefined);
  }

  private async release(runId: string): Promise<void> {
    this.disown(runId);
    await this.enqueue(runId, () => removeLock(this.runDir(runId))).catch(() => undefined);
  }

  private disown(runId: string): void {
    const state = this.owned.get(runId);
    if (state) clearInterval(state.timer);
    this.owned.delete(runId);
  }

  private async meta(runId: string): Promise<RunMeta> {
    let meta = this.metas.get(runId);
    if (!meta) {
      meta = await this.readMetaFile(runId);
      this.metas.set(runId, meta);
    }
    return meta;
  }

  private async readMetaFile(runId: string): Promise<RunMeta> {
    const file = path.join(this.runDir(runId), RUN_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new InputError('run', `no run '${runId}' in ${this.dir}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new InputError('run', `${file} is ${jsonSyntaxProblem(err)}`);
    }
    if (!looksLikeRunMeta(raw)) throw new InputError('run', `${file} is not a HerdScope run (no header with a run id)`);
    return raw;
  }

  private async writeMeta(meta: RunMeta): Promise<void> {
    meta.updatedAt = new Date().toISOString();
    await writeAtomic(path.join(this.runDir(meta.header.runId), RUN_FILE), `${JSON.stringify(meta, null, 2)}\n`);
  }

  private enqueue(runId: string, task: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(runId) ?? Promise.resolve()).then(task);
    this.queues.set(
      runId,
      next.catch(() => undefined),
    );
    return next;
  }
}

/** Streams a JSONL file line by line; torn or unparsable lines are skipped. */
async function forEachJsonLine<T>(file: string, each: (record: T, line: string) => void | Promise<void>): Promise<void> {
  let stream;
  try {
    stream = createReadStream(file, { encoding: 'utf8' });
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      let record: T;
      try {
        record = JSON.parse(line) as T;
      } catch {
        continue;
      }
      const wait = each(record, line);
      if (wait) await wait;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Writes lines to <file>.tmp and renames it over <file> (atomic replacement of a JSONL file). */
class LineWriter {
  private readonly tmp: string;
  private readonly out;
  constructor(private readonly file: string) {
    this.tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    this.out = createWriteStream(this.tmp, { encoding: 'utf8' });
  }
  /** Resolves at once unless the stream asks the reader to wait (backpressure). */
  write(line: string): Promise<void> | undefined {
    if (this.out.write(`${line}\n`)) return undefined;
    return new Promise((resolve) => this.out.once('drain', () => resolve()));
  }
  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    await rename(this.tmp, this.file);
  }
}

function looksLikeRunMeta(raw: unknown): raw is RunMeta {
  const header = (raw as { header?: unknown } | null)?.header;
  return (
    typeof raw === 'object' &&
    !Array.isArray(raw) &&
    typeof header === 'object' &&
    header !== null &&
    typeof (header as { runId?: unknown }).runId === 'string'
  );
}

function emptyTotals(): RunTotals {
  return { steps: 0, errors: 0, itemsDone: 0, itemsHerded: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
}

function countStep(totals: RunTotals, step: StepRecord): void {
  totals.steps += 1;
  if (step.error) totals.errors += 1;
  totals.promptTokens += step.tokens?.prompt ?? 0;
  totals.completionTokens += step.tokens?.completion ?? 0;
  totals.costUsd += step.costUsd ?? 0;
}

async function readJsonl<T>(file: string): Promise<{ records: T[]; skipped: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { records: [], skipped: 0 };
  }
  const records: T[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as T);
    } catch {
      skipped++;
    }
  }
  return { records, skipped };
}

async function writeAtomic(file: string, content: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, content, 'utf8');
  await rename(tmp, file);
}

/** e.g. 20250301-142233-7f3a: sortable, readable, unique enough for one workspace. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

const isRunId = (id: string) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id) && !id.includes('..');

function checkRunId(runId: string): string {
  if (!isRunId(runId)) throw new InputError('run', `'${runId}' is not a run id (letters, digits, . _ -)`);
  return runId;
}
