// One streaming pass over a dataset's bytes: its sha256 (the run's record of which file it audited) and a check that
// it is valid UTF-8, naming the line and byte offset of the first bad sequence (text formats only: `utf8: false` for
// binary files such as Parquet, whose strings the reader decodes).
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { InputError } from '../core/errors';

export async function fileIdentity(file: string, field = 'dataset', utf8 = true): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  if (!utf8) {
    let bytes = 0;
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    return { sha256: hash.digest('hex'), bytes };
  }
  let offset = 0;
  let lines = 1;
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeLength(data);
    const whole = data.subarray(0, cut);
    if (!isUtf8(whole)) {
      const bad = firstInvalid(whole);
      throw new InputError(
        field,
        `${path.basename(file)} is not valid UTF-8: line ${lines + countNewlines(whole, bad)}, byte offset ${offset + bad}`,
      );
    }
    lines += countNewlines(whole, whole.length);
    offset += whole.length;
    carry = Buffer.from(data.subarray(cut));
  }
  if (carry.length > 0)
    throw new InputError(
      field,
      `${path.basename(file)} is not valid UTF-8: line ${lines}, byte offset ${offset} (truncated character at the end)`,
    );
  return { sha256: hash.digest('hex'), bytes: offset };
}

/** Length of the prefix that does not end inside a multi-byte character (at most 3 bytes are held back). */
function completeLength(data: Buffer): number {
  for (let back = 1; back <= Math.min(3, data.length); back++) {
    const b = data[data.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? data.length - back : data.length;
  }
  return data.length;
}

function firstInvalid(data: Buffer): number {
  for (let i = 0; i < data.length;) {
    const b = data[i];
    const need = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (need === 0 || (need > 1 && !isUtf8(data.subarray(i, i + need)))) return i;
    i += need;
  }
  return data.length;
}

function countNewlines(data: Buffer, end: number): number {
  let n = 0;
  for (let i = data.indexOf(10); i !== -1 && i < end; i = data.indexOf(10, i + 1)) n++;
  return n;
}
