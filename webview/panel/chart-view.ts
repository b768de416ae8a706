// The public-posterior chart: π_k over agents, cascade region shaded, the herding onset marked,
// the optimal stopping threshold and the slider's controller threshold when the host sent them. Plain SVG; a bounded number of nodes at any chain length.
import type { ControlOverlay, OptimalThreshold, RunHeader } from '../../src/shared/protocol';
import type { StepRecord } from '../../src/shared/step-record';
import {
  agentAt,
  agentTicks,
  cascadeOnset,
  cascadeRanges,
  cascadeRects,
  decimate,
  linePath,
  posteriorPoints,
  rectsPath,
  xOf,
  yOf,
  type Frame,
} from '../../src/shared/chart-geometry';
import { placeLabels, type Anchor, type Box } from '../../src/shared/label-layout';
import { argmax } from './herding';
import { el, svg, replaceChildren } from './dom';
import { labelOf, prob } from './format';

/** Above this many states the chart plots one chosen state plus a band of the most probable state. */
const MAX_LINES = 4;
const BAND = 10;
/** Label line height for the chart's 11px text. */
const LINE = 14;

/** The chart's height: a share of the viewport, within readable bounds. */
function chartHeight(): number {
  return Math.round(Math.min(460, Math.max(240, window.innerHeight * 0.36)));
}

/** A text label the layout places: `x`/`y` the preferred spot (y = vertical centre). */
interface Label {
  node: SVGTextElement;
  x: number;
  y: number;
  anchor: Anchor;
  alternatives?: { x: number; anchor: Anchor }[];
}

export interface ChartInput {
  header: RunHeader;
  steps: readonly StepRecord[];
  control: ControlOverlay | null;
  chosenState: number | null;
  focusedAgent: number | null;
}

export class PosteriorChart {
  readonly element: HTMLElement;
  private readonly select = el('select', { class: 'state-select', 'aria-label': 'State to plot' });
  private readonly chooser = el('label', { class: 'legend-entry' }, 'plot ', this.select);
  private chooserStates = '';
  private readonly legendKeys = el('span', { class: 'legend-keys' });
  private readonly legend = el(
    'div',
    { class: 'chart-legend', role: 'group', 'aria-label': 'Chart legend' },
    this.chooser,
    this.legendKeys,
  );
  private readonly plot = el('div', { class: 'chart-plot' });
  private readonly caption = el('figcaption', { class: 'visually-hidden' });
  private input: ChartInput | null = null;
  private frame: Frame | null = null;

  constructor(
    private readonly onPickAgent: (agent: number) => void,
    private readonly onChooseState: (state: number) => void,
  ) {
    this.element = el('figure', { class: 'chart', 'aria-label': 'Public posterior over agents' }, this.legend, this.plot, this.caption);
    new ResizeObserver(() => this.draw()).observe(this.plot);
    window.addEventListener('resize', () => this.draw());
    this.select.addEventListener('change', () => this.onChooseState(Number(this.select.value)));
    this.plot.addEventListener('click', (event) => {
      if (!this.frame) return;
      const box = this.plot.getBoundingClientRect();
      const agent = agentAt(this.frame, ((event.clientX - box.left) / box.width) * this.frame.width);
      if (agent >= 1) this.onPickAgent(agent);
    });
  }

  update(input: ChartInput): void {
    this.input = input;
    this.draw();
  }

  private draw(): void {
    const input = this.input;
    if (!input) return;
    const { header, steps } = input;
    const states = header.states;
    const manyStates = states.length > MAX_LINES;
    const last = steps[steps.length - 1];
    const chosen =
      input.chosenState !== null && input.chosenState < states.length ? input.chosenState : last ? argmax(last.publicBeliefAfter) : 0;
    const width = Math.max(320, Math.round(this.plot.clientWidth || 640));
    const height = chartHeight();
    const maxAgent = Math.max(header.agents, last?.index ?? 0, 1);
    const f: Frame = { width, height, left: 44, right: 16, top: 26, bottom: manyStates ? 34 + BAND + 6 : 34, maxAgent };
    this.frame = f;
    const columns = Math.max(1, Math.floor(width - f.left - f.right));
    const optimal = input.control?.optimal;
    const control = input.control;
    const sameAsOptimal = optimal && optimal.threshold === control?.threshold && optimal.stateIndex === control.stateIndex;

    const root = svg('svg', {
      class: 'chart-svg',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-label': this.summary(input),
    });
    const axisTitle = svg(
      'text',
      { class: 'axis-title', x: 4, y: 12, 'dominant-baseline': 'central' },
      'public belief π',
    ) as SVGTextElement;
    root.appendChild(this.grid(f));
    root.appendChild(axisTitle);
    root.appendChild(this.cascadeShade(f, steps));

    // A threshold is drawn only against the line of the state it refers to: with many states, that state is plotted too.
    const thresholdStates = [optimal?.stateIndex, control?.stateIndex].filter(
      (s): s is number => s !== undefined && s >= 0 && s < states.length,
    );
    const series = manyStates ? [...new Set([chosen, ...thresholdStates])] : states.map((_, i) => i);
    const labels: Label[] = [];
    const lineLabels: Label[] = [];
    // The lines' last stretch (where their names go): labels keep off it rather than sit on a line.
    const lineEnds: Box[] = [];
    for (const s of series) {
      const points = posteriorPoints(f, steps, s);
      root.appendChild(
        svg('path', { class: `series series-${s % 8}`, d: linePath(decimate(points, columns)), 'data-state': s, 'data-series': s }),
      );
      const end = points[points.length - 1];
      if (!end) continue;
      const node = svg(
        'text',
        { class: `series-label series-text-${s % 8}`, 'data-label-for': s, 'data-state': s },
        `π(${labelOf(states, s)})`,
      ) as SVGTextElement;
      lineLabels.push({ node, x: end[0] - 2, y: end[1] - 11, anchor: 'end' });
      lineEnds.push({ x0: end[0] - 140, x1: end[0], y0: end[1] - 1.5, y1: end[1] + 1.5 });
    }
    if (manyStates) for (const node of this.mapBand(f, steps, states.length)) root.appendChild(node);

    const onset = cascadeOnset(steps);
    if (onset !== null) root.appendChild(this.onsetMarker(f, onset, labels));
    const herdTicks = steps.filter((s) => s.herding).map((s) => xOf(f, s.index));
    if (herdTicks.length > 0)
      root.appendChild(svg('path', { class: 'herd-ticks', d: herdTicks.map((x) => `M${x.toFixed(1)} ${f.top - 8}l-3 -5h6z`).join('') }));
    if (optimal && optimal.stateIndex < states.length) root.appendChild(this.optimalLine(f, optimal, states, labels));
    if (control && !sameAsOptimal && control.stateIndex < states.length) root.appendChild(this.thresholdLine(f, control, states, labels));
    labels.push(...lineLabels);
    for (const l of lineLabels) root.appendChild(l.node);
    if (input.focusedAgent !== null && input.focusedAgent <= maxAgent) {
      const x = xOf(f, input.focusedAgent);
      root.appendChild(svg('line', { class: 'focus-line', x1: x, x2: x, y1: f.top, y2: f.height - f.bottom }));
    }
    replaceChildren(this.plot, root);
    // Labels keep clear of the axis title and of the marker and threshold lines (a dashed line through text hides it).
    const plotRight = f.width - f.right;
    const lineBoxes: Box[] = [...lineEnds];
    if (onset !== null) lineBoxes.push({ x0: xOf(f, onset) - 1.5, x1: xOf(f, onset) + 1.5, y0: f.top - 4, y1: f.height - f.bottom });
    for (const t of [
      optimal && optimal.stateIndex < states.length ? optimal.threshold : null,
      control && !sameAsOptimal ? control.threshold : null,
    ]) {
      if (t !== null) lineBoxes.push({ x0: f.left, x1: plotRight, y0: yOf(f, t) - 1.5, y1: yOf(f, t) + 1.5 });
    }
    this.placeLabels(f, labels, [boxOfNode(axisTitle), ...lineBoxes]);
    this.drawLegend(header, series, manyStates, chosen, onset !== null);
    this.caption.textContent = this.summary(input);
  }

  /** Measures the rendered labels and moves them so that none overlaps another, the axis title, or leaves the chart. */
  private placeLabels(f: Frame, labels: Label[], obstacles: Box[]): void {
    const requests = labels.map((l) => ({
      x: l.x,
      y: l.y,
      width: l.node.getComputedTextLength() + 2,
      height: LINE,
      anchor: l.anchor,
      alternatives: l.alternatives,
    }));
    const placed = placeLabels(requests, { x0: f.left + 2, y0: 2, x1: f.width - 2, y1: f.height - f.bottom - 2 }, obstacles);
    labels.forEach((l, i) => {
      const p = placed[i];
      l.node.setAttribute('x', p.x.toFixed(1));
      l.node.setAttribute('y', p.y.toFixed(1));
      l.node.setAttribute('text-anchor', p.anchor);
      l.node.setAttribute('dominant-baseline', 'central');
    });
  }

  private grid(f: Frame): SVGElement {
    const g = svg('g', { class: 'grid', 'aria-hidden': 'true' });
    const bottom = f.height - f.bottom;
    const lines = [0, 0.25, 0.5, 0.75, 1].map((p) => `M${f.left} ${yOf(f, p).toFixed(1)}H${f.width - f.right}`).join('');
    g.appendChild(svg('path', { class: 'grid-lines', d: lines }));
    for (const p of [0, 0.5, 1])
      g.appendChild(
        svg(
          'text',
          { class: 'tick-label', x: f.left - 6, y: yOf(f, p), 'text-anchor': 'end', 'dominant-baseline': 'middle' },
          p.toFixed(1),
        ),
      );
    const ticks = agentTicks(f.maxAgent);
    g.appendChild(
      svg('path', {
        class: 'axis',
        d: `M${f.left} ${bottom}H${f.width - f.right}` + ticks.map((t) => `M${xOf(f, t).toFixed(1)} ${bottom}v4`).join(''),
      }),
    );
    for (const t of ticks)
      g.appendChild(svg('text', { class: 'tick-label', x: xOf(f, t), y: bottom + 15, 'text-anchor': 'middle' }, String(t)));
    g.appendChild(svg('text', { class: 'axis-title', x: f.width - f.right, y: f.height - 4, 'text-anchor': 'end' }, 'agent'));
    return g;
  }

  private cascadeShade(f: Frame, steps: readonly StepRecord[]): SVGElement {
    return svg('path', {
      class: 'cascade-region',
      d: rectsPath(cascadeRects(f, steps)),
      'data-ranges': cascadeRanges(steps)
        .map(([a, b]) => `${a}-${b}`)
        .join(','),
    });
  }

  /** A strip under the plot coloured by the most probable state after each agent: one path per state. */
  private mapBand(f: Frame, steps: readonly StepRecord[], stateCount: number): SVGElement[] {
    const y0 = f.height - f.bottom + 20;
    const byState: { x0: number; x1: number; y0: number; y1: number }[][] = Array.from({ length: stateCount }, () => []);
    let runState = -1;
    let runStart = 0;
    let prevAgent = 0;
    const close = (endAgent: number) => {
      if (runState >= 0) byState[runState].push({ x0: xOf(f, runStart - 0.5), x1: xOf(f, endAgent + 0.5), y0, y1: y0 + BAND });
    };
    for (const s of steps) {
      const map = argmax(s.publicBeliefAfter);
      if (map !== runState) {
        close(prevAgent);
        runState = map;
        runStart = s.index;
      }
      prevAgent = s.index;
    }
    close(prevAgent);
    return byState.map((rects, state) =>
      svg('path', { class: `map-band series-fill-${state % 8}`, d: rectsPath(rects), 'data-state': state }),
    );
  }

  private onsetMarker(f: Frame, agent: number, labels: Label[]): SVGElement {
    const x = xOf(f, agent);
    const text = svg('text', { class: 'onset-label' }, `herding begins at agent ${agent}`) as SVGTextElement;
    labels.push({ node: text, x: x + 6, y: f.top + 8, anchor: 'start', alternatives: [{ x: x - 6, anchor: 'end' }] });
    return svg(
      'g',
      { class: 'herding-marker', 'data-agent': agent },
      svg('line', { x1: x, x2: x, y1: f.top - 4, y2: f.height - f.bottom }),
      text,
    );
  }

  private thresholdLine(f: Frame, control: ControlOverlay, states: readonly string[], labels: Label[]): SVGElement {
    const y = yOf(f, control.threshold);
    const text = svg(
      'text',
      {},
      `controller threshold π(${labelOf(states, control.stateIndex)}) = ${prob(control.threshold)}`,
    ) as SVGTextElement;
    labels.push({ node: text, x: f.left + 4, y: y - 11, anchor: 'start' });
    return svg(
      'g',
      { class: 'threshold', 'data-threshold': control.threshold, 'data-state': control.stateIndex },
      svg('line', { x1: f.left, x2: f.width - f.right, y1: y, y2: y }),
      text,
    );
  }

  /** The optimal stopping threshold, labelled at the right (the slider's label starts at the left). */
  private optimalLine(f: Frame, optimal: OptimalThreshold, states: readonly string[], labels: Label[]): SVGElement {
    const y = yOf(f, optimal.threshold);
    const text = svg(
      'text',
      {},
      `optimal threshold π*(${labelOf(states, optimal.stateIndex)}) = ${prob(optimal.threshold)}`,
    ) as SVGTextElement;
    labels.push({ node: text, x: f.width - f.right - 4, y: y - 11, anchor: 'end' });
    return svg(
      'g',
      {
        class: 'optimal-threshold',
        'data-threshold': optimal.threshold,
        'data-state': optimal.stateIndex,
        'data-orientation': optimal.orientation,
      },
      svg('line', { x1: f.left, x2: f.width - f.right, y1: y, y2: y }),
      text,
    );
  }

  private drawLegend(header: RunHeader, series: number[], manyStates: boolean, chosen: number, hasOnset: boolean): void {
    const entries: HTMLElement[] = series.map((s) =>
      el(
        'span',
        { class: 'legend-entry' },
        el('span', { class: `swatch series-fill-${s % 8}`, 'aria-hidden': 'true' }),
        `π(${labelOf(header.states, s)})`,
      ),
    );
    entries.push(
      el(
        'span',
        { class: 'legend-entry' },
        el('span', { class: 'swatch cascade-swatch', 'aria-hidden': 'true' }),
        'cascade (herding region)',
      ),
    );
    const optimal = this.input?.control?.optimal;
    if (optimal)
      entries.push(
        el(
          'span',
          { class: 'legend-entry' },
          el('span', { class: 'swatch optimal-swatch', 'aria-hidden': 'true' }),
          `optimal threshold π*(${labelOf(header.states, optimal.stateIndex)})`,
        ),
      );
    if (hasOnset)
      entries.push(
        el('span', { class: 'legend-entry' }, el('span', { class: 'swatch marker-swatch', 'aria-hidden': 'true' }), 'herding onset'),
      );
    if (manyStates) entries.push(el('span', { class: 'legend-entry' }, 'band: most probable state'));
    replaceChildren(this.legendKeys, ...entries);
    this.updateStateChooser(header.states, manyStates, chosen);
  }

  /** The state chooser stays the same element while steps stream, so keyboard focus on it survives redraws. */
  private updateStateChooser(states: readonly string[], visible: boolean, chosen: number): void {
    this.chooser.hidden = !visible;
    if (!visible) return;
    const key = JSON.stringify(states);
    if (key !== this.chooserStates) {
      this.chooserStates = key;
      replaceChildren(this.select, ...states.map((name, i) => el('option', { value: i }, name)));
    }
    if (document.activeElement !== this.select) this.select.value = String(chosen);
  }

  private summary(input: ChartInput): string {
    const onset = cascadeOnset(input.steps);
    const n = input.steps.length;
    const last = input.steps[n - 1];
    const final = last
      ? ` Final public belief: ${input.header.states.map((s, i) => `${s} ${prob(last.publicBeliefAfter[i] ?? 0)}`).join(', ')}.`
      : '';
    return `Public posterior over ${n} agent${n === 1 ? '' : 's'}. ${onset === null ? 'No herding so far.' : `Herding begins at agent ${onset}.`}${final}`;
  }
}

function boxOfNode(node: SVGGraphicsElement): Box {
  const b = node.getBBox();
  return { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
}
