// Every message between the extension host and the audit panel webview. Both sides import this file;
// the receiver validates with the schemas of protocol-schema.ts before acting (the webview and its content are untrusted).
import { hostMessageSchema, parseWith, webviewMessageSchema } from './protocol-schema';
import type { DatasetOverview } from './dataset-overview';
import type { RunForecast } from './run-forecast';
import type { RunSensor } from './sensor-check';
import type { StepRecord, RpVerdict } from './step-record';

import type { ChainMode, ControlOverlay, ItemSummary, OptimalThreshold, Orientation, RunHeader, RunKind, RunStatus } from './run-header';

export type { ChainMode, ControlOverlay, DatasetOverview, ItemSummary, OptimalThreshold, Orientation, RunHeader, RunKind, RunStatus };
export type { RunForecast };

export type HostToWebview =
  /** `loading`: more of the run follows (items, steps, overview) and a closing run/status says when it is all there. */
  | { type: 'run/open'; header: RunHeader; status: RunStatus; loading?: boolean }
  | { type: 'run/steps'; runId: string; steps: StepRecord[] }
  | { type: 'run/item'; runId: string; summary: ItemSummary }
  | { type: 'run/status'; runId: string; status: RunStatus; message?: string }
  | { type: 'run/rp'; runId: string; verdict: RpVerdict; utilities: number[][][]; costs: number[] }
  | { type: 'run/control'; runId: string; overlay: ControlOverlay }
  | { type: 'run/select-item'; runId: string; item: number }
  /** A dataset run's overview, from the run's counts (sent again as rows finish). */
  | { type: 'run/overview'; runId: string; overview: DatasetOverview }
  /** A dataset run's herding-risk forecast beside what happened: 'pending' while computed, then 'ready' or 'unavailable'. */
  | { type: 'run/forecast'; runId: string; forecast: RunForecast }
  /** A labelled dataset run's sensor check: do the model's answers per true state follow the profile's B? */
  | { type: 'run/sensor'; runId: string; sensor: RunSensor };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'select-item'; item: number }
  | { type: 'export'; format: 'json' | 'csv' | 'html' }
  | { type: 'simulate-control'; threshold: number }
  /** The sensor section's buttons: the full check as a report, or a re-estimated profile and the offline replay. */
  | { type: 'sensor-action'; action: 'details' | 'reestimate' }
  | { type: 'cancel' };

/** Validates a message from the webview; returns null for anything malformed. */
export function parseWebviewMessage(raw: unknown): WebviewToHost | null {
  return parseWith(webviewMessageSchema, raw);
}

/** Checks the envelope of a message from the host (its records are parsed one by one); the webview renders every string in it as text only. */
export function isHostMessage(raw: unknown): raw is HostToWebview {
  return hostMessageSchema.safeParse(raw).success;
}
