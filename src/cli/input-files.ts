// Input files of the CLI: existence checks and JSON readers, with one-line errors naming the flag that gave the file.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { InputError } from '../core/errors';
import { parseDecisionModel, type DecisionModel } from '../core/model';

/** Fails early, naming the flag, when `file` is missing or is not a regular file. */
export function requireFile(file: string, field: string): void {
  const stat = statIfExists(file, field);
  if (!stat) throw new InputError(field, `cannot read ${JSON.stringify(file)}: no such file`);
  if (!stat.isFile()) throw new InputError(field, `${JSON.stringify(file)} is not a file`);
}

/** The file's stat, or null when there is nothing at that path. */
export function statIfExists(file: string, field: string): Stats | null {
  try {
    return statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new InputError(field, `cannot read ${JSON.stringify(file)} (${code ?? (err as Error).message})`);
  }
}

export function readJsonFile(file: string, field: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(field, `cannot read ${JSON.stringify(file)}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(field, `${JSON.stringify(file)} is not valid JSON: ${(err as Error).message}`);
  }
}

/** A file that must hold a JSON object; `expected` completes "must hold a JSON object ...". */
export function readJsonObject(file: string, field: string, expected: string): Record<string, unknown> {
  const raw = readJsonFile(file, field);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError(field, `must hold a JSON object ${expected}`);
  return raw as Record<string, unknown>;
}

/** The decision model of --model FILE (spec §2); the field names come from parseDecisionModel. */
export function readModelFile(file: string | undefined): DecisionModel {
  if (file === undefined) throw new InputError('--model', 'is required (a model JSON file)');
  return parseDecisionModel(readJsonFile(file, '--model'));
}
