// Hand-built SVG figures (no library, no CDN): line charts and heat maps with axes, ticks, labels and legends.
import { estimateTextWidth, placeLabels, wrapRows } from '../src/shared/label-layout';

export interface Series {
  label: string;
  x: readonly number[];
  /** null leaves a gap. */
  y: ReadonlyArray<number | null>;
  dashed?: boolean;
  /** Shaded band (e.g. ± sd or a confidence interval). */
  band?: { low: readonly number[]; high: readonly number[] };
}

export interface LineChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  xRange?: [number, number];
  yRange?: [number, number];
  width?: number;
  height?: number;
  /** Vertical marker lines, e.g. a threshold. */
  markers?: { x: number; label: string }[];
}

export interface HeatMapSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Column values (x) and row values (y); values[row][col]. */
  xValues: readonly number[];
  yValues: readonly number[];
  values: number[][];
  colorLabel: string;
  range: [number, number];
  /** Print each cell's value. */
  annotate?: boolean;
  width?: number;
  height?: number;
}

export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const FONT = 'font-family="sans-serif"';
const MARGIN = { left: 64, right: 16, top: 34, bottom: 48 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (v: number) => (Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(3))));

/** About `count` round tick values covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function extent(values: number[], pad = 0): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = hi - lo || Math.abs(hi) || 1;
  return [lo - span * pad, hi + span * pad];
}

function frame(width: number, height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">
<rect width="${width}" height="${height}" fill="white"/>
<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>
${body}
</svg>`;
}

function axes(
  w: number,
  h: number,
  xLabel: string,
  yLabel: string,
  xt: { pos: number; text: string }[],
  yt: { pos: number; text: string }[],
): string {
  const { left, top } = MARGIN;
  const parts = [`<rect x="${left}" y="${top}" width="${w}" height="${h}" fill="none" stroke="#333"/>`];
  for (const t of xt)
    parts.push(
      `<line x1="${t.pos}" x2="${t.pos}" y1="${top + h}" y2="${top + h + 5}" stroke="#333"/><text x="${t.pos}" y="${top + h + 18}" text-anchor="middle">${esc(t.text)}</text>`,
    );
  for (const t of yt)
    parts.push(
      `<line x1="${left - 5}" x2="${left}" y1="${t.pos}" y2="${t.pos}" stroke="#333"/><text x="${left - 8}" y="${t.pos + 4}" text-anchor="end">${esc(t.text)}</text>`,
    );
  parts.push(`<text x="${left + w / 2}" y="${top + h + 38}" text-anchor="middle">${esc(xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${top + h / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  return parts.join('\n');
}

const LEGEND_ROW = 18;
const LEGEND_KEY = 28;
const LEGEND_GAP = 18;

/** Legend entries flowed into rows under the plot, so long labels wrap instead of being cut at the figure's edge. */
function legendRows(series: readonly Series[], maxWidth: number): number[][] {
  return wrapRows(
    series.map((s) => LEGEND_KEY + estimateTextWidth(s.label, 12)),
    maxWidth,
    LEGEND_GAP,
  );
}

export function lineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 560;
  const plotHeight = spec.height ?? 360;
  const w = width - MARGIN.left - MARGIN.right;
  const h = plotHeight - MARGIN.top - MARGIN.bottom;
  const rows = legendRows(spec.series, w);
  const height = plotHeight + rows.length * LEGEND_ROW + (rows.length > 0 ? 6 : 0);
  const xs = spec.series.flatMap((s) => [...s.x]);
  const ys = spec.series.flatMap((s) => [
    ...s.y.filter((v): v is number => v !== null),
    ...(s.band ? [...s.band.low, ...s.band.high] : []),
  ]);
  const [x0, x1] = spec.xRange ?? extent(xs);
  const [y0, y1] = spec.yRange ?? extent(ys, 0.05);
  const px = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0 || 1)) * w;
  const py = (y: number) => MARGIN.top + h - ((y - y0) / (y1 - y0 || 1)) * h;
  const body: string[] = [];
  const yTicks = ticks(y0, y1).map((v) => ({ pos: py(v), text: num(v) }));
  for (const t of yTicks) body.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + w}" y1="${t.pos}" y2="${t.pos}" stroke="#eee"/>`);
  spec.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    if (s.band) {
      const upper = s.x.map((x, k) => `${px(x)},${py(s.band!.high[k])}`);
      const lower = s.x.map((x, k) => `${px(x)},${py(s.band!.low[k])}`).reverse();
      body.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${color}" fill-opacity="0.15" stroke="none"/>`);
    }
    const segments: string[][] = [[]];
    s.x.forEach((x, k) => {
      const y = s.y[k];
      if (y === null || !Number.isFinite(y)) segments.push([]);
      else segments[segments.length - 1].push(`${px(x).toFixed(2)},${py(y).toFixed(2)}`);
    });
    for (const seg of segments.filter((g) => g.length > 0)) {
      body.push(
        `<polyline data-series="${i}" points="${seg.join(' ')}" fill="none" stroke="${color}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
    }
  });
  const legendTop = plotHeight + 2;
  rows.forEach((row, r) => {
    let lx = MARGIN.left;
    const ly = legendTop + r * LEGEND_ROW + LEGEND_ROW / 2;
    for (const i of row) {
      const s = spec.series[i];
      const color = PALETTE[i % PALETTE.length];
      body.push(
        `<line x1="${lx}" x2="${lx + 22}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/><text class="legend" data-label-for="${i}" x="${lx + LEGEND_KEY}" y="${ly}" dominant-baseline="central">${esc(s.label)}</text>`,
      );
      lx += LEGEND_KEY + estimateTextWidth(s.label, 12) + LEGEND_GAP;
    }
  });
  const markers = spec.markers ?? [];
  const placed = placeLabels(
    markers.map((m) => ({
      x: px(m.x) + 4,
      y: MARGIN.top + 10,
      width: estimateTextWidth(m.label, 12),
      height: 14,
      anchor: 'start' as const,
      alternatives: [{ x: px(m.x) - 4, anchor: 'end' as const }],
    })),
    { x0: MARGIN.left + 2, y0: MARGIN.top + 2, x1: MARGIN.left + w - 2, y1: MARGIN.top + h - 2 },
  );
  markers.forEach((m, i) => {
    const p = placed[i];
    body.push(
      `<line x1="${px(m.x)}" x2="${px(m.x)}" y1="${MARGIN.top}" y2="${MARGIN.top + h}" stroke="#555" stroke-dasharray="3 3"/><text x="${p.x.toFixed(1)}" y="${p.y.toFixed(1)}" text-anchor="${p.anchor}" dominant-baseline="central" fill="#555">${esc(m.label)}</text>`,
    );
  });
  body.push(
    axes(
      w,
      h,
      spec.xLabel,
      spec.yLabel,
      ticks(x0, x1).map((v) => ({ pos: px(v), text: num(v) })),
      yTicks,
    ),
  );
  return frame(width, height, spec.title, body.join('\n'));
}

/** Viridis-like colour for t in [0, 1]. */
export function colour(t: number): string {
  const stops = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const f = u - i;
  const c = stops[i].map((v, k) => Math.round(v + f * (stops[i + 1][k] - v)));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function heatMap(spec: HeatMapSpec): string {
  const width = spec.width ?? 520;
  const height = spec.height ?? 420;
  const barWidth = 70;
  const w = width - MARGIN.left - MARGIN.right - barWidth;
  const h = height - MARGIN.top - MARGIN.bottom;
  const cols = spec.xValues.length;
  const rows = spec.yValues.length;
  const cw = w / cols;
  const ch = h / rows;
  const [lo, hi] = spec.range;
  const t = (v: number) => (v - lo) / (hi - lo || 1);
  const body: string[] = [];
  spec.values.forEach((row, r) =>
    row.forEach((v, c) => {
      const x = MARGIN.left + c * cw;
      const y = MARGIN.top + h - (r + 1) * ch;
      body.push(
        `<rect x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${(cw + 0.3).toFixed(2)}" height="${(ch + 0.3).toFixed(2)}" fill="${colour(t(v))}"><title>${esc(`${spec.xLabel} ${num(spec.xValues[c])}, ${spec.yLabel} ${num(spec.yValues[r])}: ${num(v)}`)}</title></rect>`,
      );
      if (spec.annotate)
        body.push(
          `<text x="${x + cw / 2}" y="${y + ch / 2 + 4}" text-anchor="middle" font-size="10" fill="${t(v) > 0.6 ? 'black' : 'white'}">${esc(num(v))}</text>`,
        );
    }),
  );
  const every = (n: number) => Math.max(1, Math.ceil(n / 8));
  const xt = spec.xValues.map((v, c) => ({ pos: MARGIN.left + (c + 0.5) * cw, text: num(v), c })).filter((e) => e.c % every(cols) === 0);
  const yt = spec.yValues.map((v, r) => ({ pos: MARGIN.top + h - (r + 0.5) * ch, text: num(v), r })).filter((e) => e.r % every(rows) === 0);
  body.push(axes(w, h, spec.xLabel, spec.yLabel, xt, yt));
  const bx = MARGIN.left + w + 18;
  for (let i = 0; i < 50; i++)
    body.push(`<rect x="${bx}" y="${MARGIN.top + h - ((i + 1) * h) / 50}" width="14" height="${h / 50 + 0.5}" fill="${colour(i / 49)}"/>`);
  for (const v of ticks(lo, hi, 4)) body.push(`<text x="${bx + 18}" y="${MARGIN.top + h - t(v) * h + 4}">${esc(num(v))}</text>`);
  body.push(
    `<text transform="translate(${bx + 60} ${MARGIN.top + h / 2}) rotate(-90)" text-anchor="middle">${esc(spec.colorLabel)}</text>`,
  );
  return frame(width, height, spec.title, body.join('\n'));
}

/** Several figures side by side (and wrapped into rows) in one SVG. */
export function panels(figures: string[], columns = figures.length): string {
  const sizes = figures.map((f) => {
    const m = /width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/.exec(f);
    return { w: Number(m?.[1] ?? 500), h: Number(m?.[2] ?? 400) };
  });
  const cellW = Math.max(...sizes.map((s) => s.w));
  const cellH = Math.max(...sizes.map((s) => s.h));
  const rows = Math.ceil(figures.length / columns);
  const inner = figures
    .map((f, i) => f.replace('<svg ', `<svg x="${(i % columns) * cellW}" y="${Math.floor(i / columns) * cellH}" `))
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${cellW * columns}" height="${cellH * rows}" viewBox="0 0 ${cellW * columns} ${cellH * rows}">\n${inner}\n</svg>\n`;
}
