// The one handle on VS Code's webview API, and the small UI state the panel keeps across hide/show and restarts.
import type { WebviewToHost } from '../../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Cheap UI state only; the run data is re-sent by the host when the panel is revived. */
export interface UiState {
  runId: string | null;
  selectedItem: number;
  scrollTop: number;
  /** Keys `${item}:${agent}` of raw answers that are open. */
  expanded: string[];
  /** The agent whose card has keyboard focus (1-based), if any. */
  focusedAgent: number | null;
  /** Which state the chart plots when there are too many to draw all. */
  chartState: number | null;
  threshold: number;
}

const DEFAULT_STATE: UiState = {
  runId: null,
  selectedItem: 0,
  scrollTop: 0,
  expanded: [],
  focusedAgent: null,
  chartState: null,
  threshold: 0.5,
};

function restore(raw: unknown): UiState {
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_STATE };
  const r = raw as Partial<Record<keyof UiState, unknown>>;
  const int = (v: unknown, fallback: number | null) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : fallback);
  return {
    runId: typeof r.runId === 'string' ? r.runId : null,
    selectedItem: int(r.selectedItem, 0) ?? 0,
    scrollTop: typeof r.scrollTop === 'number' && r.scrollTop >= 0 ? r.scrollTop : 0,
    expanded: Array.isArray(r.expanded) ? r.expanded.filter((k): k is string => typeof k === 'string').slice(0, 500) : [],
    focusedAgent: int(r.focusedAgent, null),
    chartState: int(r.chartState, null),
    threshold: typeof r.threshold === 'number' && r.threshold >= 0 && r.threshold <= 1 ? r.threshold : DEFAULT_STATE.threshold,
  };
}

export class Host {
  private readonly api: VsCodeApi = acquireVsCodeApi();
  readonly state: UiState = restore(this.api.getState());
  private pending = false;

  post(message: WebviewToHost): void {
    this.api.postMessage(message);
  }

  /** Updates the UI state; bursts (scrolling) are coalesced. A timer, not a frame callback, so a hidden panel still saves. */
  update(patch: Partial<UiState>): void {
    Object.assign(this.state, patch);
    if (this.pending) return;
    this.pending = true;
    setTimeout(() => {
      this.pending = false;
      this.api.setState({ ...this.state, expanded: [...this.state.expanded] });
    }, 50);
  }
}
