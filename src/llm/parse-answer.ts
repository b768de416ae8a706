// Turns a model's raw answer into the profile's attribute record (spec §2.2), repairing what real models emit; never throws.
import { type AttributeSpec, type AttributeValue, describeSpec, valueSchema } from './attribute-schema';
import { extractJsonObjects, isPlainObject } from './extract-json';

export interface ParseOptions {
  /** Allowed action names (interacting mode): the answer's "action" may be a 0-based index or a name, any case. */
  actions?: readonly string[];
  /** A missing or invalid action is a schema error instead of action: null plus a note. */
  actionRequired?: boolean;
}

export type ParsedAnswer =
  | { ok: true; attributes: Record<string, AttributeValue>; action: number | null; repaired: boolean; notes: string[]; raw: string }
  | { ok: false; kind: 'parse' | 'schema'; message: string; notes: string[]; raw: string };

export function parseAnswer(raw: string, specs: readonly AttributeSpec[], options: ParseOptions = {}): ParsedAnswer {
  try {
    return parse(raw, specs, options);
  } catch (error) {
    return {
      ok: false,
      kind: 'parse',
      message: `could not read the answer: ${error instanceof Error ? error.message : String(error)}`,
      notes: [],
      raw,
    };
  }
}

function parse(raw: string, specs: readonly AttributeSpec[], options: ParseOptions): ParsedAnswer {
  const notes: string[] = [];
  if (raw.trim() === '') return { ok: false, kind: 'parse', message: 'the answer is empty', notes, raw };
  const wanted = new Map(specs.map((s) => [normalizeKey(s.name), s.name]));
  if (options.actions) wanted.set('action', 'action');

  let record: Record<string, unknown>;
  let repaired = false;
  const extracted = extractJsonObjects(raw);
  if (extracted.ok) {
    const best = extracted.objects.find((o) => countKnownKeys(o.value, wanted) > 0) ?? extracted.objects[0];
    record = best.value;
    repaired = best.repaired;
    if (repaired) notes.push('repaired malformed JSON');
    if (extracted.fenced) notes.push('read the JSON inside a code fence');
    const outside = (raw.slice(0, best.start) + raw.slice(best.end)).replace(/```[a-zA-Z]*/g, '').trim();
    if (outside !== '') notes.push(`ignored ${outside.length} characters of text around the JSON object`);
    const nested =
      countKnownKeys(record, wanted) === 0
        ? Object.entries(record).find(([, v]) => isPlainObject(v) && countKnownKeys(v, wanted) > 0)
        : undefined;
    if (nested) {
      record = nested[1] as Record<string, unknown>;
      notes.push(`read the attributes nested under "${nested[0]}"`);
    }
  } else {
    const lines = keyValueLines(raw, specs, options.actions !== undefined);
    if (!lines) return { ok: false, kind: 'parse', message: extracted.message, notes, raw };
    record = lines;
    repaired = true;
    notes.push('no JSON object: read "name: value" lines naming every attribute');
  }

  const { values, extras } = matchKeys(record, wanted, notes);
  if (extras.length > 0) notes.push(`ignored extra keys: ${extras.join(', ')}`);
  const missing = specs.filter((s) => !(s.name in values)).map((s) => s.name);
  if (missing.length > 0) return { ok: false, kind: 'schema', message: `missing keys: ${missing.join(', ')}`, notes, raw };

  const attributes: Record<string, AttributeValue> = {};
  const problems: string[] = [];
  for (const spec of specs) {
    const checked = valueSchema(spec).safeParse(values[spec.name]);
    if (checked.success) attributes[spec.name] = checked.data;
    else problems.push(`${spec.name}: expected ${describeSpec(spec)}, got ${JSON.stringify(values[spec.name]) ?? 'nothing'}`);
  }
  if (problems.length > 0) return { ok: false, kind: 'schema', message: problems.join('; '), notes, raw };

  let action: number | null = null;
  if (options.actions) {
    const read = readAction(values.action, options.actions);
    if (typeof read === 'number') action = read;
    else if (options.actionRequired) return { ok: false, kind: 'schema', message: read, notes, raw };
    else notes.push(read);
  }
  return { ok: true, attributes, action, repaired, notes, raw };
}

function normalizeKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function countKnownKeys(record: Record<string, unknown>, wanted: Map<string, string>): number {
  return Object.keys(record).filter((k) => wanted.has(normalizeKey(k))).length;
}

/** Exact names first, then case/space/hyphen variants ("Is Insulting" → is_insulting); the rest are extras. */
function matchKeys(record: Record<string, unknown>, wanted: Map<string, string>, notes: string[]) {
  const values: Record<string, unknown> = {};
  const extras: string[] = [];
  const names = new Set(wanted.values());
  for (const [key, value] of Object.entries(record)) if (names.has(key)) values[key] = value;
  for (const [key, value] of Object.entries(record)) {
    if (names.has(key)) continue;
    const name = wanted.get(normalizeKey(key));
    if (name !== undefined && !(name in values)) {
      values[name] = value;
      notes.push(`read key "${key}" as ${name}`);
    } else extras.push(key);
  }
  return { values, extras };
}

/** Accepts a 0-based index (number or digits) or an action name in any case. */
function readAction(value: unknown, actions: readonly string[]): number | string {
  const list = actions.map((a, i) => `${i}=${a}`).join(', ');
  if (value === undefined || value === null) return `missing keys: action (allowed: ${list})`;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < actions.length) return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d+$/.test(text) && Number(text) < actions.length) return Number(text);
    const index = actions.findIndex((a) => a.toLowerCase() === text.toLowerCase());
    if (index >= 0) return index;
  }
  return `action: expected one of ${list}, got ${JSON.stringify(value)}`;
}

/** A last resort for answers with no braces at all, accepted only when every attribute appears as its own "name: value" line. */
function keyValueLines(raw: string, specs: readonly AttributeSpec[], withAction: boolean): Record<string, unknown> | null {
  const names = specs.map((s) => s.name);
  if (withAction) names.push('action');
  const record: Record<string, unknown> = {};
  for (const name of names) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`^\\s*(?:[-*]\\s*)?["']?${escaped}["']?\\s*[:=]\\s*["']?([^"',\\n]*?)["']?\\s*,?\\s*$`, 'im').exec(raw);
    if (match) record[name] = match[1].trim();
    else if (name !== 'action') return null;
  }
  return record;
}
