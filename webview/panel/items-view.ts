// The dataset item picker: one row per text, with its label, herding step and error count; virtualised.
import type { ItemSummary } from '../../src/shared/protocol';
import type { RunModel } from './run-model';
import { el } from './dom';
import { labelOf, snippet } from './format';
import { VirtualList } from './virtual-list';
import { describe, lacksField, matches, sortKey, type ItemFilter, type ItemSort } from './item-filter';

export class ItemsView {
  readonly element = el('nav', { class: 'items', 'aria-label': 'Dataset items' });
  private readonly list: VirtualList;
  private numbers: number[] = [];
  private selected = 0;
  private model: RunModel | null = null;
  private filter: ItemFilter | null = null;
  private sort: ItemSort = 'item';
  private readonly filterText = el('span', { class: 'filter-text' });
  /** Items the filter cannot judge because their summaries predate the field it reads. */
  private readonly filterNote = el('span', { class: 'filter-note muted', hidden: true });
  private readonly clearFilter = el(
    'button',
    { class: 'clear-filter', type: 'button', 'aria-label': 'Clear the filter', title: 'Show all items' },
    '×',
  );
  private readonly filterBar = el(
    'div',
    { class: 'item-filter', role: 'status', hidden: true },
    el('span', { class: 'filter-chip' }, this.filterText, this.clearFilter),
    this.filterNote,
  );
  private readonly sortSelect = el(
    'select',
    { class: 'item-sort', 'aria-label': 'Sort items' },
    el('option', { value: 'item' }, 'by row'),
    el('option', { value: 'herding-step' }, 'by herding step'),
    el('option', { value: 'errors' }, 'by errors'),
  );
  /** Milliseconds the last filter/sort took (read by the tests' measurements). */
  lastFilterMs = 0;

  constructor(private readonly onSelect: (item: number) => void) {
    this.list = new VirtualList({
      role: 'listbox',
      rowRole: 'option',
      label: 'Dataset items',
      className: 'item-list',
      estimatedHeight: 58,
      render: (i, row) => this.renderRow(i, row),
      onActivate: (i) => this.onSelect(this.numbers[i]),
    });
    this.clearFilter.addEventListener('click', () => this.setFilter(null));
    this.sortSelect.addEventListener('change', () => {
      this.sort = this.sortSelect.value as ItemSort;
      this.relist(true);
    });
    this.element.append(
      el('div', { class: 'items-head' }, el('h2', { class: 'items-title' }, 'Items'), this.sortSelect),
      this.filterBar,
      this.list.element,
    );
  }

  /** Shows only the items the filter accepts (null: all). */
  setFilter(filter: ItemFilter | null): void {
    this.filter = filter;
    this.relist(true);
  }

  private relist(reset: boolean): void {
    const model = this.model;
    if (!model) return;
    const t0 = performance.now();
    let numbers = [...model.itemNumbers()];
    const filter = this.filter;
    let unjudged = 0;
    if (filter)
      numbers = numbers.filter((n) => {
        const s = model.items.get(n);
        if (matches(filter, s)) return true;
        if (lacksField(filter, s)) unjudged++;
        return false;
      });
    if (this.sort !== 'item') {
      const sort = this.sort;
      const keys = new Map(numbers.map((n) => [n, sortKey(sort, n, model.items.get(n))]));
      numbers.sort((a, b) => keys.get(a)! - keys.get(b)! || a - b);
    }
    this.lastFilterMs = performance.now() - t0;
    this.element.setAttribute('data-filter-ms', this.lastFilterMs.toFixed(1));
    this.numbers = numbers;
    this.filterBar.hidden = filter === null;
    this.filterText.textContent = filter
      ? `${numbers.length} item${numbers.length === 1 ? '' : 's'} ${describe(filter, model.header?.states ?? [], model.header?.actions ?? [])}`
      : '';
    this.clearFilter.setAttribute(
      'aria-label',
      filter ? `Clear the filter: ${describe(filter, model.header?.states ?? [], model.header?.actions ?? [])}` : 'Clear the filter',
    );
    this.filterNote.hidden = unjudged === 0;
    this.filterNote.textContent =
      unjudged === 0 ? '' : `${unjudged} item${unjudged === 1 ? ' was' : 's were'} recorded without this fact and cannot be shown`;
    this.element.setAttribute('data-shown', String(numbers.length));
    this.list.setCount(numbers.length, reset);
    this.list.refresh();
  }

  update(model: RunModel, selected: number): void {
    this.model = model;
    const visible = (model.header?.items ?? 1) > 1 || model.items.size > 1;
    this.element.hidden = !visible;
    document.body.classList.toggle('has-items', visible);
    if (!visible) return;
    this.selected = selected;
    const before = this.numbers.length;
    this.relist(false);
    if (this.numbers.length < before) this.list.setCount(this.numbers.length, true);
  }

  reveal(item: number): void {
    const i = this.numbers.indexOf(item);
    if (i >= 0) this.list.reveal(i, false);
  }

  private renderRow(i: number, row: HTMLElement): void {
    const item = this.numbers[i];
    const summary: ItemSummary | undefined = this.model?.items.get(item);
    const header = this.model?.header;
    row.setAttribute('aria-selected', String(item === this.selected));
    row.setAttribute('data-item', String(item));
    const states = header?.states ?? [];
    const actions = header?.actions ?? [];
    const facts: (HTMLElement | null)[] = [
      el('span', { class: 'item-number' }, `#${item + 1}`),
      summary?.label !== null && summary?.label !== undefined
        ? el('span', { class: 'item-label' }, `label ${labelOf(states, summary.label)}`)
        : null,
      summary
        ? el(
            'span',
            { class: summary.herdingStep !== null ? 'item-herding' : 'muted' },
            summary.herdingStep !== null
              ? `herds at agent ${summary.herdingStep}${summary.herdAction !== null ? ` on ${labelOf(actions, summary.herdAction)}` : ''}${summary.wrongHerd ? ' (wrong)' : ''}`
              : 'no herding',
          )
        : el('span', { class: 'muted' }, `${this.model?.stepCount(item) ?? 0} steps`),
      summary && summary.errors > 0
        ? el('span', { class: 'item-errors' }, `${summary.errors} error${summary.errors === 1 ? '' : 's'}`)
        : null,
    ];
    row.append(
      el(
        'div',
        { class: 'item-row' },
        el('div', { class: 'item-facts' }, ...facts),
        el('div', { class: 'item-text', title: summary?.text ?? '' }, snippet(summary?.text ?? '', 140)),
      ),
    );
  }
}
