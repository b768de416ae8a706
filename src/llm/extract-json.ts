// Finds the JSON object in a model's answer (code fences, prose around it, explanations after it) and repairs it.
import { jsonrepair } from 'jsonrepair';

export type Extracted =
  | { ok: true; objects: Array<{ value: Record<string, unknown>; repaired: boolean; start: number; end: number }>; fenced: boolean }
  | { ok: false; message: string };

const MAX_CANDIDATES = 8;

/** Every top-level {...} in the answer (inside a code fence first), parsed, repaired where needed. */
export function extractJsonObjects(raw: string): Extracted {
  const fence = /```[a-zA-Z]*\s*\n?([\s\S]*?)```/.exec(raw);
  const regions: Array<{ text: string; offset: number; fenced: boolean }> = [];
  if (fence) regions.push({ text: fence[1], offset: fence.index + fence[0].indexOf(fence[1]), fenced: true });
  regions.push({ text: raw, offset: 0, fenced: false });
  const objects: Array<{ value: Record<string, unknown>; repaired: boolean; start: number; end: number }> = [];
  for (const region of regions) {
    for (const span of objectSpans(region.text)) {
      const parsed = parseLenient(region.text.slice(span.start, span.end));
      if (parsed && isPlainObject(parsed.value))
        objects.push({ value: parsed.value, repaired: parsed.repaired, start: region.offset + span.start, end: region.offset + span.end });
    }
    if (objects.length > 0) return { ok: true, objects, fenced: region.fenced };
  }
  if (!raw.includes('{')) return { ok: false, message: 'the answer contains no JSON object' };
  return { ok: false, message: 'the answer contains a "{" but no JSON object could be read or repaired' };
}

/**
 * Spans of top-level objects: balanced braces outside strings. An object that never closes (a cut-off answer)
 * runs to the first blank line, the cut the paper's authors used, or to the end.
 */
function objectSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let from = 0;
  while (spans.length < MAX_CANDIDATES) {
    const start = text.indexOf('{', from);
    if (start < 0) break;
    const end = balancedEnd(text, start, true) ?? balancedEnd(text, start, false);
    if (end !== null) {
      spans.push({ start, end });
      from = end;
      continue;
    }
    const blank = text.slice(start).search(/\n\s*\n/);
    spans.push({ start, end: blank < 0 ? text.length : start + blank });
    break;
  }
  return spans;
}

/** Index just past the brace that closes the one at start, or null. Single quotes count as strings only if asked. */
function balancedEnd(text: string, start: number, singleQuotes: boolean): number | null {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || (singleQuotes && c === "'")) quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return null;
}

function parseLenient(text: string): { value: unknown; repaired: boolean } | null {
  try {
    return { value: JSON.parse(text), repaired: false };
  } catch {
    // fall through to repair
  }
  try {
    return { value: JSON.parse(jsonrepair(text)), repaired: true };
  } catch {
    return null;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
