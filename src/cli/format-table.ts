// Plain-text tables for the terminal: padded columns, a header rule.

export function formatTable(headers: string[], rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** [0.12, 0.88] with the given decimals. */
export function formatVector(v: readonly number[] | null, decimals = 3): string {
  return v ? `[${v.map((x) => x.toFixed(decimals)).join(', ')}]` : '-';
}

/** Model text or dataset text for one terminal line: control characters shown as spaces, cut to max. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
