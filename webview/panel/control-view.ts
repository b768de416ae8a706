// "What if a controller had intervened?": the optimal stopping threshold the host computed for the run's model, a
// threshold slider that asks the host to replay the chain under that controller (spec §5.1), and the numbers it sends back.
import type { ControlOverlay, OptimalThreshold, Orientation, RunHeader } from '../../src/shared/protocol';
import type { Host } from './vscode-api';
import { el, replaceChildren } from './dom';
import { labelOf, pct, prob } from './format';

export class ControlView {
  readonly element = el('section', { class: 'control', 'aria-labelledby': 'control-title' });
  private readonly slider = el('input', { type: 'range', min: 0, max: 1, step: 'any', id: 'control-threshold', class: 'threshold-slider' });
  private readonly value = el('output', { class: 'threshold-value', for: 'control-threshold' });
  private readonly stateLabel = el('span', { class: 'threshold-state' });
  private readonly rule = el('p', { class: 'muted small control-rule' });
  private readonly optimalInfo = el('div', { class: 'optimal-info small' });
  private readonly useOptimal = el('button', { type: 'button', class: 'use-optimal', hidden: true }, 'Use optimal');
  private readonly results = el('div', { class: 'control-results', role: 'status', 'aria-live': 'polite' });
  private optimal: OptimalThreshold | null = null;

  constructor(private readonly host: Host) {
    this.slider.value = String(host.state.threshold);
    this.value.textContent = prob(host.state.threshold);
    this.slider.addEventListener('input', () => (this.value.textContent = prob(Number(this.slider.value))));
    this.slider.addEventListener('change', () => this.simulate(Number(this.slider.value)));
    this.useOptimal.addEventListener('click', () => {
      if (!this.optimal) return;
      this.slider.value = String(this.optimal.threshold);
      this.value.textContent = prob(this.optimal.threshold);
      this.simulate(this.optimal.threshold);
    });
    this.element.append(
      el('h2', { id: 'control-title' }, 'What if a controller had intervened?'),
      this.rule,
      this.optimalInfo,
      el(
        'div',
        { class: 'slider-row' },
        el('label', { for: 'control-threshold' }, 'Threshold', this.stateLabel),
        this.slider,
        this.value,
        this.useOptimal,
      ),
      this.results,
    );
  }

  private simulate(threshold: number): void {
    this.host.update({ threshold });
    this.host.post({ type: 'simulate-control', threshold });
  }

  update(header: RunHeader | null, overlay: ControlOverlay | null): void {
    if (!header) return;
    this.optimal = overlay?.optimal ?? null;
    const orientation: Orientation = overlay?.orientation ?? 'continue-below';
    const state = overlay ? `π(${labelOf(header.states, overlay.stateIndex)})` : 'π';
    this.stateLabel.textContent = overlay ? ` on ${state}` : '';
    this.rule.textContent = ruleText(state, orientation);
    this.useOptimal.hidden = !this.optimal || !overlay || this.optimal.threshold === overlay.threshold;
    replaceChildren(this.optimalInfo, ...(this.optimal ? optimalText(this.optimal, state) : []));
    if (!overlay) {
      replaceChildren(this.results, el('span', { class: 'muted' }, 'Move the slider to simulate a controller on this chain.'));
      return;
    }
    if (document.activeElement !== this.slider) {
      this.slider.value = String(overlay.threshold);
      this.value.textContent = prob(overlay.threshold);
    }
    replaceChildren(
      this.results,
      el(
        'span',
        { class: 'small' },
        `${this.optimal?.threshold === overlay.threshold ? 'at the optimal threshold' : 'at threshold'} ${prob(overlay.threshold)}`,
      ),
      resultsTable(header, overlay),
    );
  }
}

function ruleText(state: string, orientation: Orientation): string {
  const [reveal, stop] = orientation === 'stop-below' ? ['≥', '<'] : ['<', '≥'];
  const more = orientation === 'stop-below' ? 'a lower' : 'a higher';
  return `A central controller makes each agent reveal its private observation while ${state} ${reveal} threshold; the first time ${state} ${stop} threshold it stops for good and later agents act on the public belief, and may herd (optimal stopping, §5.1). ${more[0].toUpperCase()}${more.slice(1)} threshold means more intervention.`;
}

function optimalText(optimal: OptimalThreshold, state: string): HTMLElement[] {
  const how =
    optimal.method === 'value-iteration'
      ? `value iteration on a ${optimal.gridSize}-point belief grid (stage-0 threshold)`
      : `the best of ${optimal.candidates} thresholds by seeded Monte Carlo (${optimal.runs} runs each, seed ${optimal.seed})`;
  const caveat = optimal.isThreshold === false ? ' The exact optimal policy is not a single threshold.' : '';
  return [
    el('strong', { 'data-field': 'optimal-threshold' }, `Optimal threshold π* = ${prob(optimal.threshold)} on ${state}`),
    el(
      'span',
      { class: 'muted', 'data-field': 'optimal-method' },
      ` — ${how}; default costs of §7.11 (ρ = ${optimal.discount}, ${optimal.horizon} agents).${caveat}`,
    ),
  ];
}

function resultsTable(header: RunHeader, overlay: ControlOverlay): HTMLElement {
  const accuracy = (a: number | null) => (a === null ? 'n/a' : pct(a));
  const accuracyLabel =
    overlay.accuracyMeasure === 'posterior-of-map-state' ? 'final belief in its most probable state' : 'final belief in the true label';
  const gained = overlay.informativeAgentsWith - overlay.informativeAgentsWithout;
  const change = overlay.accuracyWith !== null && overlay.accuracyWithout !== null ? overlay.accuracyWith - overlay.accuracyWithout : null;
  const row = (label: string, field: string, withValue: string, withoutValue: string) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, label),
      el('td', { 'data-field': `${field}-with` }, withValue),
      el('td', { 'data-field': `${field}-without` }, withoutValue),
    );
  const stop =
    overlay.stopStep === undefined
      ? null
      : overlay.stopStep === null
        ? 'never stopped'
        : overlay.stopStep === 1
          ? 'stopped before agent 1 (no intervention)'
          : `stopped before agent ${overlay.stopStep}`;
  return el(
    'div',
    {},
    el(
      'table',
      { class: 'control-table' },
      el(
        'thead',
        {},
        el('tr', {}, el('th', { scope: 'col' }, ''), el('th', { scope: 'col' }, 'with controller'), el('th', { scope: 'col' }, 'without')),
      ),
      el(
        'tbody',
        {},
        row('informative agents', 'informative', String(overlay.informativeAgentsWith), String(overlay.informativeAgentsWithout)),
        row(accuracyLabel, 'accuracy', accuracy(overlay.accuracyWith), accuracy(overlay.accuracyWithout)),
      ),
    ),
    el(
      'p',
      { class: 'small', 'data-field': 'control-summary' },
      `${gained >= 0 ? `${gained} more` : `${-gained} fewer`} agent${Math.abs(gained) === 1 ? '' : 's'} would have contributed information` +
        (change === null
          ? ''
          : `; final belief in ${overlay.accuracyMeasure === 'posterior-of-map-state' ? 'its most probable state' : `the true label`} ${change >= 0 ? '+' : '−'}${(Math.abs(change) * 100).toFixed(1)} points`) +
        (overlay.revealedAgents === undefined ? '' : `. The controller made ${overlay.revealedAgents} of ${header.agents} agents reveal`) +
        (stop ? ` and ${stop}.` : '.'),
    ),
  );
}
