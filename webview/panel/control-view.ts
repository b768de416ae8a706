// "What if a controller had intervened?": a threshold slider that asks the host to simulate the stopping policy
// (spec §5.1), and the numbers the host sends back.
import type { ControlOverlay, RunHeader } from '../../src/extension/protocol';
import type { Host } from './vscode-api';
import { el, replaceChildren } from './dom';
import { labelOf, pct, prob } from './format';

export class ControlView {
  readonly element = el('section', { class: 'control', 'aria-labelledby': 'control-title' });
  private readonly slider = el('input', { type: 'range', min: 0, max: 1, step: 0.01, id: 'control-threshold', class: 'threshold-slider' });
  private readonly value = el('output', { class: 'threshold-value', for: 'control-threshold' });
  private readonly stateLabel = el('span', { class: 'threshold-state' });
  private readonly results = el('div', { class: 'control-results', role: 'status', 'aria-live': 'polite' });

  constructor(host: Host) {
    this.slider.value = String(host.state.threshold);
    this.value.textContent = prob(host.state.threshold);
    this.slider.addEventListener('input', () => (this.value.textContent = prob(Number(this.slider.value))));
    this.slider.addEventListener('change', () => {
      const threshold = Number(this.slider.value);
      host.update({ threshold });
      host.post({ type: 'simulate-control', threshold });
    });
    this.element.append(
      el('h2', { id: 'control-title' }, 'What if a controller had intervened?'),
      el('p', { class: 'muted small' }, 'A central controller asks agents to reveal their private observations while the public belief stays below the threshold, then lets them herd (optimal stopping).'),
      el('div', { class: 'slider-row' }, el('label', { for: 'control-threshold' }, 'Threshold π*', this.stateLabel), this.slider, this.value),
      this.results,
    );
  }

  update(header: RunHeader | null, overlay: ControlOverlay | null): void {
    if (!header) return;
    this.stateLabel.textContent = overlay ? ` on π(${labelOf(header.states, overlay.stateIndex)})` : '';
    if (!overlay) {
      replaceChildren(this.results, el('span', { class: 'muted' }, 'Move the slider to simulate a controller on this chain.'));
      return;
    }
    if (document.activeElement !== this.slider) {
      this.slider.value = String(overlay.threshold);
      this.value.textContent = prob(overlay.threshold);
    }
    const accuracy = (a: number | null) => (a === null ? 'n/a' : pct(a));
    const table = el(
      'table',
      { class: 'control-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, ''), el('th', { scope: 'col' }, 'with controller'), el('th', { scope: 'col' }, 'without'))),
      el(
        'tbody',
        {},
        el('tr', {}, el('th', { scope: 'row' }, 'informative agents'), el('td', { 'data-field': 'informative-with' }, String(overlay.informativeAgentsWith)), el('td', { 'data-field': 'informative-without' }, String(overlay.informativeAgentsWithout))),
        el('tr', {}, el('th', { scope: 'row' }, 'accuracy'), el('td', { 'data-field': 'accuracy-with' }, accuracy(overlay.accuracyWith)), el('td', { 'data-field': 'accuracy-without' }, accuracy(overlay.accuracyWithout))),
      ),
    );
    replaceChildren(this.results, el('span', { class: 'small' }, `threshold ${prob(overlay.threshold)}`), table);
  }
}
