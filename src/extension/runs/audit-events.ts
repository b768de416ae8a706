// Live events of the audits this window runs; the panel and the Runs view listen to them.
import type { ItemSummary, RunStatus } from '../../shared/protocol';
import type { StepRecord } from '../../shared/step-record';

export type AuditEvent =
  | { type: 'created'; runId: string }
  | { type: 'step'; runId: string; step: StepRecord }
  | { type: 'item'; runId: string; summary: ItemSummary }
  | { type: 'status'; runId: string; status: RunStatus; message?: string };
