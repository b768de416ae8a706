// The first screen of a dataset run: how often, how early and how wrongly the agents herded (with 95% intervals),
// the herding-step histogram, accuracy per agent position and the confusion table. Bars, the confusion table's
// label rows and the errors figure filter the item list. Numbers come from the host's DatasetOverview only.
import type { DatasetOverview, Rate } from '../../src/shared/dataset-overview';
import type { RunHeader } from '../../src/shared/protocol';
import { el, svg, replaceChildren } from './dom';
import { labelOf, usd } from './format';
import { environmentsSection } from './environments-view';
import type { ItemFilter } from './item-filter';

const percent = (p: number | null) => (p === null ? 'n/a' : `${(p * 100).toFixed(1)}%`);

function rateText(r: Rate): string {
  return r.n === 0 ? 'n/a' : `${percent(r.rate)} (95% CI ${percent(r.low)}–${percent(r.high)})`;
}

function ci(r: Rate): string {
  return r.n === 0 ? 'no data' : `95% CI ${percent(r.low)}–${percent(r.high)}`;
}

export class OverviewView {
  readonly element = el('section', { class: 'dataset-overview', 'aria-label': 'Dataset overview', hidden: true });

  constructor(private readonly onFilter: (filter: ItemFilter) => void) {}

  update(header: RunHeader, overview: DatasetOverview | null): void {
    this.element.hidden = overview === null;
    if (!overview) return;
    replaceChildren(
      this.element,
      el(
        'h2',
        { class: 'overview-title' },
        `Dataset overview · ${overview.items} rows${overview.labelled > 0 ? `, ${overview.labelled} labelled` : ''}`,
      ),
      this.headline(overview),
      el('div', { class: 'overview-charts' }, this.histogram(overview), this.accuracyByAgent(overview), this.confusion(header, overview)),
      environmentsSection(header, overview.rp),
    );
  }

  private headline(o: DatasetOverview): HTMLElement {
    const errorKinds = Object.entries(o.errors.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    const rows = (r: Rate, what: string) => `${r.k} of ${r.n} ${what}`;
    const figures: [field: string, name: string, value: string, detail: string, filter: ItemFilter | null][] = [
      ['herding', 'herding rate', percent(o.herding.rate), `${ci(o.herding)} · ${rows(o.herding, 'rows')}`, { kind: 'herded' }],
      [
        'herding-step',
        'mean herding step',
        o.meanHerdingStep === null ? 'none' : `agent ${o.meanHerdingStep.toFixed(1)}`,
        `over ${o.herding.k} herded rows`,
        null,
      ],
      [
        'wrong-herd',
        'wrong herds',
        percent(o.wrongHerd.rate),
        `${ci(o.wrongHerd)} · ${rows(o.wrongHerd, 'labelled rows')}`,
        o.wrongHerd.k > 0 ? { kind: 'wrong-herd' } : null,
      ],
      [
        'accuracy',
        'final belief accuracy',
        percent(o.accuracyFinal.rate),
        `${ci(o.accuracyFinal)} · ${rows(o.accuracyFinal, 'labelled rows')}`,
        null,
      ],
      [
        'accuracy-before',
        'accuracy before herding',
        percent(o.accuracyBeforeHerding.rate),
        `${ci(o.accuracyBeforeHerding)} · ${rows(o.accuracyBeforeHerding, 'agent steps')}`,
        null,
      ],
      [
        'accuracy-after',
        'accuracy in the herd',
        percent(o.accuracyAfterHerding.rate),
        `${ci(o.accuracyAfterHerding)} · ${rows(o.accuracyAfterHerding, 'agent steps')}`,
        null,
      ],
      [
        'errors',
        'errors',
        `${o.errors.steps} step${o.errors.steps === 1 ? '' : 's'}`,
        errorKinds || 'none',
        o.errors.steps > 0 ? { kind: 'errors' } : null,
      ],
      ['cost', 'tokens · cost', usd(o.costUsd), `${o.tokens.prompt} prompt + ${o.tokens.completion} completion tokens`, null],
    ];
    return el(
      'div',
      { class: 'overview-figures' },
      ...figures.map(([field, name, value, detail, filter]) => {
        const body = [
          el('span', { class: 'figure-name' }, name),
          el('span', { class: 'figure-value', 'data-field': field }, value),
          el('span', { class: 'figure-detail', 'data-detail': field }, detail),
        ];
        if (!filter) return el('div', { class: 'overview-figure' }, ...body);
        const button = el('button', { class: 'overview-figure clickable', type: 'button', title: `Show the items: ${name}` }, ...body);
        button.addEventListener('click', () => this.onFilter(filter));
        return button;
      }),
    );
  }

  /** One button per agent position; its height is the share of rows whose herding began there. */
  private histogram(o: DatasetOverview): HTMLElement {
    const max = Math.max(1, ...o.herdingStepHistogram);
    const bars = o.herdingStepHistogram.map((count, i) => {
      const agent = i + 1;
      const bar = el(
        'button',
        {
          class: 'bar',
          type: 'button',
          'data-agent': agent,
          'data-count': count,
          disabled: count === 0,
          'aria-label': `${count} row${count === 1 ? '' : 's'} began herding at agent ${agent}`,
          title: `agent ${agent}: ${count}`,
        },
        barFill(count / max, 'bar-fill'),
      );
      bar.addEventListener('click', () => this.onFilter({ kind: 'herded-at', agent }));
      return bar;
    });
    return el(
      'figure',
      { class: 'overview-chart histogram' },
      el('figcaption', {}, `Rows by the agent where herding began (tallest bar: ${max} row${max === 1 ? '' : 's'})`),
      el('div', { class: 'bars' }, ...bars),
      this.axis(o.herdingStepHistogram.length),
    );
  }

  private accuracyByAgent(o: DatasetOverview): HTMLElement {
    const bars = o.accuracyByAgent.map((r, i) =>
      el(
        'div',
        {
          class: 'bar static',
          'data-agent': i + 1,
          title: `agent ${i + 1}: ${rateText(r)}`,
          'aria-label': `agent ${i + 1}: ${rateText(r)}`,
        },
        barFill(r.rate ?? 0, 'bar-fill accuracy'),
      ),
    );
    return el(
      'figure',
      { class: 'overview-chart per-agent' },
      el('figcaption', {}, 'Accuracy by agent position (bar: share of labelled steps whose action fits the label, 0–100%)'),
      el('div', { class: 'bars' }, ...bars),
      this.axis(o.accuracyByAgent.length),
    );
  }

  private axis(n: number): HTMLElement {
    return el('div', { class: 'bars-axis', 'aria-hidden': 'true' }, el('span', {}, '1'), el('span', {}, `agent ${n}`));
  }

  /** label × final public action; a label's row header filters the items to that label, a cell to label and final action. */
  private confusion(header: RunHeader, o: DatasetOverview): HTMLElement {
    const actions = header.actions;
    const headRow = el('tr', {}, el('th', { scope: 'col' }, 'label \\ final action'), ...actions.map((a) => el('th', { scope: 'col' }, a)));
    const rows = o.confusion.map((row, label) => {
      const button = el('button', { class: 'label-filter', type: 'button', 'data-label': label }, labelOf(header.states, label));
      button.addEventListener('click', () => this.onFilter({ kind: 'label', label }));
      const cell = (n: number, action: number) => {
        const what = `label ${labelOf(header.states, label)}, final action ${labelOf(actions, action)}`;
        const b = el(
          'button',
          {
            class: 'confusion-cell',
            type: 'button',
            disabled: n === 0,
            'aria-label': `${n} row${n === 1 ? '' : 's'} with ${what}`,
            title: `Show the items with ${what}`,
          },
          String(n),
        );
        b.addEventListener('click', () => this.onFilter({ kind: 'confusion', label, action }));
        return el('td', { 'data-label': label, 'data-action': action }, b);
      };
      return el('tr', {}, el('th', { scope: 'row' }, button), ...row.map(cell));
    });
    return el(
      'figure',
      { class: 'overview-chart confusion' },
      el('figcaption', {}, 'Confusion: label × final action'),
      el('table', { class: 'confusion-table' }, el('thead', {}, headRow), el('tbody', {}, ...rows)),
    );
  }
}

/** A bar as SVG (inline styles are not allowed by the panel's CSP): a rect filling `share` of the height. */
function barFill(share: number, cls: string): SVGElement {
  const h = Math.max(0, Math.min(1, share)) * 100;
  return svg(
    'svg',
    { class: cls, viewBox: '0 0 10 100', preserveAspectRatio: 'none', 'aria-hidden': 'true', 'data-share': share.toFixed(3) },
    svg('rect', { x: 0, y: 100 - h, width: 10, height: h }),
  );
}
