// The panel's copy of one run, built from validated host messages. No DOM here.
import type { ControlOverlay, HostToWebview, ItemSummary, RunHeader, RunStatus } from '../../src/shared/protocol';
import type { RpVerdict, StepRecord } from '../../src/shared/step-record';
import {
  controlOverlaySchema,
  costsSchema,
  datasetOverviewSchema,
  runForecastSchema,
  runSensorSchema,
  itemSummarySchema,
  parseWith,
  rpVerdictSchema,
  runHeaderSchema,
  runStatusSchema,
  stepRecordSchema,
  utilitiesSchema,
} from '../../src/shared/protocol-schema';
import type { DatasetOverview } from '../../src/shared/dataset-overview';
import type { RunForecast } from '../../src/shared/run-forecast';
import type { RunSensor } from '../../src/shared/sensor-check';

export interface RpData {
  verdict: RpVerdict;
  utilities: number[][][];
  costs: number[];
}

/** What a message changed, so the panel redraws only those parts. */
export interface Change {
  header?: boolean;
  status?: boolean;
  /** Items whose steps changed. */
  stepsOf?: Set<number>;
  items?: boolean;
  rp?: boolean;
  control?: boolean;
  overview?: boolean;
  forecast?: boolean;
  sensor?: boolean;
  /** The host asked to show this item. */
  selectItem?: number;
}

export class RunModel {
  header: RunHeader | null = null;
  status: RunStatus = 'running';
  statusMessage = '';
  /** The host is still sending the run it opened (until its closing run/status). */
  loading = false;
  rp: RpData | null = null;
  control: ControlOverlay | null = null;
  overview: DatasetOverview | null = null;
  forecast: RunForecast | null = null;
  sensor: RunSensor | null = null;
  readonly items = new Map<number, ItemSummary>();
  /** Per item, steps at position index-1 (agents may finish out of order). */
  private readonly steps = new Map<number, (StepRecord | undefined)[]>();
  private readonly stepCounts = new Map<number, number>();

  /** Applies a message already accepted by isHostMessage; returns null when it did not apply to this run. */
  apply(msg: HostToWebview): Change | null {
    if (msg.type === 'run/open') return this.open(msg.header, msg.status, msg.loading === true);
    if (!this.header || msg.runId !== this.header.runId) return null;
    switch (msg.type) {
      case 'run/steps':
        return this.addSteps(msg.steps);
      case 'run/item': {
        const summary = parseWith(itemSummarySchema, msg.summary);
        if (!summary) return null;
        if (!this.items.has(summary.item) && !this.steps.has(summary.item)) this.numbers = null;
        this.items.set(summary.item, summary);
        return { items: true };
      }
      case 'run/status': {
        const status = parseWith(runStatusSchema, msg.status);
        if (!status) return null;
        this.status = status;
        this.loading = false;
        this.statusMessage = typeof msg.message === 'string' ? msg.message : '';
        return { status: true };
      }
      case 'run/rp': {
        const verdict = parseWith(rpVerdictSchema, msg.verdict);
        const utilities = parseWith(utilitiesSchema, msg.utilities);
        if (!verdict || !utilities) return null;
        this.rp = { verdict, utilities, costs: costsSchema.parse(msg.costs) };
        return { rp: true };
      }
      case 'run/control': {
        const overlay = parseWith(controlOverlaySchema, msg.overlay);
        if (!overlay) return null;
        this.control = overlay;
        return { control: true };
      }
      case 'run/select-item':
        return msg.item >= 0 ? { selectItem: msg.item } : null;
      case 'run/overview': {
        const overview = parseWith(datasetOverviewSchema, msg.overview);
        if (!overview) return null;
        this.overview = overview;
        return { overview: true };
      }
      case 'run/sensor': {
        const sensor = parseWith(runSensorSchema, msg.sensor);
        if (!sensor) return null;
        this.sensor = sensor;
        return { sensor: true };
      }
      case 'run/forecast': {
        const forecast = parseWith(runForecastSchema, msg.forecast);
        if (!forecast) return null;
        this.forecast = forecast;
        return { forecast: true };
      }
    }
  }

  private open(rawHeader: unknown, rawStatus: unknown, loading: boolean): Change | null {
    const header = parseWith(runHeaderSchema, rawHeader);
    const status = parseWith(runStatusSchema, rawStatus);
    if (!header || !status) return null;
    if (this.header?.runId !== header.runId) {
      this.steps.clear();
      this.stepCounts.clear();
      this.items.clear();
      this.rp = null;
      this.control = null;
      this.overview = null;
      this.forecast = null;
      this.sensor = null;
      this.numbers = null;
    }
    this.header = header;
    this.status = status;
    this.loading = loading;
    this.statusMessage = '';
    return {
      header: true,
      status: true,
      stepsOf: new Set(this.steps.keys()),
      items: true,
      rp: true,
      control: true,
      overview: true,
      forecast: true,
      sensor: true,
    };
  }

  private addSteps(raw: unknown[]): Change | null {
    const touched = new Set<number>();
    for (const candidate of raw) {
      const step = parseWith(stepRecordSchema, candidate);
      if (!step) continue;
      let list = this.steps.get(step.item);
      if (!list) {
        this.steps.set(step.item, (list = []));
        if (!this.items.has(step.item)) this.numbers = null;
      }
      if (list[step.index - 1] === undefined) this.stepCounts.set(step.item, (this.stepCounts.get(step.item) ?? 0) + 1);
      list[step.index - 1] = step;
      touched.add(step.item);
    }
    return touched.size > 0 ? { stepsOf: touched } : null;
  }

  /** The steps received so far for an item, in agent order (gaps skipped). */
  stepsOf(item: number): StepRecord[] {
    return (this.steps.get(item) ?? []).filter((s): s is StepRecord => s !== undefined);
  }

  stepCount(item: number): number {
    return this.stepCounts.get(item) ?? 0;
  }

  private numbers: number[] | null = null;

  /** Items known from summaries or steps, ascending (cached until a new item appears; callers must not modify it). */
  itemNumbers(): readonly number[] {
    this.numbers ??= [...new Set([...this.items.keys(), ...this.steps.keys()])].sort((a, b) => a - b);
    return this.numbers;
  }

  totalSteps(): number {
    let n = 0;
    for (const c of this.stepCounts.values()) n += c;
    return n;
  }
}
