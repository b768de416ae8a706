// The files a profile may read (likelihood.estimateFrom.file): relative paths that stay inside the profile's root
// folder after symlinks are resolved. A profile can come from an untrusted workspace; it must not read the disk at large.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors';
import { quoteUntrusted } from '../core/untrusted-text';

/** The real path of `file` (relative to baseDir), or an InputError naming the file and the problem, never its content. */
export async function profileFilePath(file: string, baseDir: string, root: string, field: string): Promise<string> {
  if (path.isAbsolute(file) || /^[a-zA-Z]:/.test(file))
    throw new InputError(field, `${quoteUntrusted(file)} must be a path relative to the profile, inside ${root}`);
  const realRoot = await realOrSelf(root);
  let real: string;
  try {
    real = await realpath(path.resolve(baseDir, file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      field,
      code === 'ENOENT' ? `file not found: ${quoteUntrusted(file)}` : `cannot read ${quoteUntrusted(file)} (${code ?? 'error'})`,
    );
  }
  if (!isInside(real, realRoot))
    throw new InputError(field, `${quoteUntrusted(file)} is outside ${root}, the folder this profile may read`);
  return real;
}

export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

async function realOrSelf(folder: string): Promise<string> {
  try {
    return await realpath(folder);
  } catch {
    return path.resolve(folder);
  }
}
