// The run-level sections of the HTML report: header facts, summary numbers, revealed preferences, items overview.
// Markup is built as text, so every value from a run (titles, labels, texts, messages) goes through escapeHtml.
import type { ItemSummary, RunMeta, RunRp } from '../run-types';
import { escapeHtml as e } from './html-escape';

// Run files are read from disk and may have been edited: numbers are checked before they reach the markup.
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
/** A number as text (fixed digits when given); anything that is not a finite number becomes '—'. */
export const num = (x: unknown, digits?: number): string => (finite(x) ? (digits === undefined ? String(x) : x.toFixed(digits)) : '—');
export const pct = (x: unknown): string => (finite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');
export const signed = (x: unknown): string => (finite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(x).toPrecision(3)}` : '—');
export const labelOf = (labels: readonly string[], i: number | null | undefined): string =>
  i === null || i === undefined ? '—' : String(labels[i] ?? `#${i}`);

export function headerSection(meta: RunMeta, generatedAt: string): string {
  const h = meta.header;
  const simulated = h.simulated ? ` <span class="label simulated">${h.kind === 'demo' ? 'DEMO · SIMULATED' : 'SIMULATED'}</span>` : '';
  const facts: [string, string][] = [
    ['status', `<span class="status-${e(meta.status)}">${e(meta.status)}</span>${meta.statusMessage ? ` — ${e(meta.statusMessage)}` : ''}`],
    ['run', e(h.runId)],
    ['kind', e(h.kind)],
    ['profile', e(h.profileName)],
    [
      'mode',
      h.mode === 'interacting'
        ? 'interacting (the LLM decides; audited against the Bayes-rational action)'
        : 'sensor (the LLM observes; the Bayesian engine acts)',
    ],
    ['providers', e(h.providerSummary)],
    ['states', h.states.map(e).join(' · ')],
    ['actions', h.actions.map(e).join(' · ')],
    ['agents', num(h.agents)],
    ['items', num(h.items)],
    ['started', e(h.startedAt)],
    ['report generated', e(generatedAt)],
  ];
  if (meta.dataset)
    facts.splice(4, 0, [
      'dataset',
      `${e(meta.dataset.file)} (text column ${e(meta.dataset.textColumn)}${meta.dataset.labelColumn ? `, label column ${e(meta.dataset.labelColumn)}` : ''})`,
    ]);
  return `<header><h1>${e(h.title)}${simulated}</h1><dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl></header>`;
}

export function summarySection(meta: RunMeta): string {
  const t = meta.totals;
  const s = meta.summary;
  const stats: [string, string][] = [];
  if (s) {
    stats.push(['herding rate', pct(s.herdingRate)], ['mean herding step', s.meanHerdingStep === null ? 'n/a' : num(s.meanHerdingStep, 1)]);
    if (s.accuracy !== null) stats.push(['accuracy vs labels', pct(s.accuracy)]);
    if (s.wrongHerdRate !== null) stats.push(['wrong herds', pct(s.wrongHerdRate)]);
    if (s.empiricalHerding > 0) stats.push(['empirical herding steps', num(s.empiricalHerding)]);
  }
  stats.push(
    ['agent steps', num(t.steps)],
    ['errors', num(t.errors)],
    ['tokens', `${num(t.promptTokens)} + ${num(t.completionTokens)}`],
    ['cost', `$${num(t.costUsd, 4)}`],
  );
  return `<section><h2>Summary</h2><div class="cards">${stats.map(([k, v]) => `<div class="stat"><b>${v}</b><span class="muted">${k}</span></div>`).join('')}</div></section>`;
}

function heatClass(value: number, lo: number, hi: number): string {
  const t = finite(value) && hi > lo ? (value - lo) / (hi - lo) : 0;
  return `heat-${Math.min(9, Math.max(0, Math.floor(t * 10)))}`;
}

export function rpSection(
  rp: RunRp | undefined,
  rpError: string | undefined,
  states: readonly string[],
  actions: readonly string[],
): string {
  if (!rp) return rpError ? `<section><h2>Revealed preferences</h2><p class="error">No verdict: ${e(rpError)}</p></section>` : '';
  const v = rp.verdict;
  const all = rp.utilities.flat(2);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const tables = rp.utilities.map((matrix, m) => {
    const width = Math.max(0, ...matrix.map((r) => r.length));
    const head = `<tr><th scope="col">state \\ action</th>${Array.from({ length: width }, (_, a) => `<th scope="col">${e(labelOf(actions, a))}</th>`).join('')}</tr>`;
    const rows = matrix
      .map(
        (row, x) =>
          `<tr><th scope="row">${e(labelOf(states, x))}</th>${row.map((u) => `<td class="${heatClass(u, lo, hi)}">${num(u, 3)}</td>`).join('')}</tr>`,
      )
      .join('');
    const cost = rp.costs[m] !== undefined ? ` · cost κ = ${num(rp.costs[m], 3)}` : '';
    return `<table class="heatmap"><caption>Environment ${m + 1}${cost}</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
  });
  const niac = v.niacMargin === null ? 'NIAC not applicable (one environment)' : `NIAC margin ${signed(v.niacMargin)}`;
  return `<section><h2>Revealed preferences (NIAS/NIAC)</h2><p><span class="verdict ${v.passes ? 'pass' : 'fail'}">${v.passes ? 'PASS' : 'FAIL'}</span> · NIAS margin ${signed(v.niasMargin)} · ${niac}${v.basis ? ` · <span class="muted">${e(v.basis)}</span>` : ''}</p><h3>Reconstructed utilities r<sub>m</sub>(x, a)</h3><div class="heatmaps">${tables.join('')}</div></section>`;
}

export function itemsSection(items: readonly ItemSummary[], states: readonly string[], actions: readonly string[]): string {
  if (items.length <= 1) return '';
  const snippet = (t: string) => {
    const flat = t.replace(/\s+/g, ' ').trim();
    return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
  };
  const rows = items
    .map(
      (i) =>
        `<tr><td class="num"><a href="#item-${num(i.item)}">${finite(i.item) ? i.item + 1 : '—'}</a></td><td>${e(snippet(String(i.text)))}</td><td>${e(labelOf(states, i.label))}</td><td class="num">${num(i.herdingStep)}</td><td>${e(labelOf(actions, i.herdAction))}</td><td class="num">${num(i.errors)}</td></tr>`,
    )
    .join('');
  return `<section><h2>Items</h2><table><thead><tr><th>#</th><th>text</th><th>label</th><th>herding at agent</th><th>herd action</th><th>errors</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}
