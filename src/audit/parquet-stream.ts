// Reads a Parquet file through hyparquet as a stream of records: the footer gives the columns, then the rows come one
// bounded slice at a time (a row group, or at most SLICE_ROWS of it) with only the columns asked for.
import path from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../core/errors';
import type { Cell } from './table-file';
import type { TableRecord, TableStream } from './table-stream';

/** Upper bound on rows decoded at once, so one huge row group is not held whole either. */
const SLICE_ROWS = 10_000;

export async function openParquet(file: string, field: string, pick?: (columns: string[]) => string[]): Promise<TableStream> {
  const name = path.basename(file);
  const buffer = await asyncBufferFromFile(file);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (err) {
    throw new InputError(field, `malformed Parquet in ${name}: ${firstClause(err)}`);
  }
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  const wanted = pick ? pick(columns) : columns;
  async function* records(): AsyncGenerator<TableRecord> {
    let groupStart = 0;
    for (const group of metadata.row_groups) {
      const groupEnd = groupStart + Number(group.num_rows);
      for (let start = groupStart; start < groupEnd; start += SLICE_ROWS) {
        const end = Math.min(groupEnd, start + SLICE_ROWS);
        let rows: Array<Record<string, unknown>>;
        try {
          rows = await parquetReadObjects({ file: buffer, metadata, columns: wanted, rowStart: start, rowEnd: end, compressors });
        } catch (err) {
          throw new InputError(field, `cannot read ${name} (rows ${start + 1}–${end}): ${firstClause(err)}`);
        }
        for (let i = 0; i < rows.length; i++) {
          const row = start + i;
          const values: Record<string, Cell> = {};
          for (const c of wanted) values[c] = toCell(rows[i][c]);
          yield { row, line: row + 1, values };
        }
      }
      groupStart = groupEnd;
    }
  }
  return { columns, records: records() };
}

/** Strings, numbers, booleans and null as they are; an INT64 as a number; anything else (dates, bytes, lists) is left for the caller to reject. */
function toCell(value: unknown): Cell {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : (value as unknown as Cell);
  return value as Cell;
}

const firstClause = (err: unknown) =>
  String((err as Error)?.message ?? err)
    .split('\n')[0]
    .slice(0, 200);
