// Number and label formatting shared by the panel's views.

export function pct(p: number): string {
  return `${(p * 100).toFixed(p > 0.001 && p < 0.999 ? 1 : 2)}%`;
}

export function prob(p: number): string {
  return p.toFixed(3);
}

export function signed(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toPrecision(3)}`;
}

export function usd(x: number): string {
  return x < 0.01 ? `$${x.toFixed(5)}` : `$${x.toFixed(3)}`;
}

export function ms(x: number): string {
  return x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`;
}

/** A label from a list, or a neutral fallback when the index is out of range. */
export function labelOf(labels: readonly string[], index: number | null | undefined): string {
  if (index === null || index === undefined) return '—';
  return labels[index] ?? `#${index}`;
}

/** One line of text, cut to `max` characters. */
export function snippet(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
