// Live events of the audits this window runs (the engine's run events); the panel and the Runs view listen to them.
export type { RunEvent as AuditEvent } from '../../audit/engine/run-events';
