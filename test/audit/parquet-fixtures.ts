// Writes Parquet fixtures at test time with hyparquet-writer (a real writer, not hand-made bytes).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { parquetWriteFile } from 'hyparquet-writer';

export interface ParquetColumn {
  name: string;
  data: unknown[];
  /** hyparquet-writer basic type: STRING, INT32, INT64, DOUBLE, BOOLEAN... */
  type: string;
}

export function writeParquet(
  name: string,
  columns: ParquetColumn[],
  options: { rowGroupSize?: number; codec?: 'SNAPPY' | 'GZIP' | 'BROTLI' | 'UNCOMPRESSED' } = {},
): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'herdscope-parquet-')), name);
  parquetWriteFile({
    filename: file,
    columnData: columns.map((c) => ({ name: c.name, data: c.data, type: c.type })),
    rowGroupSize: options.rowGroupSize ?? 1000,
    codec: options.codec ?? 'SNAPPY',
    compressors: {
      GZIP: (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes)),
      BROTLI: (bytes: Uint8Array) => new Uint8Array(brotliCompressSync(bytes)),
    },
  } as Parameters<typeof parquetWriteFile>[0]);
  return file;
}
