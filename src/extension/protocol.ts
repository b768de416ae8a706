// Every message between the extension host and the audit panel webview. Both sides import this file;
// the receiver validates with the guards below before acting (the webview and its content are untrusted).
import type { StepRecord, RpVerdict } from '../audit/step-record';
import type { DatasetOverview } from '../audit/dataset-overview';

import type { ChainMode, ControlOverlay, ItemSummary, OptimalThreshold, Orientation, RunHeader, RunKind, RunStatus } from '../audit/run-header';

export type { ChainMode, ControlOverlay, DatasetOverview, ItemSummary, OptimalThreshold, Orientation, RunHeader, RunKind, RunStatus };

export type HostToWebview =
  | { type: 'run/open'; header: RunHeader; status: RunStatus }
  | { type: 'run/steps'; runId: string; steps: StepRecord[] }
  | { type: 'run/item'; runId: string; summary: ItemSummary }
  | { type: 'run/status'; runId: string; status: RunStatus; message?: string }
  | { type: 'run/rp'; runId: string; verdict: RpVerdict; utilities: number[][][]; costs: number[] }
  | { type: 'run/control'; runId: string; overlay: ControlOverlay }
  | { type: 'run/select-item'; runId: string; item: number }
  /** A dataset run's overview, from the run's counts (sent again as rows finish). */
  | { type: 'run/overview'; runId: string; overview: DatasetOverview };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'select-item'; item: number }
  | { type: 'export'; format: 'json' | 'csv' | 'html' }
  | { type: 'simulate-control'; threshold: number }
  | { type: 'cancel' };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);

/** Validates a message from the webview; returns null for anything malformed. */
export function parseWebviewMessage(raw: unknown): WebviewToHost | null {
  if (!isObj(raw) || typeof raw.type !== 'string') return null;
  switch (raw.type) {
    case 'ready':
    case 'cancel':
      return { type: raw.type };
    case 'select-item':
      return isInt(raw.item) && raw.item >= 0 ? { type: 'select-item', item: raw.item } : null;
    case 'export':
      return raw.format === 'json' || raw.format === 'csv' || raw.format === 'html' ? { type: 'export', format: raw.format } : null;
    case 'simulate-control':
      return typeof raw.threshold === 'number' && raw.threshold >= 0 && raw.threshold <= 1 ? { type: 'simulate-control', threshold: raw.threshold } : null;
    default:
      return null;
  }
}

/** Checks the envelope of a message from the host; the webview renders every string in it as text only. */
export function isHostMessage(raw: unknown): raw is HostToWebview {
  if (!isObj(raw) || typeof raw.type !== 'string') return false;
  switch (raw.type) {
    case 'run/open':
      return isObj(raw.header) && typeof raw.status === 'string';
    case 'run/steps':
      return typeof raw.runId === 'string' && Array.isArray(raw.steps);
    case 'run/item':
      return typeof raw.runId === 'string' && isObj(raw.summary);
    case 'run/status':
      return typeof raw.runId === 'string' && typeof raw.status === 'string';
    case 'run/rp':
      return typeof raw.runId === 'string' && isObj(raw.verdict) && Array.isArray(raw.utilities);
    case 'run/control':
      return typeof raw.runId === 'string' && isObj(raw.overlay);
    case 'run/select-item':
      return typeof raw.runId === 'string' && isInt(raw.item);
    case 'run/overview':
      return typeof raw.runId === 'string' && isObj(raw.overview);
    default:
      return false;
  }
}
