// Reading the JSON input files of the CLI, with one-line errors naming the flag that gave the file.
import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors';
import { parseDecisionModel, type DecisionModel } from '../core/model';

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
