// Human-readable summary of a dataset audit: rates, accuracy, actions per agent and revealed preferences.
import type { RunMeta, RunRp, RunSummary } from '../audit/run-types';
import { rpLine } from './chain-output';
import { formatTable } from './format-table';

export function summaryText(meta: RunMeta, s: RunSummary, rp: RunRp | null, runDir: string): string {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
  const lines = [
    `${meta.header.simulated ? 'SIMULATED ' : ''}audit ${meta.header.runId} (${meta.status}): profile ${meta.header.profileName}, ${meta.header.agents} agents per row`,
    `rows finished: ${s.items}${meta.dataset ? ` of ${meta.dataset.rows}` : ''}${meta.dataset?.skippedEmpty ? ` (${meta.dataset.skippedEmpty} empty rows skipped)` : ''}`,
    `herding rate: ${pct(s.herdingRate)}${s.meanHerdingStep === null ? '' : ` (mean herding step ${s.meanHerdingStep.toFixed(1)})`}`,
    `accuracy of the final public action: ${s.labelled > 0 ? `${pct(s.accuracy)} over ${s.labelled} labelled rows` : 'n/a (no label column)'}`,
    ...(s.wrongHerdRate === null ? [] : [`rows herded on a wrong action: ${pct(s.wrongHerdRate)}`]),
    `agent errors: ${s.errors}${meta.header.mode === 'interacting' ? `, empirical herding flags: ${s.empiricalHerding}` : ''}`,
    '',
    'actions per agent:',
  ];
  const table = formatTable(
    ['agent', ...meta.header.actions],
    s.actionCounts.map((row, i) => [String(i + 1), ...row.map(String)]),
    new Set(s.actionCounts[0]?.map((_, i) => i + 1) ?? []),
  );
  const rpLines = rp ? [rpLine(rp.verdict).trimEnd(), ...perAgentRpLines(rp)] : [];
  return `${lines.join('\n')}\n${table}${rpLines.length ? `\n${rpLines.join('\n')}\n` : ''}run stored in ${runDir}\n`;
}

/** Up to 10 agents one line each; beyond that a count and the failing agents. */
function perAgentRpLines(rp: RunRp): string[] {
  const list = rp.perAgent ?? [];
  if (list.length <= 10) return list.map((p) => `  ${rpLine(p.verdict).trimEnd()}`);
  const failing = list.filter((p) => !p.verdict.passes);
  return [`  per agent: ${list.length - failing.length} of ${list.length} pass`, ...failing.map((p) => `  ${rpLine(p.verdict).trimEnd()}`)];
}
