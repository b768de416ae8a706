// Reads a CSV or JSONL file into records keyed by column name, with errors that give the file and line.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors';
import { jsonSyntaxProblem } from '../core/untrusted-text';

export type Cell = string | number | boolean | null;
export interface TableFile {
  format: 'csv' | 'jsonl';
  columns: string[];
  /** One record per data row, in file order. */
  records: Array<Record<string, Cell>>;
}

export async function readTableFile(file: string, field = 'dataset'): Promise<TableFile> {
  if (tableFormat(file) === 'parquet')
    throw new InputError(field, `${path.basename(file)}: give this table as CSV or JSONL (Parquet is read for datasets only)`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(field, code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file} (${code ?? (err as Error).message})`);
  }
  return tableFormat(file) === 'jsonl' ? parseJsonl(text, file, field) : parseCsv(text, file, field);
}

export function tableFormat(file: string): 'csv' | 'jsonl' | 'parquet' {
  const ext = path.extname(file).toLowerCase();
  return ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : ext === '.parquet' ? 'parquet' : 'csv';
}

function parseCsv(text: string, file: string, field: string): TableFile {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new InputError(field, `malformed CSV in ${path.basename(file)}${line ? ` at line ${line}` : ''}: ${csvProblem(err)}`);
  }
  if (rows.length === 0) throw new InputError(field, `${path.basename(file)} is empty (expected a header row)`);
  const [header, ...data] = rows;
  const columns = header.map((c) => c.trim());
  data.forEach((row, i) => {
    if (row.length !== columns.length)
      throw new InputError(
        field,
        `malformed CSV in ${path.basename(file)} at data row ${i + 1}: ${row.length} fields, header has ${columns.length}`,
      );
  });
  return { format: 'csv', columns, records: data.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]]))) };
}

function parseJsonl(text: string, file: string, field: string): TableFile {
  const records: Array<Record<string, Cell>> = [];
  const columns = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new InputError(field, `malformed JSONL in ${path.basename(file)} at line ${i + 1}: ${jsonSyntaxProblem(err)}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new InputError(field, `malformed JSONL in ${path.basename(file)} at line ${i + 1}: expected a JSON object`);
    const record: Record<string, Cell> = {};
    for (const [k, v] of Object.entries(value)) {
      columns.add(k);
      record[k] = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
    }
    records.push(record);
  });
  return { format: 'jsonl', columns: [...columns], records };
}

/** csv-parse's code in words ("invalid opening quote"): its message quotes the offending value, which may be anything. */
const csvProblem = (err: unknown) => {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code.replace(/^CSV_/, '').toLowerCase().replace(/_/g, ' ') : 'unreadable CSV';
};
