// Human-readable output of one chain: a row per agent and a line saying where herding began.
import type { Profile } from '../audit/profile';
import type { ItemSummary } from '../audit/run-types';
import type { RpVerdict, StepRecord } from '../shared/step-record';
import { formatTable, formatVector, oneLine } from './format-table';

export function chainTable(profile: Profile, steps: readonly StepRecord[]): string {
  const interacting = profile.mode === 'interacting';
  const headers = [
    'agent',
    'observation',
    'η (private)',
    interacting ? 'LLM action' : 'action',
    ...(interacting ? ['Bayes action'] : []),
    'π after',
    'marks',
    'error',
  ];
  const label = (a: number | null | undefined) => (a === null || a === undefined ? '-' : (profile.actions[a] ?? String(a)));
  const rows = steps.map((s) => [
    String(s.index),
    observationText(s),
    formatVector(s.privateBelief, 2),
    label(s.action),
    ...(interacting ? [label(s.bayesAction)] : []),
    formatVector(s.publicBeliefAfter),
    [s.cascade ? 'C' : '', s.herding ? 'H' : '', s.simulated ? 'S' : ''].join(''),
    s.error ? `${s.error.kind}: ${oneLine(s.error.message, 60)}` : '',
  ]);
  return formatTable(headers, rows, new Set([0]));
}

export function marksLegend(profile: Profile): string {
  return `marks: C = cascade (π_{k−1} in the herding region: the action cannot depend on the observation)${profile.mode === 'interacting' ? ', H = empirical herding (the LLM followed the majority against its own observation)' : ''}, S = simulated/recorded, not a live model\n`;
}

export function herdingLine(profile: Profile, summary: ItemSummary, agents: number): string {
  if (summary.herdingStep === null) return `No cascade within ${agents} agents: every agent's action still depended on its observation.\n`;
  const action = summary.herdAction === null ? '?' : profile.actions[summary.herdAction];
  return `Herding begins at agent ${summary.herdingStep}: from there on every agent takes "${action}" whatever it observes (information cascade).\n`;
}

export function rpLine(verdict: RpVerdict): string {
  const niac = verdict.niacMargin === null ? '' : `, NIAC margin ${verdict.niacMargin.toFixed(4)}`;
  return `Revealed preferences (${verdict.basis}): ${verdict.passes ? 'PASS' : 'FAIL'} — NIAS margin ${verdict.niasMargin.toFixed(4)}${niac}\n`;
}

function observationText(s: StepRecord): string {
  if (!s.observation) return '-';
  const on = Object.entries(s.observation.attributes)
    .filter(([, v]) => v === true)
    .map(([k]) => k);
  return oneLine(`y=${s.observation.index}${on.length > 0 ? ` (${on.join(', ')})` : ''}`, 48);
}
