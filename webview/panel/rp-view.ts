// The revealed-preference badge (NIAS/NIAC verdict with margins) and the reconstructed-utility heat map it opens.
import type { RunHeader } from '../../src/shared/protocol';
import type { RpData } from './run-model';
import { el, replaceChildren } from './dom';
import { labelOf, signed } from './format';

export class RpView {
  readonly element = el('div', { class: 'rp' });
  private readonly dialog = el('dialog', { class: 'heatmap-dialog', 'aria-labelledby': 'heatmap-title' });

  constructor() {
    this.dialog.addEventListener('click', (e) => {
      if (e.target === this.dialog) this.dialog.close();
    });
    document.body.appendChild(this.dialog);
  }

  update(header: RunHeader | null, rp: RpData | null): void {
    if (!header || !rp) {
      if (this.dialog.open) this.dialog.close();
      replaceChildren(this.element);
      this.element.hidden = true;
      return;
    }
    this.element.hidden = false;
    const { verdict } = rp;
    const niac = verdict.niacMargin === null ? 'NIAC n/a (one environment)' : `NIAC margin ${signed(verdict.niacMargin)}`;
    const badge = el(
      'button',
      {
        class: `rp-badge ${verdict.passes ? 'rp-pass' : 'rp-fail'}`,
        type: 'button',
        'aria-haspopup': 'dialog',
        title: 'Open the reconstructed utilities',
      },
      el('span', { class: 'rp-verdict' }, verdict.passes ? 'NIAS/NIAC pass' : 'NIAS/NIAC fail'),
      el('span', { class: 'rp-margins' }, `NIAS margin ${signed(verdict.niasMargin)} · ${niac}`),
    );
    badge.addEventListener('click', () => this.open(header, rp));
    replaceChildren(
      this.element,
      el('span', { class: 'rp-caption' }, 'Revealed preference'),
      badge,
      verdict.basis ? el('span', { class: 'rp-basis muted' }, verdict.basis) : null,
    );
    if (this.dialog.open) this.fill(header, rp);
  }

  private open(header: RunHeader, rp: RpData): void {
    this.fill(header, rp);
    this.dialog.showModal();
  }

  private fill(header: RunHeader, rp: RpData): void {
    const all = rp.utilities.flat(2);
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const close = el('vscode-button', { class: 'heatmap-close', secondary: true }, 'Close');
    close.addEventListener('click', () => this.dialog.close());
    const maps = rp.utilities.map((matrix, m) => this.environment(header, matrix, m, rp.costs[m], lo, hi));
    replaceChildren(
      this.dialog,
      el('h2', { id: 'heatmap-title' }, 'Reconstructed utilities r_m(x, a)'),
      el(
        'p',
        { class: 'muted' },
        `${rp.verdict.passes ? 'Passes' : 'Fails'} NIAS (margin ${signed(rp.verdict.niasMargin)}); ${rp.verdict.niacMargin === null ? 'NIAC not applicable' : `NIAC margin ${signed(rp.verdict.niacMargin)}`}. ${rp.verdict.basis}`,
      ),
      el('div', { class: 'heatmaps' }, ...maps),
      el('div', { class: 'dialog-actions' }, close),
    );
  }

  private environment(header: RunHeader, matrix: number[][], m: number, cost: number | undefined, lo: number, hi: number): HTMLElement {
    const span = hi - lo || 1;
    const table = el('table', { class: 'heatmap', 'data-environment': m });
    table.appendChild(el('caption', {}, `Environment ${m + 1}${cost !== undefined ? ` · cost κ = ${cost.toFixed(3)}` : ''}`));
    const headRow = el('tr', {}, el('th', { scope: 'col' }, 'state \\ action'));
    const actionCount = Math.max(0, ...matrix.map((r) => r.length));
    for (let a = 0; a < actionCount; a++) headRow.appendChild(el('th', { scope: 'col' }, labelOf(header.actions, a)));
    table.appendChild(el('thead', {}, headRow));
    const body = el('tbody');
    matrix.forEach((row, x) => {
      const tr = el('tr', {}, el('th', { scope: 'row' }, labelOf(header.states, x)));
      row.forEach((value) => {
        const cell = el('td', { class: 'heat-cell' }, value.toFixed(3));
        cell.style.setProperty('--heat', ((value - lo) / span).toFixed(3));
        tr.appendChild(cell);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }
}
