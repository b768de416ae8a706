// Lists a zip archive (a .vsix) with yauzl, which @vscode/vsce already brings: name → sizes and a reader.
import { createRequire } from 'node:module';

interface ZipEntry {
  fileName: string;
  compressedSize: number;
  uncompressedSize: number;
}
interface ZipFile {
  on(event: 'entry', cb: (entry: ZipEntry) => void): void;
  on(event: 'end', cb: () => void): void;
  on(event: 'error', cb: (err: Error) => void): void;
  readEntry(): void;
  openReadStream(entry: ZipEntry, cb: (err: Error | null, stream: NodeJS.ReadableStream) => void): void;
}
interface Yauzl {
  open(path: string, options: { lazyEntries: boolean; autoClose: boolean }, cb: (err: Error | null, zip: ZipFile) => void): void;
}

const yauzl = createRequire(__filename)('yauzl') as Yauzl;

export interface ListedEntry {
  compressed: number;
  size: number;
  read(): Promise<Buffer>;
}

export function listZip(file: string): Promise<Map<string, ListedEntry>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err) return reject(err);
      const entries = new Map<string, ListedEntry>();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry) => {
        if (!entry.fileName.endsWith('/')) {
          entries.set(entry.fileName, {
            compressed: entry.compressedSize,
            size: entry.uncompressedSize,
            read: () =>
              new Promise((res, rej) =>
                zip.openReadStream(entry, (e, stream) => {
                  if (e) return rej(e);
                  const chunks: Buffer[] = [];
                  stream.on('data', (c: Buffer) => chunks.push(c));
                  stream.on('end', () => res(Buffer.concat(chunks)));
                  stream.on('error', rej);
                }),
              ),
          });
        }
        zip.readEntry();
      });
      zip.readEntry();
    });
  });
}
