// The dataset item picker: one row per text, with its label, herding step and error count; virtualised.
import type { ItemSummary } from '../../src/shared/protocol';
import type { RunModel } from './run-model';
import { el } from './dom';
import { labelOf, snippet } from './format';
import { VirtualList } from './virtual-list';

export class ItemsView {
  readonly element = el('nav', { class: 'items', 'aria-label': 'Dataset items' });
  private readonly list: VirtualList;
  private numbers: number[] = [];
  private selected = 0;
  private model: RunModel | null = null;

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
    this.element.append(el('h2', { class: 'items-title' }, 'Items'), this.list.element);
  }

  update(model: RunModel, selected: number): void {
    this.model = model;
    const visible = (model.header?.items ?? 1) > 1 || model.items.size > 1;
    this.element.hidden = !visible;
    document.body.classList.toggle('has-items', visible);
    if (!visible) return;
    const numbers = model.itemNumbers();
    const reset = numbers.length < this.numbers.length;
    this.numbers = numbers;
    this.selected = selected;
    this.list.setCount(numbers.length, reset);
    this.list.refresh();
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
      summary?.label !== null && summary?.label !== undefined ? el('span', { class: 'item-label' }, `label ${labelOf(states, summary.label)}`) : null,
      summary
        ? el('span', { class: summary.herdingStep !== null ? 'item-herding' : 'muted' }, summary.herdingStep !== null ? `herds at agent ${summary.herdingStep}${summary.herdAction !== null ? ` on ${labelOf(actions, summary.herdAction)}` : ''}` : 'no herding')
        : el('span', { class: 'muted' }, `${this.model?.stepCount(item) ?? 0} steps`),
      summary && summary.errors > 0 ? el('span', { class: 'item-errors' }, `${summary.errors} error${summary.errors === 1 ? '' : 's'}`) : null,
    ];
    row.append(el('div', { class: 'item-row' }, el('div', { class: 'item-facts' }, ...facts), el('div', { class: 'item-text', title: summary?.text ?? '' }, snippet(summary?.text ?? '', 140))));
  }
}
