// Writes a web ReadableStream (an SDK's download) to a file, replacing it atomically so a torn download is never read.
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export async function streamToFile(stream: ReadableStream<Uint8Array>, path: string, signal?: AbortSignal): Promise<void> {
  const temp = `${path}.${process.pid}.part`;
  await pipeline(Readable.fromWeb(stream as unknown as WebReadableStream<Uint8Array>), createWriteStream(temp), { signal });
  await rename(temp, path);
}
