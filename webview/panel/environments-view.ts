// Revealed preferences across environments in the dataset overview (spec §3): the NIAS/NIAC verdict over the
// grouping the host chose (agent positions, prior bins or labels), and per environment its decisions, NIAS slack,
// attention cost κ and reconstructed utility r_m(x, a) as a small heat map. Numbers come from the host only.
import type { EnvironmentRp } from '../../src/shared/dataset-overview';
import type { RunHeader } from '../../src/shared/protocol';
import { el } from './dom';
import { labelOf, signed } from './format';

const GROUPING: Record<EnvironmentRp['grouping'], string> = {
  agent: 'agent positions',
  'prior-bin': 'prior bins π(0)',
  label: 'labels',
};

export function environmentsSection(header: RunHeader, rp: EnvironmentRp | null): HTMLElement | null {
  if (!rp) return null;
  const title = el('h3', { class: 'environments-title' }, `Revealed preferences across environments: ${GROUPING[rp.grouping]}`);
  const note = rp.note ? el('p', { class: 'muted environments-note' }, rp.note) : null;
  const section = (...body: (HTMLElement | null)[]) =>
    el(
      'section',
      { class: 'environments', 'data-grouping': rp.grouping, 'aria-label': 'Revealed preferences across environments' },
      title,
      ...body,
    );
  if (!rp.verdict) return section(el('p', { class: 'muted environments-reason' }, `No verdict: ${rp.reason ?? 'unknown reason'}`), note);
  const v = rp.verdict;
  const verdict = el(
    'p',
    { class: 'environments-verdict' },
    el('span', { class: `rp-verdict ${v.passes ? 'rp-pass' : 'rp-fail'}` }, v.passes ? 'NIAS/NIAC pass' : 'NIAS/NIAC fail'),
    ` · NIAS margin ${signed(v.niasMargin)} · ${v.niacMargin === null ? 'NIAC n/a (one environment)' : `NIAC margin ${signed(v.niacMargin)}`} · `,
    el('span', { class: 'muted' }, v.basis),
  );
  const all = rp.environments.flatMap((e) => e.utility?.flat() ?? []);
  const lo = Math.min(...all);
  const span = Math.max(...all) - lo || 1;
  const rows = rp.environments.map((env) =>
    el(
      'tr',
      { 'data-environment': env.name },
      el('th', { scope: 'row' }, env.name),
      el('td', { class: 'num' }, String(env.decisions)),
      el('td', { class: 'num' }, env.niasSlack === null ? '—' : signed(env.niasSlack)),
      el('td', { class: 'num' }, env.cost === null ? '—' : env.cost.toFixed(3)),
      el('td', {}, env.utility ? utilityTable(header, env.name, env.utility, lo, span) : '—'),
    ),
  );
  return section(
    verdict,
    note,
    el(
      'table',
      { class: 'environments-table' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['environment', 'decisions', 'NIAS slack', 'cost κ', 'reconstructed utility r(x, a)'].map((h) =>
            el('th', { scope: 'col' }, h),
          ),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
  );
}

function utilityTable(header: RunHeader, name: string, u: number[][], lo: number, span: number): HTMLElement {
  const width = Math.max(0, ...u.map((r) => r.length));
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'state \\ action'),
    ...Array.from({ length: width }, (_, a) => el('th', { scope: 'col' }, labelOf(header.actions, a))),
  );
  const body = u.map((row, x) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, labelOf(header.states, x)),
      ...row.map((value) => {
        const cell = el('td', { class: 'heat-cell' }, value.toFixed(2));
        cell.style.setProperty('--heat', ((value - lo) / span).toFixed(3));
        return cell;
      }),
    ),
  );
  return el(
    'table',
    { class: 'heatmap utility-mini', 'aria-label': `reconstructed utility of ${name}` },
    el('thead', {}, head),
    el('tbody', {}, ...body),
  );
}
