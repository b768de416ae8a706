// Reads a CSV, JSONL or Parquet file as a stream of records (never the whole file in memory), with errors that name the
// file and line: a header-only CSV, a duplicated header column, a row with the wrong number of fields.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { InputError } from '../core/errors';
import { openParquet } from './parquet-stream';
import { tableFormat, type Cell } from './table-file';

export interface TableRecord {
  /** 0-based data row (JSONL: non-empty line). */
  row: number;
  /** 1-based line where the record starts (Parquet: row + 1). */
  line: number;
  values: Record<string, Cell>;
}

export interface TableStream {
  /** The header (CSV), the keys of the first object (JSONL; later objects may add keys) or the schema's top-level columns (Parquet). */
  columns: string[];
  records: AsyncGenerator<TableRecord>;
}

/**
 * Opens the file and reads its header; `records` then streams the data rows. `pick` gets the columns and names the ones
 * records must carry (Parquet reads only those; CSV and JSONL rows carry every column anyway).
 */
export async function openTable(file: string, field = 'dataset', pick?: (columns: string[]) => string[]): Promise<TableStream> {
  await checkReadable(file, field);
  const format = tableFormat(file);
  if (format === 'parquet') return openParquet(file, field, pick);
  const table = await (format === 'jsonl' ? openJsonl(file, field) : openCsv(file, field));
  try {
    pick?.(table.columns);
  } catch (err) {
    await table.records.return(undefined);
    throw err;
  }
  return table;
}

async function checkReadable(file: string, field: string): Promise<void> {
  try {
    await (await open(file, 'r')).close();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(field, code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file} (${code ?? (err as Error).message})`);
  }
}

async function openCsv(file: string, field: string): Promise<TableStream> {
  const name = path.basename(file);
  const parser = createReadStream(file).pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const next = async () => {
    try {
      return await iterator.next();
    } catch (err) {
      const line = (err as { lines?: number }).lines;
      throw new InputError(field, `malformed CSV in ${name}${line ? ` at line ${line}` : ''}: ${firstClause((err as Error).message)}`);
    }
  };
  const first = await next();
  if (first.done) throw new InputError(field, `${name} is empty (expected a header row)`);
  const columns = first.value.record.map((c) => c.trim());
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new InputError(field, `${name}: the header names column '${c}' twice`);
    seen.add(c);
  }
  async function* records(): AsyncGenerator<TableRecord> {
    let row = 0;
    try {
      for (let r = await next(); !r.done; r = await next()) {
        const { record, info } = r.value;
        if (record.length !== columns.length)
          throw new InputError(
            field,
            `malformed CSV in ${name} at line ${info.lines}: ${record.length} fields, header has ${columns.length}`,
          );
        const values: Record<string, Cell> = {};
        columns.forEach((c, i) => (values[c] = record[i]));
        yield { row: row++, line: info.lines, values };
      }
      if (row === 0) throw new InputError(field, `${name} has a header but no data rows`);
    } finally {
      parser.destroy();
    }
  }
  return { columns, records: records() };
}

async function openJsonl(file: string, field: string): Promise<TableStream> {
  const name = path.basename(file);
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity })[Symbol.asyncIterator]();
  let lineNo = 0;
  const nextRecord = async (): Promise<TableRecord | null> => {
    for (;;) {
      const r = await lines.next();
      if (r.done) return null;
      lineNo++;
      const text = r.value;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new InputError(field, `malformed JSONL in ${name} at line ${lineNo}: ${firstClause((err as Error).message)}`);
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new InputError(field, `malformed JSONL in ${name} at line ${lineNo}: expected a JSON object`);
      return { row: 0, line: lineNo, values: value as Record<string, Cell> };
    }
  };
  const first = await nextRecord().catch((err: unknown) => {
    stream.destroy();
    throw err;
  });
  const columns = first ? Object.keys(first.values) : [];
  async function* records(): AsyncGenerator<TableRecord> {
    let row = 0;
    try {
      for (let r = first; r; r = await nextRecord()) yield { ...r, row: row++ };
    } finally {
      stream.destroy();
    }
  }
  return { columns, records: records() };
}

const firstClause = (message: string) => message.split('\n')[0].slice(0, 200);
