// Untrusted values (dataset cells, model answers, file names) echoed in a message: quoted, controls escaped, bounded.

const DEFAULT_MAX = 80;
/** C0 and C1 controls, DEL, and the line/paragraph separators: they move the cursor, recolour or clear a terminal. */
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A value safe to put in a one-line message: JSON-style quoted and escaped, cut to `max` characters with "…". */
export function quoteUntrusted(value: unknown, max = DEFAULT_MAX): string {
  const text = typeof value === 'string' ? value : String(value);
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return `"${escapeControls(cut.replace(/\\/g, '\\\\').replace(/"/g, '\\"'))}"`;
}

/** Every control character as a JSON-style escape (\n, \t, \u001b, …); other text unchanged. */
export function escapeControls(text: string): string {
  return text.replace(controls, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** What is wrong with a file that is not JSON, without quoting it (JSON.parse's message may show the file's first characters). */
export function jsonSyntaxProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message);
  if (position) return `not valid JSON (syntax error at character ${Number(position[1]) + 1})`;
  if (/end of JSON input/.test(message)) return 'not valid JSON (it ends early)';
  return 'not valid JSON';
}

/** A value in an error message, never expanded: numbers and short strings as such, arrays and objects by kind. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return quoteUntrusted(value, 40);
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || value === undefined) return String(value);
  return Array.isArray(value) ? `an array of ${value.length}` : `a ${typeof value}`;
}

/** Whether a parsed JSON value nests deeper than `max` arrays/objects (checked without recursion). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
