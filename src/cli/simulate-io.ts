// File reading/writing and hashing for `herdscope simulate` (the core engine does no I/O).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { InputError } from '../core/errors';

export function readTextFile(file: string, field: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(field, `cannot read ${JSON.stringify(file)}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
  }
}

export { readJsonFile } from './input-files';

export function writeTextFile(file: string, text: string, field: string): void {
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw new InputError(field, `cannot write ${JSON.stringify(file)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** SHA-256 (hex) of the raw int8 bytes. */
export function sha256OfInt8(values: Int8Array): string {
  return createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');
}
