// A dataset to audit: one text per row (text column) and an optional true-state label (label column).
import { InputError } from '../core/errors';
import { readTableFile, type Cell } from './table-file';
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

export async function listColumns(file: string): Promise<string[]> {
  return (await readTableFile(file)).columns;
}

/** Reads the file and selects the text (default: a column named "text") and optional label columns. */
export async function loadDataset(file: string, options: DatasetOptions): Promise<Dataset> {
  const table = await readTableFile(file);
  const textColumn = options.textColumn ?? 'text';
  requireColumn(table.columns, textColumn, options.textColumn ? '--text-column' : '--text-column (default "text")');
  const labelColumn = options.labelColumn ?? null;
  if (labelColumn !== null) requireColumn(table.columns, labelColumn, '--label-column');
  const rows: DatasetRow[] = [];
  let skippedEmpty = 0;
  table.records.forEach((record, item) => {
    const text = cellText(record[textColumn]);
    if (text.trim() === '') {
      skippedEmpty++;
      return;
    }
    const label = labelColumn === null ? null : parseStateLabel(record[labelColumn], options.states, `${labelColumn} (row ${item + 1})`);
    rows.push({ item, text, label });
  });
  return { file, columns: table.columns, textColumn, labelColumn, rows, skippedEmpty };
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
  throw new InputError(field, `${quoteUntrusted(text)} is not a state index 0..${states.length - 1} or one of ${states.map((s) => `'${s}'`).join(', ')}`);
}

function requireColumn(columns: string[], column: string, field: string): void {
  if (!columns.includes(column)) throw new InputError(field, `no column '${column}'; available: ${columns.join(', ') || '(none)'}`);
}

const cellText = (value: Cell | undefined): string => (value === null || value === undefined ? '' : String(value));
