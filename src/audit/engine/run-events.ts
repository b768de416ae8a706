// The typed events a run streams to its front end (CLI stdout/stderr, the extension's panel and Runs view).
import type { BatchProgress } from '../batch-runner';
import type { ItemSummary, RunHeader, RunStatus } from '../../shared/run-header';
import type { StepRecord } from '../../shared/step-record';

export type RunEvent =
  | { type: 'created'; runId: string; header: RunHeader }
  | { type: 'step'; runId: string; step: StepRecord }
  | { type: 'item'; runId: string; summary: ItemSummary }
  | { type: 'progress'; runId: string; progress: BatchProgress }
  | { type: 'status'; runId: string; status: RunStatus; message?: string };

export type { BatchProgress };
