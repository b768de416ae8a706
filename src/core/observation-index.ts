// Observation indexing schemes of spec §2.3: data-driven maps from the LLM's attribute record to an index y.
import { InputError } from './errors';

export type IndexingKind = 'bits' | 'max-severity' | 'any' | 'product-bits';

/**
 * A map from attribute record to observation index y:
 * - bits: 2^n symbols, y = Σ 2^i v_i (attribute i is bit i);
 * - max-severity: n+1 levels, 0 if none is true, else 1 + the largest i with v_i true (attributes listed from
 *   least to most severe, as `order` or `attributes`); attributes not listed are ignored;
 * - any: binary, 1 if any listed attribute is true;
 * - product-bits: 2^n symbols, first attribute most significant (durability, expectations, recommend -> 4d + 2e + r).
 */
export type IndexingScheme = { kind: IndexingKind; attributes: string[] } | { kind: 'max-severity'; order: string[] };

export type AttributeRecord = Record<string, boolean | number | string>;

const MAX_BITS = 20;

/** The paper's schemes (spec §2.3). */
export const HATE_SPEECH_ATTRIBUTES = [
  'is_insulting',
  'is_dehumanizing',
  'is_humiliating',
  'promotes_violence',
  'promotes_genocide',
  'is_respectful',
];
const HATE_SEVERITY = HATE_SPEECH_ATTRIBUTES.slice(0, 5);
export const PAPER_SCHEMES = {
  hate64: { kind: 'bits', attributes: HATE_SPEECH_ATTRIBUTES },
  hate6: { kind: 'max-severity', order: HATE_SEVERITY },
  hate2: { kind: 'any', attributes: HATE_SEVERITY },
  product8: { kind: 'product-bits', attributes: ['durability', 'expectations', 'recommend'] },
} as const satisfies Record<string, IndexingScheme>;

export function schemeAttributes(scheme: IndexingScheme): readonly string[] {
  return 'order' in scheme ? scheme.order : scheme.attributes;
}

export function observationCount(scheme: IndexingScheme): number {
  const n = schemeAttributes(scheme).length;
  switch (scheme.kind) {
    case 'bits':
    case 'product-bits':
      return 2 ** n;
    case 'max-severity':
      return n + 1;
    case 'any':
      return 2;
  }
}

/** Reads one attribute as a boolean: true/false, 0/1, or the strings "true"/"false"/"1"/"0". */
export function attributeValue(attributes: AttributeRecord, name: string, field = 'attributes'): boolean {
  const v = attributes[name];
  if (v === true || v === 1) return true;
  if (v === false || v === 0) return false;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === '1') return true;
    if (s === 'false' || s === '0') return false;
  }
  if (v === undefined) throw new InputError(`${field}.${name}`, 'is missing');
  throw new InputError(`${field}.${name}`, `must be a boolean (or 0/1), got ${JSON.stringify(v)}`);
}

export function observationIndex(scheme: IndexingScheme, attributes: AttributeRecord): number {
  const names = schemeAttributes(scheme);
  const bits = names.map((name) => attributeValue(attributes, name));
  switch (scheme.kind) {
    case 'bits':
      return bits.reduce((y, b, i) => y + (b ? 2 ** i : 0), 0);
    case 'product-bits':
      return bits.reduce((y, b) => 2 * y + (b ? 1 : 0), 0);
    case 'max-severity':
      return bits.lastIndexOf(true) + 1;
    case 'any':
      return bits.includes(true) ? 1 : 0;
  }
}

/** The attribute values an index stands for (for 'max-severity' and 'any', the defining attribute only). */
export function describeObservation(scheme: IndexingScheme, y: number): string {
  const n = observationCount(scheme);
  if (!Number.isInteger(y) || y < 0 || y >= n) throw new InputError('y', `must be an integer in 0..${n - 1}, got ${y}`);
  const names = schemeAttributes(scheme);
  switch (scheme.kind) {
    case 'bits':
      return listTrue(names.filter((_, i) => Math.floor(y / 2 ** i) % 2 === 1));
    case 'product-bits':
      return listTrue(names.filter((_, i) => Math.floor(y / 2 ** (names.length - 1 - i)) % 2 === 1));
    case 'max-severity':
      return `max severity: ${y === 0 ? 'none' : names[y - 1]}`;
    case 'any':
      return y === 1 ? `any of ${names.join(', ')}` : `none of ${names.join(', ')}`;
  }
}

function listTrue(names: string[]): string {
  return names.length === 0 ? 'none true' : names.join(' + ');
}

/** Validates a scheme read from JSON (e.g. an audit profile). */
export function parseIndexingScheme(raw: unknown, field = 'indexing'): IndexingScheme {
  if (typeof raw !== 'object' || raw === null) throw new InputError(field, 'must be an object with kind and attributes');
  const { kind } = raw as { kind?: unknown };
  const listKey = kind === 'max-severity' && 'order' in raw ? 'order' : 'attributes';
  if (kind !== 'bits' && kind !== 'max-severity' && kind !== 'any' && kind !== 'product-bits') {
    throw new InputError(`${field}.kind`, `must be one of bits, max-severity, any, product-bits, got ${JSON.stringify(kind)}`);
  }
  const list = (raw as Record<string, unknown>)[listKey];
  const names = parseNames(list, `${field}.${listKey}`);
  if ((kind === 'bits' || kind === 'product-bits') && names.length > MAX_BITS) {
    throw new InputError(`${field}.${listKey}`, `at most ${MAX_BITS} attributes (2^n observations), got ${names.length}`);
  }
  return listKey === 'order' ? { kind: 'max-severity', order: names } : { kind, attributes: names };
}

function parseNames(list: unknown, field: string): string[] {
  if (!Array.isArray(list) || list.length === 0) throw new InputError(field, 'must be a non-empty array of attribute names');
  list.forEach((n, i) => {
    if (typeof n !== 'string' || n === '') throw new InputError(`${field}[${i}]`, 'must be a non-empty string');
    if (list.indexOf(n) !== i) throw new InputError(`${field}[${i}]`, `duplicate attribute ${JSON.stringify(n)}`);
  });
  return [...(list as string[])];
}
