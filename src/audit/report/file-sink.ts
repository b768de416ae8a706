// A report sink writing to a file in 1 MiB pieces (few system calls, bounded memory, one awaited write at a time).
import { open } from 'node:fs/promises';

const PIECE = 1 << 20;

export interface FileSink {
  write: (chunk: string) => Promise<void>;
  close: () => Promise<void>;
}

/** Opens (creates or truncates) `file`; rejects with the fs error (e.g. ENOENT for a missing folder). */
export async function openFileSink(file: string): Promise<FileSink> {
  const handle = await open(file, 'w');
  let pending: string[] = [];
  let size = 0;
  const drain = async () => {
    if (size === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    await handle.writeFile(text, 'utf8');
  };
  return {
    write: async (chunk) => {
      if (chunk.length >= PIECE) {
        await drain();
        await handle.writeFile(chunk, 'utf8');
        return;
      }
      pending.push(chunk);
      size += chunk.length;
      if (size >= PIECE) await drain();
    },
    close: async () => {
      try {
        await drain();
      } finally {
        await handle.close();
      }
    },
  };
}
