// The public-posterior chart of one chain as inline SVG markup (for the HTML report): π_k over agents, the
// cascade region shaded, the herding onset marked. Every label is escaped; the path count is bounded.
import type { StepRecord } from '../../shared/step-record';
import {
  agentTicks,
  cascadeOnset,
  cascadeRects,
  decimate,
  linePath,
  posteriorPoints,
  rectsPath,
  xOf,
  yOf,
  type Frame,
} from '../../shared/chart-geometry';
import { escapeHtml } from './html-escape';
import { boxOf, estimateTextWidth, placeLabels, type Box, type LabelRequest } from '../../shared/label-layout';

const MAX_LINES = 6;

export interface ChartOptions {
  states: readonly string[];
  agents: number;
  width?: number;
  height?: number;
}

const FONT = 11;
const LINE = 14;

export function posteriorChartSvg(steps: readonly StepRecord[], options: ChartOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? 280;
  const last = steps[steps.length - 1];
  const f: Frame = { width, height, left: 44, right: 16, top: 26, bottom: 34, maxAgent: Math.max(options.agents, last?.index ?? 0, 1) };
  const bottom = height - f.bottom;
  const onset = cascadeOnset(steps);
  const states = options.states.slice(0, MAX_LINES);
  const parts: string[] = [];
  parts.push(
    `<path class="grid" d="${[0, 0.25, 0.5, 0.75, 1].map((p) => `M${f.left} ${yOf(f, p).toFixed(1)}H${width - f.right}`).join('')}"/>`,
  );
  for (const p of [0, 0.5, 1])
    parts.push(
      `<text class="tick" x="${f.left - 6}" y="${yOf(f, p).toFixed(1)}" text-anchor="end" dominant-baseline="central">${p.toFixed(1)}</text>`,
    );
  const ticks = agentTicks(f.maxAgent);
  parts.push(
    `<path class="axis" d="M${f.left} ${bottom}H${width - f.right}${ticks.map((t) => `M${xOf(f, t).toFixed(1)} ${bottom}v4`).join('')}"/>`,
  );
  for (const t of ticks) parts.push(`<text class="tick" x="${xOf(f, t).toFixed(1)}" y="${bottom + 15}" text-anchor="middle">${t}</text>`);
  parts.push(`<text class="tick" x="${width - f.right}" y="${height - 4}" text-anchor="end">agent</text>`);
  const axisTitle = 'public belief π';
  parts.push(`<text class="tick" x="4" y="10" dominant-baseline="central">${axisTitle}</text>`);
  parts.push(`<path class="cascade" d="${rectsPath(cascadeRects(f, steps))}"/>`);
  const columns = Math.floor(width - f.left - f.right);

  // Labels, most important first: the herding onset, then each line's name at its right end.
  // The lines' last stretch (where their names go): labels keep off it rather than sit on a line.
  const lineEnds: Box[] = [];
  const labels: { text: string; cls: string; request: LabelRequest; series?: number }[] = [];
  const onsetX = onset === null ? 0 : xOf(f, onset);
  if (onset !== null) {
    const text = `herding begins at agent ${onset}`;
    labels.push({
      text,
      cls: 'onset-label',
      request: {
        x: onsetX + 6,
        y: f.top + 8,
        width: estimateTextWidth(text, FONT, true) + 2,
        height: LINE,
        anchor: 'start',
        alternatives: [{ x: onsetX - 6, anchor: 'end' }],
      },
    });
  }
  states.forEach((name, s) => {
    const points = posteriorPoints(f, steps, s);
    if (points.length === 0) return;
    parts.push(`<path class="line s${s}" data-series="${s}" d="${linePath(decimate(points, columns))}"/>`);
    const end = points[points.length - 1];
    if (!end) return;
    lineEnds.push({ x0: end[0] - 140, x1: end[0], y0: end[1] - 1.5, y1: end[1] + 1.5 });
    const text = `π(${name})`;
    labels.push({
      text,
      cls: `series-label s${s}`,
      series: s,
      request: {
        x: end[0] - 2,
        y: end[1] - 11,
        width: estimateTextWidth(text, FONT, true) + 2,
        height: LINE,
        anchor: 'end',
        alternatives: [{ x: end[0] + 2, anchor: 'start' }],
      },
    });
  });
  const obstacles = [boxOf(4, 10, estimateTextWidth(axisTitle, FONT), LINE, 'start'), ...lineEnds];
  const placed = placeLabels(
    labels.map((l) => l.request),
    { x0: f.left + 2, y0: 2, x1: width - 2, y1: bottom - 2 },
    obstacles,
  );
  const texts = labels.map((l, i) => {
    const p = placed[i];
    return `<text class="${l.cls}"${l.series === undefined ? '' : ` data-label-for="${l.series}"`} x="${p.x.toFixed(1)}" y="${p.y.toFixed(1)}" text-anchor="${p.anchor}" dominant-baseline="central">${escapeHtml(l.text)}</text>`;
  });
  if (onset !== null)
    parts.push(
      `<g class="onset" data-agent="${Number(onset)}"><line x1="${onsetX.toFixed(1)}" x2="${onsetX.toFixed(1)}" y1="${f.top - 4}" y2="${bottom}"/>${texts.shift()}</g>`,
    );
  parts.push(...texts);
  const legend = states.map((name, s) => `<span class="key"><span class="swatch s${s}"></span>π(${escapeHtml(name)})</span>`).join('');
  const more = options.states.length > MAX_LINES ? `<span class="key">(first ${MAX_LINES} of ${options.states.length} states)</span>` : '';
  const label = `Public posterior over ${steps.length} agents. ${onset === null ? 'No herding.' : `Herding begins at agent ${onset}.`}`;
  return `<figure class="chart"><div class="legend">${legend}<span class="key"><span class="swatch cascade-key"></span>cascade (herding region)</span>${more}</div><svg class="posterior" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">${parts.join('')}</svg></figure>`;
}
