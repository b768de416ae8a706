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
import { forecastStrip, verdictClass, type Mark } from '../../src/shared/forecast-strip';
import { el, replaceChildren, svg } from './dom';
import { labelOf } from './format';

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
      draw(forecastStrip(c.states, (i) => labelOf(header.states, i), c.exact)),
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

/** The shared strip chart's marks as SVG elements (attributes through the safe list, text as text nodes). */
function draw(mark: Mark): SVGElement {
  return svg(mark.tag, mark.attrs, mark.text ?? null, ...(mark.children ?? []).map(draw));
}
