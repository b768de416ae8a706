// Does the model answer the way the profile assumes? The sensor check beside a labelled dataset run (issue 10 §2): a
// prominent warning with the worst state in words when B is rejected, the per-state G-test (Holm), total-variation
// distance, and buttons for the full check and a re-estimated profile. Host strings become text nodes only.
import type { RunHeader } from '../../src/shared/protocol';
import type { RunSensor, SensorStateCheck } from '../../src/shared/sensor-check';
import { el, replaceChildren } from './dom';
import { labelOf } from './format';
import type { Host } from './vscode-api';

export class SensorView {
  readonly element = el('section', { class: 'sensor-check', 'aria-label': 'Sensor model check', hidden: true });

  constructor(private readonly host: Host) {}

  update(header: RunHeader, sensor: RunSensor | null): void {
    this.element.hidden = sensor === null || header.kind !== 'dataset';
    if (!sensor || this.element.hidden) return;
    const title = el('h2', { class: 'sensor-title' }, 'Sensor model: do the answers follow the profile’s B(y | state)?');
    if (sensor.status === 'unavailable') {
      this.element.dataset.verdict = 'none';
      replaceChildren(this.element, title, el('p', { class: 'sensor-note muted' }, `No sensor check: ${sensor.reason}`));
      return;
    }
    const check = sensor.check;
    this.element.dataset.verdict = check.rejected ? 'rejected' : 'holds';
    // The check's message names the worst state in words; a rejected B is the one warning styled as an alert.
    const verdict = check.rejected
      ? el('div', { class: 'sensor-warning', role: 'alert' }, el('span', { class: 'sensor-message' }, check.message))
      : el('p', { class: 'sensor-holds' }, el('span', { class: 'sensor-message' }, check.message));
    replaceChildren(this.element, title, verdict, this.table(header, check.states), this.actions(check.rejected));
  }

  private table(header: RunHeader, states: readonly SensorStateCheck[]): HTMLElement {
    const head = el('tr', {}, ...['true state', 'rows', 'G (df)', 'p (Holm)', 'TV distance'].map((h) => el('th', { scope: 'col' }, h)));
    const rows = states.map((s) =>
      el(
        'tr',
        { 'data-state': s.state, class: s.pHolm !== null && s.pHolm < 0.05 ? 'sensor-row rejected' : 'sensor-row' },
        el('th', { scope: 'row' }, labelOf(header.states, s.state)),
        el('td', { class: 'num' }, String(s.n)),
        el('td', { class: 'num' }, s.n === 0 ? '—' : s.g === null ? `∞ (${s.df})` : `${s.g.toFixed(1)} (${s.df})`),
        el('td', { class: 'num' }, s.pHolm === null ? (s.n === 0 ? '—' : '0') : pValue(s.pHolm)),
        el('td', { class: 'num' }, s.tv === null ? '—' : s.tv.toFixed(3)),
      ),
    );
    return el(
      'div',
      { class: 'sensor-table-wrap' },
      el('table', { class: 'sensor-table' }, el('thead', {}, head), el('tbody', {}, ...rows)),
    );
  }

  private actions(rejected: boolean): HTMLElement {
    const details = el('button', { type: 'button', class: 'sensor-details' }, 'Show details');
    const reestimate = el('button', { type: 'button', class: 'sensor-reestimate' }, 'Re-estimate profile…');
    details.addEventListener('click', () => this.host.post({ type: 'sensor-action', action: 'details' }));
    reestimate.addEventListener('click', () => this.host.post({ type: 'sensor-action', action: 'reestimate' }));
    if (rejected) reestimate.classList.add('primary');
    return el(
      'div',
      { class: 'sensor-actions' },
      details,
      reestimate,
      el('span', { class: 'muted small' }, ' re-estimating writes a new profile and replays this run under it, without a single call'),
    );
  }
}

function pValue(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}
