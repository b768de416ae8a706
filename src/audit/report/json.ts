// The whole run as one JSON document (header, status, profile snapshot, summary, RP verdicts, items, steps).
import type { LoadedRun } from '../run-types';

export const JSON_REPORT_FORMAT = 'herdscope-run';

export function jsonReport(run: LoadedRun): string {
  const { meta, items, steps } = run;
  return `${JSON.stringify({ format: JSON_REPORT_FORMAT, ...meta, items, steps }, null, 2)}\n`;
}
