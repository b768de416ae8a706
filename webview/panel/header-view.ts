// The run header: title, profile, mode, providers, the simulated/demo label, status with progress, and the run's actions.
import type { RunModel } from './run-model';
import type { Host } from './vscode-api';
import { el, replaceChildren } from './dom';

const STATUS_TEXT = {
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
  interrupted: 'Interrupted (resumable)',
} as const;

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
      const button = el(
        'vscode-button',
        { class: 'export-button', secondary: true, 'data-format': format, 'aria-label': `Export the run as ${format.toUpperCase()}` },
        format === 'html' ? 'HTML report' : `Export ${format.toUpperCase()}`,
      );
      button.addEventListener('click', () => this.host.post({ type: 'export', format }));
      return button;
    });
    this.element.append(
      el('div', { class: 'title-row' }, this.title, this.labels),
      this.meta,
      el(
        'div',
        { class: 'status-row' },
        this.status,
        this.cancel,
        el('span', { class: 'spacer' }),
        el('div', { class: 'export-group', role: 'group', 'aria-label': 'Export' }, ...exports),
      ),
    );
  }

  update(model: RunModel): void {
    const header = model.header;
    if (!header) return;
    this.title.textContent = header.title || 'Untitled run';
    replaceChildren(
      this.labels,
      header.simulated
        ? el(
            'span',
            {
              class: 'label-simulated',
              title: 'Observations come from the simulated sensor or the offline demo cassette, not from a live model.',
            },
            header.kind === 'demo' ? 'DEMO · SIMULATED' : 'SIMULATED',
          )
        : null,
      el('span', { class: `label-mode mode-${header.mode}` }, header.mode === 'interacting' ? 'interacting agents' : 'sensor agents'),
    );
    const meta: [string, string][] = [
      ['profile', header.profileName],
      ['providers', header.providerSummary],
      ['agents', String(header.agents)],
      ...(header.items > 1 ? ([['items', String(header.items)]] as [string, string][]) : []),
      ['started', header.startedAt],
    ];
    replaceChildren(
      this.meta,
      ...meta
        .filter(([, v]) => v.length > 0)
        .map(([k, v]) => el('span', { class: 'meta-entry' }, el('span', { class: 'meta-key' }, `${k} `), v)),
    );
    this.updateStatus(model);
  }

  updateStatus(model: RunModel): void {
    const header = model.header;
    if (!header) return;
    if (model.loading) {
      // A count read before the run's steps arrive ("0 / 8 agent steps") would misreport a finished run.
      replaceChildren(
        this.status,
        el('vscode-progress-ring', { class: 'status-ring', 'aria-label': 'Loading the run' }),
        el('span', { class: 'status-text status-loading' }, 'Loading the run…'),
      );
      this.status.setAttribute('data-status', 'loading');
      this.cancel.hidden = true;
      return;
    }
    const running = model.status === 'running';
    const rows = header.items > 1 ? this.rowsProgress(model, running) : null;
    replaceChildren(
      this.status,
      running ? el('vscode-progress-ring', { class: 'status-ring', 'aria-label': 'Run in progress' }) : null,
      el('span', { class: `status-text status-${model.status}` }, STATUS_TEXT[model.status]),
      rows ? rows.bar : null,
      el('span', { class: 'status-progress' }, ` · ${rows ? rows.text : stepsText(header.agents, model.totalSteps())}`),
      model.statusMessage ? el('span', { class: 'status-message' }, ` · ${model.statusMessage}`) : null,
    );
    this.status.setAttribute('data-status', model.status);
    this.cancel.hidden = !running;
  }

  /**
   * A dataset run counts finished rows (the host sends each row's summary when it finishes; it sends live steps
   * only for the row on screen, so a step count would undercount the run).
   */
  private rowsProgress(model: RunModel, running: boolean): { text: string; bar: HTMLElement | null } {
    const header = model.header!;
    const total = header.items;
    const done = Math.min(total, model.items.size);
    const steps = done * header.agents;
    const of = done === total ? `${total} rows` : `${done} of ${total} rows`;
    if (running) {
      return {
        text: `${done} / ${total} rows done (${header.agents} agents each)`,
        bar: el('progress', { class: 'rows-progress', max: total, value: done, 'aria-label': `${done} of ${total} rows done` }),
      };
    }
    return { text: `${steps} agent step${steps === 1 ? '' : 's'} over ${of}`, bar: null };
  }
}

/** One chain: agent steps received of the agents it has. */
function stepsText(agents: number, done: number): string {
  return agents > 0 ? `${done} / ${agents} agent steps` : `${done} agent steps`;
}
