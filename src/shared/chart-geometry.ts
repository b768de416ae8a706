// Pure geometry of the public-posterior chart, shared by the panel (DOM) and the HTML report (markup):
// scales, decimated paths, tick positions and the cascade runs. No DOM, no I/O.
import type { StepRecord } from './step-record';

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Agents span 0 (the prior) .. maxAgent. */
  maxAgent: number;
}

export type Point = [x: number, y: number];

export const xOf = (f: Frame, agent: number): number => f.left + (agent / Math.max(1, f.maxAgent)) * (f.width - f.left - f.right);
export const yOf = (f: Frame, p: number): number => f.top + (1 - p) * (f.height - f.top - f.bottom);

/** Inverse of xOf, rounded to the nearest agent. */
export function agentAt(f: Frame, x: number): number {
  const plot = f.width - f.left - f.right;
  const agent = Math.round(((x - f.left) / plot) * Math.max(1, f.maxAgent));
  return Math.min(f.maxAgent, Math.max(0, agent));
}

/**
 * Keeps at most ~4 points per pixel column (first, min, max, last), so a 1,000 or 100,000 agent chain
 * draws the same shape with a bounded path. Points must be sorted by x.
 */
export function decimate(points: readonly Point[], columns: number): Point[] {
  if (points.length <= columns * 2) return [...points];
  const out: Point[] = [];
  const x0 = points[0][0];
  const span = points[points.length - 1][0] - x0 || 1;
  let bucket: Point[] = [];
  let current = -1;
  const flush = () => {
    if (bucket.length === 0) return;
    let lo = bucket[0],
      hi = bucket[0];
    for (const p of bucket) {
      if (p[1] < lo[1]) lo = p;
      if (p[1] > hi[1]) hi = p;
    }
    const keep = [bucket[0], lo, hi, bucket[bucket.length - 1]].sort((a, b) => a[0] - b[0]);
    for (const p of keep) if (out[out.length - 1] !== p) out.push(p);
    bucket = [];
  };
  for (const p of points) {
    const column = Math.min(columns - 1, Math.floor(((p[0] - x0) / span) * columns));
    if (column !== current) {
      flush();
      current = column;
    }
    bucket.push(p);
  }
  flush();
  return out;
}

export function linePath(points: readonly Point[]): string {
  let d = '';
  for (let i = 0; i < points.length; i++) d += `${i === 0 ? 'M' : 'L'}${points[i][0].toFixed(1)} ${points[i][1].toFixed(1)}`;
  return d;
}

/** One path of rectangles (subpaths), so many regions cost one DOM node. */
export function rectsPath(rects: readonly { x0: number; x1: number; y0: number; y1: number }[]): string {
  return rects.map((r) => `M${r.x0.toFixed(1)} ${r.y0.toFixed(1)}H${r.x1.toFixed(1)}V${r.y1.toFixed(1)}H${r.x0.toFixed(1)}Z`).join('');
}

/** Up to `count` round agent numbers between 1 and max for the x axis. */
export function agentTicks(max: number, count = 8): number[] {
  if (max <= 0) return [0];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let t = Math.max(step, 1); t <= max; t += Math.max(1, Math.round(step))) ticks.push(Math.round(t));
  if (ticks[0] !== 1 && max < count * 2) ticks.unshift(1);
  return [...new Set(ticks)];
}

/** The first agent (1-based) whose step is in a cascade (spec §4.2: π_{k−1} lies in the herding region), or null. */
export function cascadeOnset(steps: readonly StepRecord[]): number | null {
  for (const s of steps) if (s.cascade) return s.index;
  return null;
}

/** Contiguous runs of cascade steps as [firstAgent, lastAgent] pairs; `steps` in agent order. */
export function cascadeRanges(steps: readonly StepRecord[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const s of steps) {
    if (!s.cascade) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === s.index - 1) last[1] = s.index;
    else ranges.push([s.index, s.index]);
  }
  return ranges;
}

/** Shaded rectangles of the cascade runs: each agent's column spans ±half an agent, clamped to the plot. */
export function cascadeRects(f: Frame, steps: readonly StepRecord[]): { x0: number; x1: number; y0: number; y1: number }[] {
  const clamp = (a: number) => Math.min(f.maxAgent, Math.max(0, a));
  return cascadeRanges(steps).map(([a, b]) => ({
    x0: xOf(f, clamp(a - 0.5)),
    x1: xOf(f, clamp(b + 0.5)),
    y0: f.top,
    y1: f.height - f.bottom,
  }));
}

/** The chart's points for one state: the prior at agent 0 (when agent 1 is known), then π_k after each agent. */
export function posteriorPoints(f: Frame, steps: readonly StepRecord[], state: number): Point[] {
  const pts: Point[] = [];
  const first = steps[0];
  if (first && first.index === 1 && first.publicBeliefBefore[state] !== undefined)
    pts.push([xOf(f, 0), yOf(f, first.publicBeliefBefore[state])]);
  for (const s of steps) if (s.publicBeliefAfter[state] !== undefined) pts.push([xOf(f, s.index), yOf(f, s.publicBeliefAfter[state])]);
  return pts;
}
