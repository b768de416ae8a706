// The public-posterior chart: π_k over agents, cascade region shaded, the herding onset marked,
// the optimal stopping threshold and the slider's controller threshold when the host sent them. Plain SVG; a bounded number of nodes at any chain length.
import type { ControlOverlay, OptimalThreshold, RunHeader } from '../../src/shared/protocol';
import type { StepRecord } from '../../src/shared/step-record';
import { agentAt, agentTicks, cascadeOnset, cascadeRanges, cascadeRects, decimate, linePath, posteriorPoints, rectsPath, xOf, yOf, type Frame } from '../../src/shared/chart-geometry';
import { argmax } from './herding';
import { el, svg, replaceChildren } from './dom';
import { labelOf, prob } from './format';

/** Above this many states the chart plots one chosen state plus a band of the most probable state. */
const MAX_LINES = 4;
const HEIGHT = 240;
const BAND = 10;

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
  private readonly legend = el('div', { class: 'chart-legend', role: 'group', 'aria-label': 'Chart legend' }, this.chooser, this.legendKeys);
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
    const chosen = input.chosenState !== null && input.chosenState < states.length ? input.chosenState : last ? argmax(last.publicBeliefAfter) : 0;
    const width = Math.max(320, Math.round(this.plot.clientWidth || 640));
    const maxAgent = Math.max(header.agents, last?.index ?? 0, 1);
    const f: Frame = { width, height: HEIGHT, left: 44, right: 16, top: 22, bottom: manyStates ? 34 + BAND + 6 : 34, maxAgent };
    this.frame = f;
    const columns = Math.max(1, Math.floor(width - f.left - f.right));

    const root = svg('svg', { class: 'chart-svg', viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT, role: 'img', 'aria-label': this.summary(input) });
    root.appendChild(this.grid(f));
    root.appendChild(this.cascadeShade(f, steps));

    const series = manyStates ? [chosen] : states.map((_, i) => i);
    for (const s of series) root.appendChild(svg('path', { class: `series series-${s % 8}`, d: linePath(decimate(posteriorPoints(f, steps, s), columns)), 'data-state': s }));
    if (manyStates) for (const node of this.mapBand(f, steps, states.length)) root.appendChild(node);

    const onset = cascadeOnset(steps);
    if (onset !== null) root.appendChild(this.onsetMarker(f, onset));
    const herdTicks = steps.filter((s) => s.herding).map((s) => xOf(f, s.index));
    if (herdTicks.length > 0) root.appendChild(svg('path', { class: 'herd-ticks', d: herdTicks.map((x) => `M${x.toFixed(1)} ${f.top - 8}l-3 -5h6z`).join('') }));
    const optimal = input.control?.optimal;
    if (optimal) root.appendChild(this.optimalLine(f, optimal, states));
    const sameAsOptimal = optimal && optimal.threshold === input.control?.threshold && optimal.stateIndex === input.control.stateIndex;
    if (input.control && !sameAsOptimal) root.appendChild(this.thresholdLine(f, input.control, states));
    if (input.focusedAgent !== null && input.focusedAgent <= maxAgent) {
      const x = xOf(f, input.focusedAgent);
      root.appendChild(svg('line', { class: 'focus-line', x1: x, x2: x, y1: f.top, y2: f.height - f.bottom }));
    }
    replaceChildren(this.plot, root);
    this.drawLegend(header, series, manyStates, chosen, onset !== null);
    this.caption.textContent = this.summary(input);
  }

  private grid(f: Frame): SVGElement {
    const g = svg('g', { class: 'grid', 'aria-hidden': 'true' });
    const bottom = f.height - f.bottom;
    const lines = [0, 0.25, 0.5, 0.75, 1].map((p) => `M${f.left} ${yOf(f, p).toFixed(1)}H${f.width - f.right}`).join('');
    g.appendChild(svg('path', { class: 'grid-lines', d: lines }));
    for (const p of [0, 0.5, 1]) g.appendChild(svg('text', { class: 'tick-label', x: f.left - 6, y: yOf(f, p), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, p.toFixed(1)));
    const ticks = agentTicks(f.maxAgent);
    g.appendChild(svg('path', { class: 'axis', d: `M${f.left} ${bottom}H${f.width - f.right}` + ticks.map((t) => `M${xOf(f, t).toFixed(1)} ${bottom}v4`).join('') }));
    for (const t of ticks) g.appendChild(svg('text', { class: 'tick-label', x: xOf(f, t), y: bottom + 15, 'text-anchor': 'middle' }, String(t)));
    g.appendChild(svg('text', { class: 'axis-title', x: f.width - f.right, y: f.height - 4, 'text-anchor': 'end' }, 'agent'));
    g.appendChild(svg('text', { class: 'axis-title', x: 4, y: 12 }, 'public belief π'));
    return g;
  }

  private cascadeShade(f: Frame, steps: readonly StepRecord[]): SVGElement {
    return svg('path', { class: 'cascade-region', d: rectsPath(cascadeRects(f, steps)), 'data-ranges': cascadeRanges(steps).map(([a, b]) => `${a}-${b}`).join(',') });
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
    return byState.map((rects, state) => svg('path', { class: `map-band series-fill-${state % 8}`, d: rectsPath(rects), 'data-state': state }));
  }

  private onsetMarker(f: Frame, agent: number): SVGElement {
    const x = xOf(f, agent);
    const text = `herding begins at agent ${agent}`;
    const nearRight = x > f.width - 170;
    return svg(
      'g',
      { class: 'herding-marker', 'data-agent': agent },
      svg('line', { x1: x, x2: x, y1: f.top - 4, y2: f.height - f.bottom }),
      svg('text', { x: nearRight ? x - 6 : x + 6, y: f.top + 12, 'text-anchor': nearRight ? 'end' : 'start' }, text),
    );
  }

  private thresholdLine(f: Frame, control: ControlOverlay, states: readonly string[]): SVGElement {
    const y = yOf(f, control.threshold);
    return svg(
      'g',
      { class: 'threshold', 'data-threshold': control.threshold },
      svg('line', { x1: f.left, x2: f.width - f.right, y1: y, y2: y }),
      svg('text', { x: f.left + 4, y: labelY(f, y) }, `controller threshold π(${labelOf(states, control.stateIndex)}) = ${prob(control.threshold)}`),
    );
  }

  /** The optimal stopping threshold, labelled at the right so it does not collide with the slider's label. */
  private optimalLine(f: Frame, optimal: OptimalThreshold, states: readonly string[]): SVGElement {
    const y = yOf(f, optimal.threshold);
    return svg(
      'g',
      { class: 'optimal-threshold', 'data-threshold': optimal.threshold, 'data-state': optimal.stateIndex, 'data-orientation': optimal.orientation },
      svg('line', { x1: f.left, x2: f.width - f.right, y1: y, y2: y }),
      svg('text', { x: f.width - f.right - 4, y: labelY(f, y), 'text-anchor': 'end' }, `optimal threshold π*(${labelOf(states, optimal.stateIndex)}) = ${prob(optimal.threshold)}`),
    );
  }

  private drawLegend(header: RunHeader, series: number[], manyStates: boolean, chosen: number, hasOnset: boolean): void {
    const entries: HTMLElement[] = series.map((s) => el('span', { class: 'legend-entry' }, el('span', { class: `swatch series-fill-${s % 8}`, 'aria-hidden': 'true' }), `π(${labelOf(header.states, s)})`));
    entries.push(el('span', { class: 'legend-entry' }, el('span', { class: 'swatch cascade-swatch', 'aria-hidden': 'true' }), 'cascade (herding region)'));
    if (this.input?.control?.optimal) entries.push(el('span', { class: 'legend-entry' }, el('span', { class: 'swatch optimal-swatch', 'aria-hidden': 'true' }), 'optimal threshold'));
    if (hasOnset) entries.push(el('span', { class: 'legend-entry' }, el('span', { class: 'swatch marker-swatch', 'aria-hidden': 'true' }), 'herding onset'));
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
    const final = last ? ` Final public belief: ${input.header.states.map((s, i) => `${s} ${prob(last.publicBeliefAfter[i] ?? 0)}`).join(', ')}.` : '';
    return `Public posterior over ${n} agent${n === 1 ? '' : 's'}. ${onset === null ? 'No herding so far.' : `Herding begins at agent ${onset}.`}${final}`;
  }
}

/** A line's label sits above it, or below when the line is near the top of the plot. */
function labelY(f: Frame, y: number): number {
  return y - 4 < f.top + 10 ? y + 13 : y - 4;
}
