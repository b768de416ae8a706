// The batch job's memory in the run directory: which batches and files exist (state.json, rewritten atomically on every
// change, before any polling) and every line result received (answers.jsonl, append-only). Never holds a key.
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LineAnswer, LineFailure } from './batch-output';

export interface Submission {
  /** 1-based, in submission order. */
  seq: number;
  model: string;
  customIds: string[];
  /** The input JSONL beside state.json. */
  input: string;
  fileId?: string;
  batchId?: string;
  /** Set (and saved) just before the create call: a restart without batchId looks for the batch before creating one. */
  createSent?: boolean;
  /** Output and error files downloaded and their lines appended to answers.jsonl. */
  collected?: boolean;
  /** We asked the provider to cancel it (its missing lines are not charged to the retry budget). */
  cancelRequested?: boolean;
}

export interface BatchState {
  version: 1;
  provider: string;
  /** Base URL / server URL, credentials removed. */
  endpoint: string;
  submissions: Submission[];
}

/** One line result; `key` is the request's content key (requestKey), so an answer is only used for the request it answered. */
export type AnswerRecord = { seq: number; customId: string; key: string | null } & (
  { ok: true; answer: LineAnswer } | { ok: false; failure: LineFailure }
);

export const BATCH_DIR = 'batch-api';

export class BatchStateFiles {
  readonly dir: string;

  constructor(runDir: string) {
    this.dir = path.join(runDir, BATCH_DIR);
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  async read(): Promise<BatchState | null> {
    let text: string;
    try {
      text = await readFile(this.file('state.json'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const state = JSON.parse(text) as BatchState;
    if (state.version !== 1 || !Array.isArray(state.submissions))
      throw new Error(`${this.file('state.json')}: not a batch state file this version can read`);
    return state;
  }

  async write(state: BatchState): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = this.file(`state.json.${process.pid}.tmp`);
    await writeFile(temp, JSON.stringify(state), 'utf8');
    await rename(temp, this.file('state.json'));
  }

  async writeInput(name: string, lines: readonly string[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = this.file(`${name}.${process.pid}.tmp`);
    await writeFile(temp, `${lines.join('\n')}\n`, 'utf8');
    await rename(temp, this.file(name));
  }

  async appendAnswers(records: readonly AnswerRecord[]): Promise<void> {
    if (records.length === 0) return;
    await mkdir(this.dir, { recursive: true });
    await appendFile(this.file('answers.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8');
  }

  /** Every record, once per (submission, custom_id); a torn last line (crash mid-append) is skipped. */
  async readAnswers(): Promise<AnswerRecord[]> {
    let text: string;
    try {
      text = await readFile(this.file('answers.jsonl'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const seen = new Set<string>();
    const records: AnswerRecord[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let record: AnswerRecord;
      try {
        record = JSON.parse(line) as AnswerRecord;
      } catch {
        continue;
      }
      const id = `${record.seq}|${record.customId}`;
      if (seen.has(id)) continue;
      seen.add(id);
      records.push(record);
    }
    return records;
  }
}
