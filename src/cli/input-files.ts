// Input files of the CLI: existence checks and JSON readers, with one-line errors naming the flag that gave the file.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { InputError } from '../core/errors';
import { jsonSyntaxProblem, nestsDeeperThan } from '../core/untrusted-text';
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
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(field, `${JSON.stringify(file)} is ${jsonSyntaxProblem(err)}`);
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH))
    throw new InputError(field, `${JSON.stringify(file)} nests arrays/objects deeper than ${MAX_JSON_DEPTH} levels`);
  return value;
}

/** Far above what any input needs (a model or rp data file nests 5 levels), far below what exhausts the stack. */
export const MAX_JSON_DEPTH = 64;

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
