// Replay cassettes: JSONL, one recorded answer per line, keyed like the response cache (without the endpoint).
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LlmError } from './errors';
import type { RequestMaterial } from './request-key';

export interface CassetteEntry {
  key: string;
  provider: string;
  model: string;
  request: RequestMaterial;
  response: { text: string; usage: { prompt: number; completion: number } | null };
  recordedAt: string;
}

export function parseCassette(text: string, source: string): CassetteEntry[] {
  const entries: CassetteEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let entry: CassetteEntry;
    try {
      entry = JSON.parse(line) as CassetteEntry;
    } catch {
      throw new LlmError('config', `cassette ${source} line ${i + 1}: not valid JSON`);
    }
    if (
      typeof entry.key !== 'string' ||
      typeof entry.provider !== 'string' ||
      typeof entry.model !== 'string' ||
      typeof entry.response?.text !== 'string'
    ) {
      throw new LlmError('config', `cassette ${source} line ${i + 1}: needs key, provider, model and response.text`);
    }
    entries.push(entry);
  }
  return entries;
}

export async function readCassette(path: string): Promise<CassetteEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new LlmError('config', `cassette ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseCassette(text, path);
}

/** Appends entries in call order; one line per write, so a crash loses at most the line being written. */
export class CassetteWriter {
  private queue: Promise<void> = Promise.resolve();
  private madeDirectory = false;

  constructor(readonly path: string) {}

  append(entry: CassetteEntry): Promise<void> {
    const write = this.queue.then(async () => {
      if (!this.madeDirectory) {
        await mkdir(dirname(this.path), { recursive: true });
        this.madeDirectory = true;
      }
      await appendFile(this.path, `${JSON.stringify(entry)}\n`, 'utf8');
    });
    this.queue = write.catch(() => undefined);
    return write;
  }
}
