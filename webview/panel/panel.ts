// Composes the panel's views and redraws what each host message changed, at most once per frame.
import type { HostToWebview } from '../../src/shared/protocol';
import type { StepRecord } from '../../src/shared/step-record';
import { RunModel, type Change } from './run-model';
import type { Host } from './vscode-api';
import { el } from './dom';
import { HeaderView } from './header-view';
import { PosteriorChart } from './chart-view';
import { RpView } from './rp-view';
import { ControlView } from './control-view';
import { ItemsView } from './items-view';
import { OverviewView } from './overview-view';
import { ForecastView } from './forecast-view';
import { SensorView } from './sensor-view';
import { VirtualList } from './virtual-list';
import { renderCard, type CardContext } from './card-view';
import { cascadeOnset } from './herding';
import { labelOf } from './format';

export class Panel {
  private readonly model = new RunModel();
  private readonly headerView: HeaderView;
  private readonly chart: PosteriorChart;
  private readonly rpView = new RpView();
  private readonly controlView: ControlView;
  private readonly itemsView: ItemsView;
  private readonly overviewView: OverviewView;
  private readonly forecastView = new ForecastView();
  private readonly sensorView: SensorView;
  private readonly cards: VirtualList;
  private readonly announcer = el('div', { class: 'herding-callout', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  private readonly empty = el('p', { class: 'empty muted' }, 'Waiting for the run…');
  private steps: StepRecord[] = [];
  private pending: Change = {};
  private frameQueued = false;
  private announcedOnset: string | null = null;
  private scrollRestored = false;
  private readonly cardContext: CardContext;

  constructor(private readonly host: Host) {
    this.headerView = new HeaderView(host);
    this.controlView = new ControlView(host);
    this.sensorView = new SensorView(host);
    this.chart = new PosteriorChart(
      (agent) => this.revealAgent(agent, true),
      (state) => {
        host.update({ chartState: state });
        this.drawChart();
      },
    );
    this.itemsView = new ItemsView((item) => this.selectItem(item, true));
    this.overviewView = new OverviewView((filter) => this.itemsView.setFilter(filter));
    this.cardContext = {
      header: {
        runId: '',
        kind: 'selection',
        title: '',
        profileName: '',
        mode: 'sensor',
        states: [],
        actions: [],
        attributes: [],
        agents: 0,
        items: 1,
        startedAt: '',
        simulated: false,
        providerSummary: '',
      },
      isExpanded: (step) => host.state.expanded.includes(`${step.item}:${step.index}`),
      setExpanded: (step, open) => {
        const key = `${step.item}:${step.index}`;
        const rest = host.state.expanded.filter((k) => k !== key);
        host.update({ expanded: open ? [...rest, key] : rest });
      },
    };
    this.cards = new VirtualList({
      role: 'feed',
      rowRole: 'article',
      label: 'Agents',
      className: 'card-list',
      estimatedHeight: 190,
      render: (i, row) => {
        const step = this.steps[i];
        if (step) renderCard(row, step, this.cardContext);
      },
      onFocusRow: (i) => {
        const agent = this.steps[i]?.index ?? null;
        if (agent !== this.host.state.focusedAgent) {
          host.update({ focusedAgent: agent });
          this.drawChart();
        }
      },
      onScroll: (top) => host.update({ scrollTop: top }),
    });
  }

  mount(root: HTMLElement): void {
    const main = el(
      'main',
      { class: 'panel-main' },
      this.itemsView.element,
      el(
        'div',
        { class: 'run-body' },
        this.overviewView.element,
        this.sensorView.element,
        this.forecastView.element,
        this.announcer,
        el(
          'section',
          { class: 'overview', 'aria-label': 'Overview' },
          this.chart.element,
          el('div', { class: 'side' }, this.rpView.element, this.controlView.element),
        ),
        el(
          'section',
          { class: 'agents', 'aria-label': 'Agents' },
          el('h2', { class: 'agents-title' }, 'Agents'),
          this.empty,
          this.cards.element,
        ),
      ),
    );
    root.append(this.headerView.element, main);
    this.rpView.update(null, null);
  }

  receive(message: HostToWebview): void {
    const change = this.model.apply(message);
    if (!change) return;
    if (change.header) {
      const runId = this.model.header!.runId;
      if (this.host.state.runId !== runId) {
        // A different run than the saved UI state describes: start from a clean view.
        this.host.update({ runId, selectedItem: 0, scrollTop: 0, expanded: [], focusedAgent: null, chartState: null });
      }
      this.scrollRestored = false;
      this.announcedOnset = null;
    }
    if (change.selectItem !== undefined) this.selectItem(change.selectItem, false);
    this.merge(change);
  }

  private merge(change: Change): void {
    const p = this.pending;
    p.header ||= change.header;
    p.status ||= change.status;
    p.items ||= change.items;
    p.rp ||= change.rp;
    p.control ||= change.control;
    p.overview ||= change.overview;
    p.forecast ||= change.forecast;
    p.sensor ||= change.sensor;
    if (change.stepsOf) p.stepsOf = new Set([...(p.stepsOf ?? []), ...change.stepsOf]);
    if (this.frameQueued) return;
    this.frameQueued = true;
    requestAnimationFrame(() => {
      this.frameQueued = false;
      const todo = this.pending;
      this.pending = {};
      this.render(todo);
    });
  }

  private render(change: Change): void {
    const header = this.model.header;
    if (!header) return;
    const selected = this.host.state.selectedItem;
    this.cardContext.header = header;
    if (change.header) this.headerView.update(this.model);
    else if (change.status || change.stepsOf) this.headerView.updateStatus(this.model);
    this.cards.element.setAttribute('aria-busy', String(this.model.status === 'running'));
    if (change.header || change.items || change.stepsOf) this.itemsView.update(this.model, selected);
    if (change.header || change.rp) this.rpView.update(header, this.model.rp);
    if (change.header || change.control) this.controlView.update(header, this.model.control);
    if (change.header || change.overview) this.overviewView.update(header, this.model.overview);
    if (change.header || change.forecast) this.forecastView.update(header, this.model.forecast);
    if (change.header || change.sensor) this.sensorView.update(header, this.model.sensor);
    if (change.header || change.stepsOf?.has(selected)) this.refreshSteps(change.header === true);
    else if (change.control) this.drawChart();
  }

  private refreshSteps(reset: boolean): void {
    const previous = this.steps;
    const next = this.model.stepsOf(this.host.state.selectedItem);
    this.steps = next;
    const changed: number[] = [];
    for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) changed.push(i);
    this.cards.setCount(next.length, reset);
    this.cards.refresh(changed);
    this.empty.hidden = next.length > 0;
    if (!this.scrollRestored && next.length > 0) {
      this.scrollRestored = true;
      this.cards.setScrollTop(this.host.state.scrollTop);
    }
    this.drawChart();
    this.announce();
  }

  private drawChart(): void {
    const header = this.model.header;
    if (!header) return;
    this.chart.update({
      header,
      steps: this.steps,
      control: this.model.control,
      chosenState: this.host.state.chartState,
      focusedAgent: this.host.state.focusedAgent,
    });
  }

  private announce(): void {
    const header = this.model.header!;
    const onset = cascadeOnset(this.steps);
    const key = onset === null ? null : `${this.host.state.selectedItem}:${onset}`;
    if (key === this.announcedOnset) return;
    this.announcedOnset = key;
    if (onset === null) {
      this.announcer.textContent = '';
      this.announcer.hidden = true;
      return;
    }
    // The herd's action: the first cascade step that acted (an agent whose call failed has none).
    const herdAction =
      this.steps.find((s) => s.index >= onset && s.action !== null)?.action ??
      this.model.items.get(this.host.state.selectedItem)?.herdAction ??
      null;
    this.announcer.hidden = false;
    this.announcer.textContent =
      herdAction === null
        ? `Herding began at agent ${onset}: from here on no private observation can change an agent's action.`
        : `Herding began at agent ${onset}: from here on every agent takes “${labelOf(header.actions, herdAction)}” whatever it privately observes.`;
  }

  private selectItem(item: number, fromUser: boolean): void {
    if (item === this.host.state.selectedItem && this.steps.length > 0) return;
    this.host.update({ selectedItem: item, scrollTop: 0, focusedAgent: null });
    if (fromUser) this.host.post({ type: 'select-item', item });
    this.steps = [];
    this.cards.setCount(0, true);
    this.cards.setScrollTop(0);
    this.itemsView.update(this.model, item);
    this.itemsView.reveal(item);
    this.refreshSteps(true);
  }

  private revealAgent(agent: number, focus: boolean): void {
    const i = this.steps.findIndex((s) => s.index === agent);
    if (i >= 0) this.cards.reveal(i, focus);
  }
}
