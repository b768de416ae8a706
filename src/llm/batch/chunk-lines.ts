// Splits input lines into batches that respect a provider's limits (requests and bytes per input file).
import type { BatchLimits } from './batch-api';

export interface SizedLine {
  customId: string;
  /** The JSONL line without its newline. */
  line: string;
}

/** Consecutive groups of lines, each within the limits; a single line over the byte limit is refused. */
export function chunkLines<T extends SizedLine>(lines: readonly T[], limits: BatchLimits): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(line.line) + 1;
    if (size > limits.maxBytes)
      throw new Error(`request ${line.customId} is ${size} bytes, over the batch file limit of ${limits.maxBytes} bytes`);
    if (current.length > 0 && (current.length >= limits.maxRequests || bytes + size > limits.maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(line);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
