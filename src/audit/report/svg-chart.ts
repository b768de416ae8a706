// The public-posterior chart of one chain as inline SVG markup (for the HTML report): π_k over agents, the
// cascade region shaded, the herding onset marked. Every label is escaped; the path count is bounded.
import type { StepRecord } from '../../shared/step-record';
import { agentTicks, cascadeOnset, cascadeRects, decimate, linePath, posteriorPoints, rectsPath, xOf, yOf, type Frame } from '../../shared/chart-geometry';
import { escapeHtml } from './html-escape';

const MAX_LINES = 6;

export interface ChartOptions {
  states: readonly string[];
  agents: number;
  width?: number;
  height?: number;
}

export function posteriorChartSvg(steps: readonly StepRecord[], options: ChartOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? 220;
  const last = steps[steps.length - 1];
  const f: Frame = { width, height, left: 44, right: 16, top: 22, bottom: 34, maxAgent: Math.max(options.agents, last?.index ?? 0, 1) };
  const bottom = height - f.bottom;
  const onset = cascadeOnset(steps);
  const states = options.states.slice(0, MAX_LINES);
  const parts: string[] = [];
  parts.push(`<path class="grid" d="${[0, 0.25, 0.5, 0.75, 1].map((p) => `M${f.left} ${yOf(f, p).toFixed(1)}H${width - f.right}`).join('')}"/>`);
  for (const p of [0, 0.5, 1]) parts.push(`<text class="tick" x="${f.left - 6}" y="${yOf(f, p).toFixed(1)}" text-anchor="end" dominant-baseline="middle">${p.toFixed(1)}</text>`);
  const ticks = agentTicks(f.maxAgent);
  parts.push(`<path class="axis" d="M${f.left} ${bottom}H${width - f.right}${ticks.map((t) => `M${xOf(f, t).toFixed(1)} ${bottom}v4`).join('')}"/>`);
  for (const t of ticks) parts.push(`<text class="tick" x="${xOf(f, t).toFixed(1)}" y="${bottom + 15}" text-anchor="middle">${t}</text>`);
  parts.push(`<text class="tick" x="${width - f.right}" y="${height - 4}" text-anchor="end">agent</text>`);
  parts.push(`<path class="cascade" d="${rectsPath(cascadeRects(f, steps))}"/>`);
  const columns = Math.floor(width - f.left - f.right);
  states.forEach((_, s) => parts.push(`<path class="line s${s}" d="${linePath(decimate(posteriorPoints(f, steps, s), columns))}"/>`));
  if (onset !== null) {
    const x = xOf(f, onset);
    const right = x > width - 170;
    parts.push(`<g class="onset" data-agent="${Number(onset)}"><line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${f.top - 4}" y2="${bottom}"/><text x="${(right ? x - 6 : x + 6).toFixed(1)}" y="${f.top + 12}" text-anchor="${right ? 'end' : 'start'}">herding begins at agent ${onset}</text></g>`);
  }
  const legend = states.map((name, s) => `<span class="key"><span class="swatch s${s}"></span>π(${escapeHtml(name)})</span>`).join('');
  const more = options.states.length > MAX_LINES ? `<span class="key">(first ${MAX_LINES} of ${options.states.length} states)</span>` : '';
  const label = `Public posterior over ${steps.length} agents. ${onset === null ? 'No herding.' : `Herding begins at agent ${onset}.`}`;
  return `<figure class="chart"><div class="legend">${legend}<span class="key"><span class="swatch cascade-key"></span>cascade (herding region)</span>${more}</div><svg class="posterior" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">${parts.join('')}</svg></figure>`;
}
