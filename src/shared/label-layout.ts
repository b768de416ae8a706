// Placing chart labels so that no two overlap and none leaves the plot: a greedy search over vertical offsets
// (and optional horizontal alternatives) per label, in priority order. Pure; shared by the panel (measured widths)
// and the SVG markup of the report and `npm run reproduce` (estimated widths).

export type Anchor = 'start' | 'middle' | 'end';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One label to place. `y` is the label's vertical centre (render with dominant-baseline="central"). */
export interface LabelRequest {
  x: number;
  y: number;
  width: number;
  height: number;
  anchor: Anchor;
  /** Other acceptable horizontal positions, tried at every vertical offset after the first. */
  alternatives?: { x: number; anchor: Anchor }[];
}

export interface PlacedLabel {
  x: number;
  y: number;
  anchor: Anchor;
  box: Box;
  /** False when no free place was found within the search (the least-overlapping place is returned). */
  free: boolean;
}

const GAP = 2;
const MAX_OFFSETS = 60;

export function boxOf(x: number, y: number, width: number, height: number, anchor: Anchor): Box {
  const x0 = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
  return { x0, y0: y - height / 2, x1: x0 + width, y1: y + height / 2 };
}

export function overlapArea(a: Box, b: Box, gap = 0): number {
  const w = Math.min(a.x1, b.x1) + gap - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) + gap - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Shifts a label horizontally and vertically so that its box lies inside the bounds (when it fits). */
function clampInto(x: number, y: number, r: LabelRequest, anchor: Anchor, bounds: Box): { x: number; y: number } {
  const b = boxOf(x, y, r.width, r.height, anchor);
  let dx = 0;
  if (b.x1 > bounds.x1) dx = bounds.x1 - b.x1;
  if (b.x0 + dx < bounds.x0) dx = bounds.x0 - b.x0;
  let dy = 0;
  if (b.y1 > bounds.y1) dy = bounds.y1 - b.y1;
  if (b.y0 + dy < bounds.y0) dy = bounds.y0 - b.y0;
  return { x: x + dx, y: y + dy };
}

/**
 * Places labels in the given order (earlier = more important, keeps its preferred place): each takes the first
 * position, searching vertical offsets 0, −h, +h, −2h, … and its horizontal alternatives, whose box is inside
 * `bounds` and clear of every label placed before and of the `obstacles` (e.g. axis tick labels).
 */
export function placeLabels(requests: readonly LabelRequest[], bounds: Box, obstacles: readonly Box[] = []): PlacedLabel[] {
  const taken: Box[] = [...obstacles];
  const placed: PlacedLabel[] = [];
  for (const r of requests) {
    const step = r.height + GAP;
    const horizontals = [{ x: r.x, anchor: r.anchor }, ...(r.alternatives ?? [])];
    let best: PlacedLabel | null = null;
    let bestOverlap = Infinity;
    search: for (let k = 0; k < MAX_OFFSETS; k++) {
      const dy = k === 0 ? 0 : (k % 2 === 1 ? -1 : 1) * Math.ceil(k / 2) * step;
      for (const h of horizontals) {
        const p = clampInto(h.x, r.y + dy, r, h.anchor, bounds);
        const box = boxOf(p.x, p.y, r.width, r.height, h.anchor);
        let overlap = 0;
        for (const t of taken) overlap += overlapArea(box, t, GAP);
        if (overlap < bestOverlap) {
          bestOverlap = overlap;
          best = { x: p.x, y: p.y, anchor: h.anchor, box, free: overlap === 0 };
          if (overlap === 0) break search;
        }
      }
    }
    placed.push(best!);
    taken.push(best!.box);
  }
  return placed;
}

/**
 * A width estimate for sans-serif text at `fontSize` px, for markup that cannot be measured (report, reproduce):
 * per-character widths of DejaVu Sans (the widest common sans-serif, Linux's default) plus 10%, and bold 25%, so
 * that estimated boxes contain the rendered text.
 */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if ("il.,:;|!'’`".includes(ch)) em += 0.3;
    else if ('fjrtI()[] '.includes(ch)) em += 0.38;
    else if ('mwMW—'.includes(ch)) em += 0.92;
    else if (ch >= 'A' && ch <= 'Z') em += 0.72;
    else em += 0.6;
  }
  return em * fontSize * (bold ? 1.25 : 1.1);
}

/** Splits items of the given widths into rows no wider than `maxWidth` (an item wider than that gets its own row). */
export function wrapRows(widths: readonly number[], maxWidth: number, gap: number): number[][] {
  const rows: number[][] = [];
  let row: number[] = [];
  let used = 0;
  widths.forEach((w, i) => {
    const need = row.length === 0 ? w : used + gap + w;
    if (row.length > 0 && need > maxWidth) {
      rows.push(row);
      row = [i];
      used = w;
    } else {
      row.push(i);
      used = need;
    }
  });
  if (row.length > 0) rows.push(row);
  return rows;
}
