// Runs on disk: <dir>/<runId>/run.json (header, status, snapshots, totals), steps.jsonl and items.jsonl (appended live).
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors';
import { jsonSyntaxProblem } from '../core/untrusted-text';
import type { Profile } from './profile';
import type { DatasetInfo, ItemSummary, LoadedRun, ProviderSnapshot, RunHeader, RunListing, RunMeta, RunStatus, RunTotals } from './run-types';
import type { StepRecord } from '../shared/step-record';

const RUN_FILE = 'run.json';
const STEPS_FILE = 'steps.jsonl';
const ITEMS_FILE = 'items.jsonl';

export interface NewRun {
  header: Omit<RunHeader, 'runId' | 'startedAt'> & { runId?: string };
  profile: Profile;
  profileSource: string;
  provider: ProviderSnapshot;
  dataset?: DatasetInfo;
}

export class RunStore {
  /** Per-run write queues, so lines never interleave and run.json rewrites stay ordered. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly metas = new Map<string, RunMeta>();

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
    };
    await mkdir(this.runDir(runId), { recursive: true });
    await writeFile(path.join(this.runDir(runId), STEPS_FILE), '', { flag: 'a' });
    await writeFile(path.join(this.runDir(runId), ITEMS_FILE), '', { flag: 'a' });
    this.metas.set(runId, meta);
    await this.enqueue(runId, () => this.writeMeta(meta));
    return meta;
  }

  appendStep(runId: string, step: StepRecord): Promise<void> {
    return this.enqueue(runId, async () => {
      const meta = await this.meta(runId);
      countStep(meta.totals, step);
      await appendFile(path.join(this.runDir(runId), STEPS_FILE), `${JSON.stringify(step)}\n`, 'utf8');
    });
  }

  appendItem(runId: string, summary: ItemSummary): Promise<void> {
    return this.enqueue(runId, async () => {
      const meta = await this.meta(runId);
      meta.totals.itemsDone += 1;
      if (summary.herdingStep !== null) meta.totals.itemsHerded += 1;
      await appendFile(path.join(this.runDir(runId), ITEMS_FILE), `${JSON.stringify(summary)}\n`, 'utf8');
      await this.writeMeta(meta);
    });
  }

  setStatus(runId: string, status: RunStatus, message?: string): Promise<void> {
    return this.update(runId, (meta) => {
      meta.status = status;
      if (message === undefined) delete meta.statusMessage;
      else meta.statusMessage = message;
      if (status !== 'running') meta.finishedAt = new Date().toISOString();
      else delete meta.finishedAt;
    });
  }

  /** Changes run.json (e.g. to attach a summary or revealed-preference verdicts). */
  update(runId: string, change: (meta: RunMeta) => void): Promise<void> {
    return this.enqueue(runId, async () => {
      const meta = await this.meta(runId);
      change(meta);
      await this.writeMeta(meta);
    });
  }

  async readMeta(runId: string): Promise<RunMeta> {
    await this.queues.get(runId);
    return structuredClone(await this.meta(runId));
  }

  /** Reads a run; tolerates a torn last line (crash) and keeps the last record of any repeated step or item. */
  async load(runId: string): Promise<LoadedRun> {
    await this.queues.get(runId);
    const meta = await this.readMetaFile(runId);
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
   * Readies a stopped run to continue: keeps only the steps of finished items (a partially finished item is redone),
   * drops torn lines, recounts the totals and marks the run running. Returns the finished item numbers.
   */
  async prepareResume(runId: string): Promise<{ meta: RunMeta; completed: Set<number> }> {
    const run = await this.load(runId);
    const completed = new Set(run.items.map((i) => i.item));
    const steps = run.steps.filter((s) => completed.has(s.item));
    const dir = this.runDir(runId);
    await writeAtomic(path.join(dir, STEPS_FILE), steps.map((s) => `${JSON.stringify(s)}\n`).join(''));
    await writeAtomic(path.join(dir, ITEMS_FILE), run.items.map((i) => `${JSON.stringify(i)}\n`).join(''));
    const meta = run.meta;
    meta.totals = emptyTotals();
    steps.forEach((s) => countStep(meta.totals, s));
    meta.totals.itemsDone = run.items.length;
    meta.totals.itemsHerded = run.items.filter((i) => i.herdingStep !== null).length;
    meta.status = 'running';
    delete meta.statusMessage;
    delete meta.finishedAt;
    this.metas.set(runId, meta);
    await this.enqueue(runId, () => this.writeMeta(meta));
    return { meta: structuredClone(meta), completed };
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
    this.metas.delete(runId);
    await rm(this.runDir(runId), { recursive: true, force: true });
  }

  private async listing(runId: string): Promise<RunListing> {
    const meta = await this.readMetaFile(runId);
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
    this.queues.set(runId, next.catch(() => undefined));
    return next;
  }
}

function looksLikeRunMeta(raw: unknown): raw is RunMeta {
  const header = (raw as { header?: unknown } | null)?.header;
  return typeof raw === 'object' && !Array.isArray(raw) && typeof header === 'object' && header !== null && typeof (header as { runId?: unknown }).runId === 'string';
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
