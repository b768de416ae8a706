// The run header: title, profile, mode, providers, the simulated/demo label, status with progress, and the run's actions.
import type { RunModel } from './run-model';
import type { Host } from './vscode-api';
import { el, replaceChildren } from './dom';

const STATUS_TEXT = { running: 'Running', completed: 'Completed', cancelled: 'Cancelled', failed: 'Failed', interrupted: 'Interrupted (resumable)' } as const;

export class HeaderView {
  readonly element = el('header', { class: 'run-header' });
  private readonly title = el('h1', { class: 'run-title' });
  private readonly labels = el('span', { class: 'run-labels' });
  private readonly meta = el('div', { class: 'run-meta' });
  private readonly status = el('div', { class: 'run-status', role: 'status', 'aria-live': 'polite' });
  private readonly cancel: HTMLElement;

  constructor(private readonly host: Host) {
    this.cancel = el('vscode-button', { class: 'cancel-button', secondary: true, 'aria-label': 'Cancel the run' }, 'Cancel');
    this.cancel.addEventListener('click', () => host.post({ type: 'cancel' }));
    const exports = (['json', 'csv', 'html'] as const).map((format) => {
      const button = el('vscode-button', { class: 'export-button', secondary: true, 'data-format': format, 'aria-label': `Export the run as ${format.toUpperCase()}` }, format === 'html' ? 'HTML report' : `Export ${format.toUpperCase()}`);
      button.addEventListener('click', () => this.host.post({ type: 'export', format }));
      return button;
    });
    this.element.append(
      el('div', { class: 'title-row' }, this.title, this.labels),
      this.meta,
      el('div', { class: 'status-row' }, this.status, this.cancel, el('span', { class: 'spacer' }), el('div', { class: 'export-group', role: 'group', 'aria-label': 'Export' }, ...exports)),
    );
  }

  update(model: RunModel): void {
    const header = model.header;
    if (!header) return;
    this.title.textContent = header.title || 'Untitled run';
    replaceChildren(
      this.labels,
      header.simulated ? el('span', { class: 'label-simulated', title: 'Observations come from the simulated sensor or the offline demo cassette, not from a live model.' }, header.kind === 'demo' ? 'DEMO · SIMULATED' : 'SIMULATED') : null,
      el('span', { class: `label-mode mode-${header.mode}` }, header.mode === 'interacting' ? 'interacting agents' : 'sensor agents'),
    );
    const meta: [string, string][] = [
      ['profile', header.profileName],
      ['providers', header.providerSummary],
      ['agents', String(header.agents)],
      ...(header.items > 1 ? ([['items', String(header.items)]] as [string, string][]) : []),
      ['started', header.startedAt],
    ];
    replaceChildren(this.meta, ...meta.filter(([, v]) => v.length > 0).map(([k, v]) => el('span', { class: 'meta-entry' }, el('span', { class: 'meta-key' }, `${k} `), v)));
    this.updateStatus(model);
  }

  updateStatus(model: RunModel): void {
    const header = model.header;
    if (!header) return;
    const expected = header.agents * Math.max(1, header.items);
    const done = model.totalSteps();
    const running = model.status === 'running';
    const progress = expected > 0 ? `${done} / ${expected} agent steps` : `${done} agent steps`;
    replaceChildren(
      this.status,
      running ? el('vscode-progress-ring', { class: 'status-ring', 'aria-label': 'Run in progress' }) : null,
      el('span', { class: `status-text status-${model.status}` }, STATUS_TEXT[model.status]),
      el('span', { class: 'status-progress' }, ` · ${progress}`),
      model.statusMessage ? el('span', { class: 'status-message' }, ` · ${model.statusMessage}`) : null,
    );
    this.status.setAttribute('data-status', model.status);
    this.cancel.hidden = !running;
  }
}
