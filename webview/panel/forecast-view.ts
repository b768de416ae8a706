// The herding-risk forecast beside what happened (issue 10 §3), under the dataset overview: per true state, the
// observed herding and wrong-herd rates (k/n, Wilson 95%) next to the forecast for the run's own model, a marker in
// words, and a strip chart (observed interval and dot, forecast diamond with its Monte Carlo interval if any).
// Every string from the host (state names, the reason) becomes a text node.
import type { RunHeader } from '../../src/shared/protocol';
import {
  CONSISTENCY_RULE,
  consistencyText,
  forecastMethodText,
  forecastValueText,
  observedText,
  type ObservedVsForecast,
  type RunForecast,
  type StateComparison,
} from '../../src/shared/run-forecast';
import { el, replaceChildren, svg } from './dom';
import { labelOf, snippet } from './format';

export class ForecastView {
  readonly element = el('section', { class: 'forecast-beside', 'aria-label': 'Forecast beside what happened', hidden: true });

  update(header: RunHeader, forecast: RunForecast | null): void {
    this.element.hidden = forecast === null || header.kind !== 'dataset';
    if (!forecast || this.element.hidden) return;
    this.element.dataset.status = forecast.status;
    const title = el('h2', { class: 'forecast-title' }, "Forecast vs what happened (the profile's model, before any call)");
    if (forecast.status === 'pending') {
      replaceChildren(
        this.element,
        title,
        el('p', { class: 'forecast-note muted', role: 'status' }, 'Computing the herding-risk forecast for this run’s profile…'),
      );
      return;
    }
    if (forecast.status === 'unavailable') {
      replaceChildren(this.element, title, el('p', { class: 'forecast-note muted', 'data-reason': '' }, `No forecast: ${forecast.reason}`));
      return;
    }
    const { comparison: c, method } = forecast;
    replaceChildren(
      this.element,
      title,
      el(
        'p',
        { class: 'forecast-note muted' },
        `${c.agents} agents per row · ${forecastMethodText(method)} · forecast P(herded by agent ${c.agents}) and P(herds on a wrong action) per true state, beside the labelled rows.`,
      ),
      this.table(header, c.agents, c.states),
      stripChart(header, c.states, c.exact),
      el('p', { class: 'forecast-note muted' }, `${CONSISTENCY_RULE}.`),
    );
  }

  /** Per true state a heading row and two rows (herded by N, wrong herd), as `herdscope overview` prints them. */
  private table(header: RunHeader, agents: number, states: StateComparison[]): HTMLElement {
    const head = el(
      'tr',
      {},
      ...['measure', 'observed (k/n, Wilson 95%)', 'forecast', 'verdict'].map((h) => el('th', { scope: 'col' }, h)),
    );
    const row = (s: StateComparison, side: ObservedVsForecast, what: 'herding' | 'wrong') =>
      el(
        'tr',
        { 'data-state': s.state, 'data-measure': what },
        el('td', {}, what === 'herding' ? `herded by agent ${agents}` : 'wrong herd'),
        el('td', { class: 'num', 'data-cell': `${what}-observed` }, observedText(side)),
        el('td', { class: 'num', 'data-cell': `${what}-forecast` }, forecastValueText(side)),
        el('td', { class: `verdict ${verdictClass(side)}`, 'data-cell': `${what}-verdict` }, consistencyText(side)),
      );
    const groups = states.map((s) =>
      el(
        'tbody',
        { 'data-state': s.state },
        el('tr', { class: 'state-row' }, el('th', { scope: 'rowgroup', colspan: 4 }, `true state: ${labelOf(header.states, s.state)}`)),
        row(s, s.herding, 'herding'),
        row(s, s.wrongHerd, 'wrong'),
      ),
    );
    return el('div', { class: 'forecast-table-wrap' }, el('table', { class: 'forecast-table' }, el('thead', {}, head), ...groups));
  }
}

const verdictClass = (s: ObservedVsForecast) => (s.consistent === null ? 'none' : s.consistent ? 'consistent' : 'inconsistent');

// Strip chart geometry, in CSS pixels (the SVG is drawn at 1:1 and never scaled up).
const W = 600;
const LEFT = 190;
const RIGHT = 24;
const ROW = 22;
const TOP = 30;
const AXIS = 26;

/** One track per state and measure on a 0–100% axis; every mark is a data-series named by the legend. */
function stripChart(header: RunHeader, states: StateComparison[], exact: boolean): SVGElement {
  const tracks = states.flatMap((s) => [
    { s, side: s.herding, label: `${snippet(labelOf(header.states, s.state), 14)}: herded` },
    { s, side: s.wrongHerd, label: `${snippet(labelOf(header.states, s.state), 14)}: wrong herd` },
  ]);
  const height = TOP + tracks.length * ROW + AXIS;
  const x = (p: number) => LEFT + (W - LEFT - RIGHT) * Math.max(0, Math.min(1, p));
  const bottom = TOP + tracks.length * ROW;
  const children: SVGElement[] = [];
  // Legend on top: what each mark plots.
  children.push(
    svg('circle', { class: 'observed-mark', cx: 12, cy: 12, r: 4, 'data-series': 'observed' }),
    svg(
      'text',
      { class: 'legend', x: 20, y: 12, 'dominant-baseline': 'middle', 'data-label-for': 'observed' },
      'observed rate, line: Wilson 95% CI',
    ),
    svg('path', { class: 'forecast-mark', d: diamond(262, 12), 'data-series': 'forecast' }),
    svg(
      'text',
      { class: 'legend', x: 272, y: 12, 'dominant-baseline': 'middle', 'data-label-for': 'forecast' },
      exact ? 'forecast (exact)' : 'forecast, line: Monte Carlo 95% interval',
    ),
  );
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    children.push(
      svg('path', { class: 'grid', d: `M${x(tick).toFixed(1)} ${TOP - 4}V${bottom}` }),
      svg(
        'text',
        { class: 'tick', x: x(tick).toFixed(1), y: bottom + 14, 'text-anchor': tick === 0 ? 'start' : tick === 1 ? 'end' : 'middle' },
        `${tick * 100}%`,
      ),
    );
  }
  tracks.forEach(({ s, side, label }, i) => {
    const y = TOP + i * ROW + ROW / 2;
    children.push(svg('text', { class: 'track-label', x: LEFT - 8, y, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, label));
    const o = side.observed;
    const group = svg('g', { class: `track ${verdictClass(side)}`, 'data-state': s.state });
    if (o.rate !== null && o.interval !== null) {
      group.append(
        svg('path', {
          class: 'observed-ci',
          d: `M${x(o.interval[0]).toFixed(1)} ${y}H${x(o.interval[1]).toFixed(1)}`,
          'data-series': 'observed',
        }),
        svg('circle', { class: 'observed-mark', cx: x(o.rate).toFixed(1), cy: y, r: 4, 'data-series': 'observed' }),
      );
    }
    if (side.forecastInterval)
      group.append(
        svg('path', {
          class: 'forecast-ci',
          d: `M${x(side.forecastInterval[0]).toFixed(1)} ${y + 6}H${x(side.forecastInterval[1]).toFixed(1)}`,
          'data-series': 'forecast',
        }),
      );
    group.append(svg('path', { class: 'forecast-mark', d: diamond(x(side.forecast), y), 'data-series': 'forecast' }));
    children.push(group);
  });
  children.push(svg('text', { class: 'tick', x: LEFT - 8, y: bottom + 14, 'text-anchor': 'end' }, 'share of labelled rows'));
  return svg(
    'svg',
    {
      class: 'forecast-chart',
      width: W,
      height,
      viewBox: `0 0 ${W} ${height}`,
      role: 'img',
      'aria-label': 'Observed herding and wrong-herd rates per true state with their 95% intervals, beside the forecast',
    },
    ...children,
  );
}

function diamond(cx: number, cy: number, r = 5): string {
  return `M${cx.toFixed(1)} ${cy - r}L${(cx + r).toFixed(1)} ${cy}L${cx.toFixed(1)} ${cy + r}L${(cx - r).toFixed(1)} ${cy}Z`;
}
