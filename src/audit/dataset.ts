// A dataset to audit: one text per row (text column) and an optional true-state label (label column), read as a
// stream. scanDataset makes one pass (identity, row count, checks); datasetRows streams the rows for the run.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { InputError } from '../core/errors';
import { fileIdentity } from './file-identity';
import { tableFormat, type Cell } from './table-file';
import { openTable, type TableRecord, type TableStream } from './table-stream';
import { quoteUntrusted } from '../core/untrusted-text';

export interface DatasetRow {
  /** 0-based data row in the file (stable across resumes, empty rows keep their number). */
  item: number;
  text: string;
  /** True state index, or null when there is no label column or the cell is empty. */
  label: number | null;
}

export interface Dataset {
  file: string;
  columns: string[];
  textColumn: string;
  labelColumn: string | null;
  rows: DatasetRow[];
  /** Rows skipped because their text was empty. */
  skippedEmpty: number;
}

export interface DatasetOptions {
  textColumn?: string;
  labelColumn?: string;
  /** State labels of the profile, to read labels given as names. */
  states: string[];
}

/** What one pass over the file found: its identity, columns and how many rows have text. */
export interface DatasetScan {
  file: string;
  columns: string[];
  textColumn: string;
  labelColumn: string | null;
  /** Rows with text (the items to audit). */
  rows: number;
  skippedEmpty: number;
  sha256: string;
}

/** What a run recorded about the rows it finished, to check a resumed file against. */
export interface DatasetExpectation {
  sha256?: string;
  rows: number;
  /** item → row hash and label of finished items. */
  finished: ReadonlyMap<number, { rowHash?: string; label: number | null }>;
}

export async function listColumns(file: string): Promise<string[]> {
  const table = await openTable(file);
  await table.records.return(undefined);
  return table.columns;
}

/** The hash a finished item records of its row's text. */
export function rowHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}

/** Streams the rows with text, in file order. */
export async function* datasetRows(file: string, options: DatasetOptions): AsyncGenerator<DatasetRow> {
  const { table, textColumn, labelColumn } = await openDataset(file, options);
  for await (const record of table.records) {
    const row = toRow(record, textColumn, labelColumn, options.states, file);
    if (row) yield row;
  }
}

/**
 * One streaming pass: sha256 and UTF-8 check of the bytes, then every row parsed (columns, labels, text types).
 * With `expect` (a resume), a changed file is a one-line InputError naming what changed.
 */
export async function scanDataset(file: string, options: DatasetOptions, expect?: DatasetExpectation): Promise<DatasetScan> {
  const { sha256 } = await fileIdentity(file, 'dataset', tableFormat(file) !== 'parquet');
  const { table, textColumn, labelColumn } = await openDataset(file, options);
  let rows = 0;
  let skippedEmpty = 0;
  let firstChange: string | null = null;
  for await (const record of table.records) {
    const row = toRow(record, textColumn, labelColumn, options.states, file);
    if (!row) {
      skippedEmpty++;
      if (expect?.finished.has(record.row) && firstChange === null) firstChange = `row ${record.row + 1} changed: its text is now empty`;
      continue;
    }
    rows++;
    const before = expect?.finished.get(row.item);
    if (before && firstChange === null) {
      if (before.rowHash !== undefined && before.rowHash !== rowHash(row.text)) firstChange = `row ${row.item + 1} changed: text differs`;
      else if (before.label !== row.label) firstChange = `row ${row.item + 1} changed: label differs`;
    }
  }
  if (expect) {
    const name = path.basename(file);
    const stop = (what: string) => new InputError('--resume', `${name} changed since the run started (${what}); start a new audit instead`);
    if (rows !== expect.rows) throw stop(`file has ${rows} rows with text, run had ${expect.rows}`);
    if (firstChange) throw stop(firstChange);
    if (expect.sha256 && expect.sha256 !== sha256) throw stop('rows not yet audited differ: sha256 of the file changed');
  }
  return { file, columns: table.columns, textColumn, labelColumn, rows, skippedEmpty, sha256 };
}

/** Reads the whole file into memory (small files: tests, previews). Audits stream with datasetRows. */
export async function loadDataset(file: string, options: DatasetOptions): Promise<Dataset> {
  const { table, textColumn, labelColumn } = await openDataset(file, options);
  const rows: DatasetRow[] = [];
  let skippedEmpty = 0;
  for await (const record of table.records) {
    const row = toRow(record, textColumn, labelColumn, options.states, file);
    if (row) rows.push(row);
    else skippedEmpty++;
  }
  return { file, columns: table.columns, textColumn, labelColumn, rows, skippedEmpty };
}

/** Opens the table reading only the text and label columns. */
async function openDataset(
  file: string,
  options: DatasetOptions,
): Promise<{ table: TableStream; textColumn: string; labelColumn: string | null }> {
  let selected: { textColumn: string; labelColumn: string | null } = { textColumn: '', labelColumn: null };
  const table = await openTable(file, 'dataset', (columns) => {
    selected = selectColumns(columns, options);
    return selected.labelColumn === null ? [selected.textColumn] : [selected.textColumn, selected.labelColumn];
  });
  return { table, ...selected };
}

function selectColumns(columns: string[], options: DatasetOptions): { textColumn: string; labelColumn: string | null } {
  const textColumn = options.textColumn ?? 'text';
  requireColumn(columns, textColumn, options.textColumn ? '--text-column' : '--text-column (default "text")');
  const labelColumn = options.labelColumn ?? null;
  if (labelColumn !== null) requireColumn(columns, labelColumn, '--label-column');
  return { textColumn, labelColumn };
}

function toRow(record: TableRecord, textColumn: string, labelColumn: string | null, states: string[], file: string): DatasetRow | null {
  const value = record.values[textColumn];
  if (value !== undefined && value !== null && typeof value !== 'string') {
    const where = tableFormat(file) === 'parquet' ? `row ${record.row + 1}` : `line ${record.line}`;
    throw new InputError(
      '--text-column',
      `${path.basename(file)} ${where}: '${textColumn}' is a ${Array.isArray(value) ? 'list' : typeof value}, not a string`,
    );
  }
  const text = value ?? '';
  if (text.trim() === '') return null;
  const label = labelColumn === null ? null : parseStateLabel(record.values[labelColumn], states, `${labelColumn} (row ${record.row + 1})`);
  return { item: record.row, text, label };
}

/** A state given as its index (0-based) or its label (case-insensitive); empty means unlabelled. */
export function parseStateLabel(value: Cell | undefined, states: string[], field: string): number | null {
  const text = cellText(value).trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) {
    const index = Number(text);
    if (index < states.length) return index;
  }
  const byName = states.findIndex((s) => s.toLowerCase() === text.toLowerCase());
  if (byName >= 0) return byName;
  throw new InputError(
    field,
    `${quoteUntrusted(text)} is not a state index 0..${states.length - 1} or one of ${states.map((s) => `'${s}'`).join(', ')}`,
  );
}

function requireColumn(columns: string[], column: string, field: string): void {
  if (!columns.includes(column)) throw new InputError(field, `no column '${column}'; available: ${columns.join(', ') || '(none)'}`);
}

const cellText = (value: Cell | undefined): string =>
  value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
