// A profile's attribute schema: the JSON Schema sent for structured outputs and the zod coercers that check answers.
import { z } from 'zod';

export interface AttributeSpec {
  name: string;
  type: 'boolean' | 'integer' | 'enum';
  /** Allowed values of an enum attribute. */
  values?: readonly string[];
  /** Bounds of an integer attribute (inclusive). */
  min?: number;
  max?: number;
}

export type AttributeValue = boolean | number | string;

const truthy = new Set(['true', 'yes', '1']);
const booleanWords = ['true', 'false', 'yes', 'no', '1', '0'] as const;

/** What a spec accepts, in words, for error messages. */
export function describeSpec(spec: AttributeSpec): string {
  if (spec.type === 'boolean') return 'true/false (or yes/no, 1/0)';
  if (spec.type === 'integer')
    return `an integer${spec.min !== undefined ? ` ≥ ${spec.min}` : ''}${spec.max !== undefined ? ` ≤ ${spec.max}` : ''}`;
  return `one of ${(spec.values ?? []).join(', ')}`;
}

/** A zod schema that accepts the ways real models write the value and outputs the canonical one. */
export function valueSchema(spec: AttributeSpec): z.ZodType<AttributeValue> {
  if (spec.type === 'boolean') {
    return z.union([
      z.boolean(),
      z.literal(1).transform(() => true),
      z.literal(0).transform(() => false),
      z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.enum(booleanWords))
        .transform((word) => truthy.has(word)),
    ]);
  }
  if (spec.type === 'integer') {
    let integer = z.number().int();
    if (spec.min !== undefined) integer = integer.min(spec.min);
    if (spec.max !== undefined) integer = integer.max(spec.max);
    return z
      .union([
        z.number(),
        z
          .string()
          .trim()
          .regex(/^-?\d+$/)
          .transform(Number),
      ])
      .pipe(integer);
  }
  const values = spec.values ?? [];
  if (values.length === 0) throw new RangeError(`attribute ${spec.name}: an enum needs values`);
  const byLower = new Map(values.map((v) => [v.toLowerCase(), v]));
  return z
    .string()
    .trim()
    .transform((s) => byLower.get(s.toLowerCase()) ?? s)
    .pipe(z.enum(values as [string, ...string[]]));
}

/** JSON Schema for structured outputs (strict mode: every property required, nothing else allowed). */
export function attributesJsonSchema(specs: readonly AttributeSpec[], actions?: readonly string[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const spec of specs) {
    if (spec.type === 'boolean') properties[spec.name] = { type: 'boolean' };
    else if (spec.type === 'integer') properties[spec.name] = { type: 'integer' };
    else properties[spec.name] = { type: 'string', enum: [...(spec.values ?? [])] };
  }
  if (actions && actions.length > 0) properties.action = { type: 'string', enum: [...actions] };
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}
