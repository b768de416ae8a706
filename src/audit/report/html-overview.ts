// The dataset overview section of the HTML report (issue 10 §1–2): the same numbers as `herdscope check-sensor` and
// the overview in the CLI, from the run's counts. Every label from the run goes through escapeHtml.
import type { DatasetOverview, EnvironmentRp, Rate } from '../../shared/dataset-overview';
import type { SensorCheck } from '../sensor-check';
import { escapeHtml as e } from './html-escape';
import { labelOf, num, pct, signed } from './html-sections';

/** "45.0% [35.6%, 54.8%]" with k/n beneath, as in the CLI. */
export function rateHtml(r: Rate): string {
  if (r.rate === null) return `n/a <span class="muted">(${num(r.n)} rows)</span>`;
  return `${pct(r.rate)} <span class="muted">[${pct(r.low)}, ${pct(r.high)}] (${num(r.k)}/${num(r.n)})</span>`;
}

export function overviewSection(
  o: DatasetOverview,
  sensor: SensorCheck | null,
  states: readonly string[],
  actions: readonly string[],
): string {
  const cards: Array<[string, string]> = [
    ['herding rate (Wilson 95%)', rateHtml(o.herding)],
    ['mean herding step', o.meanHerdingStep === null ? 'n/a' : num(o.meanHerdingStep, 2)],
    ['wrong-herd rate', rateHtml(o.wrongHerd)],
    ['accuracy of the final belief', rateHtml(o.accuracyFinal)],
    ['accuracy before herding', rateHtml(o.accuracyBeforeHerding)],
    ['accuracy after herding', rateHtml(o.accuracyAfterHerding)],
    ['error steps', num(o.errors.steps)],
    ['tokens (prompt + completion)', `${num(o.tokens.prompt)} + ${num(o.tokens.completion)}`],
    ['cost', `$${num(o.costUsd, 4)}`],
  ];
  const errorKinds = Object.entries(o.errors.byKind)
    .map(([k, n]) => `${e(k)}: ${num(n)}`)
    .join(' · ');
  return `<section class="overview" id="overview"><h2>Dataset overview</h2>
${sensor ? sensorWarning(sensor) : ''}<p class="muted">${num(o.items)} finished rows, ${num(o.labelled)} labelled, ${num(o.agents)} agents each. Intervals are Wilson 95%.</p>
<div class="cards">${cards.map(([k, v]) => `<div class="stat" data-stat="${e(k)}"><b>${v}</b><span class="muted">${e(k)}</span></div>`).join('')}</div>
${errorKinds ? `<p>Errors by kind: ${errorKinds}</p>` : ''}
<h3>Herding step</h3>${histogramSvg(o.herdingStepHistogram)}
<h3>Accuracy per agent position</h3>${accuracyTable(o.accuracyByAgent)}
<h3>Confusion: label × final action</h3>${confusionTable(o.confusion, states, actions)}
${o.rp ? environmentRpHtml(o.rp, states, actions) : ''}
${sensor ? sensorTable(sensor, states) : ''}</section>`;
}

/** Bars of items per herding step; every bar carries its count as text (and a title) so nothing depends on colour. */
export function histogramSvg(histogram: readonly number[]): string {
  const n = histogram.length;
  if (n === 0) return '<p class="muted">No agents.</p>';
  const width = 720;
  const height = 180;
  const left = 40;
  const right = 12;
  const top = 18;
  const bottom = 30;
  const max = Math.max(1, ...histogram);
  const slot = (width - left - right) / n;
  const barW = Math.max(1, slot * 0.8);
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const labelEvery = Math.max(1, Math.ceil(n / 20));
  const bars = histogram
    .map((v, k) => {
      const x = left + k * slot + (slot - barW) / 2;
      const label =
        (k + 1) % labelEvery === 0 || k === 0
          ? `<text class="tick" x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 14}" text-anchor="middle">${k + 1}</text>`
          : '';
      const count =
        v > 0 && n <= 40
          ? `<text class="count" x="${(x + barW / 2).toFixed(1)}" y="${(y(v) - 3).toFixed(1)}" text-anchor="middle">${v}</text>`
          : '';
      return `<rect class="bar" data-step="${k + 1}" x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(height - bottom - y(v)).toFixed(1)}"><title>agent ${k + 1}: ${v} rows</title></rect>${label}${count}`;
    })
    .join('');
  const total = histogram.reduce((a, b) => a + b, 0);
  return `<figure class="chart"><svg class="histogram" viewBox="0 0 ${width} ${height}" role="img" aria-label="${e(`Rows by herding step over ${n} agent positions; ${total} rows herded.`)}"><path class="axis" d="M${left} ${height - bottom}H${width - right}"/><text class="tick" x="${left - 6}" y="${y(max).toFixed(1)}" text-anchor="end" dominant-baseline="middle">${max}</text><text class="tick" x="${left - 6}" y="${height - bottom}" text-anchor="end" dominant-baseline="middle">0</text>${bars}<text class="tick" x="${width - right}" y="${height - 2}" text-anchor="end">agent at which herding began</text></svg></figure>`;
}

function accuracyTable(rates: readonly Rate[]): string {
  const rows = rates.map((r, k) => `<tr><td class="num">${k + 1}</td><td>${rateHtml(r)}</td></tr>`).join('');
  return `<table class="accuracy"><thead><tr><th>agent</th><th>action optimal for the label</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function confusionTable(confusion: readonly (readonly number[])[], states: readonly string[], actions: readonly string[]): string {
  const width = Math.max(0, ...confusion.map((r) => r.length));
  const head = `<tr><th scope="col">label \\ final action</th>${Array.from({ length: width }, (_, a) => `<th scope="col">${e(labelOf(actions, a))}</th>`).join('')}</tr>`;
  const rows = confusion
    .map((row, x) => `<tr><th scope="row">${e(labelOf(states, x))}</th>${row.map((c) => `<td class="num">${num(c)}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="confusion"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

const GROUPING_NAMES: Record<EnvironmentRp['grouping'], string> = { agent: 'agent positions', 'prior-bin': 'prior bins', label: 'labels' };

export function environmentRpHtml(rp: EnvironmentRp, states: readonly string[], actions: readonly string[]): string {
  const title = `<h3>Revealed preferences across environments (${GROUPING_NAMES[rp.grouping]})</h3>`;
  const note = rp.note ? `<p class="muted">${e(rp.note)}</p>` : '';
  if (!rp.verdict) return `${title}<p class="muted">No verdict: ${e(rp.reason ?? 'unknown')}</p>${note}`;
  const v = rp.verdict;
  const niac = v.niacMargin === null ? 'NIAC not applicable (one environment)' : `NIAC margin ${signed(v.niacMargin)}`;
  const envRows = rp.environments
    .map(
      (env) =>
        `<tr><td>${e(env.name)}</td><td class="num">${num(env.decisions)}</td><td class="num">${signed(env.niasSlack)}</td><td class="num">${num(env.cost, 3)}</td><td>${env.utility ? utilityMini(env.utility, states, actions) : '—'}</td></tr>`,
    )
    .join('');
  return `${title}<p><span class="verdict ${v.passes ? 'pass' : 'fail'}">${v.passes ? 'PASS' : 'FAIL'}</span> · NIAS margin ${signed(v.niasMargin)} · ${niac} · <span class="muted">${e(v.basis)}</span></p>${note}
<table class="environments"><thead><tr><th>environment</th><th>decisions</th><th>NIAS slack</th><th>cost κ</th><th>reconstructed utility r(x, a)</th></tr></thead><tbody>${envRows}</tbody></table>`;
}

function utilityMini(u: readonly (readonly number[])[], states: readonly string[], actions: readonly string[]): string {
  const head = `<tr><th></th>${u[0].map((_, a) => `<th>${e(labelOf(actions, a))}</th>`).join('')}</tr>`;
  return `<table class="mini"><thead>${head}</thead><tbody>${u.map((row, x) => `<tr><th>${e(labelOf(states, x))}</th>${row.map((c) => `<td class="num">${num(c, 2)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

export function sensorWarning(s: SensorCheck): string {
  return `<p class="${s.rejected ? 'sensor-warning' : 'muted'}" role="${s.rejected ? 'alert' : 'note'}">${s.rejected ? '<b>Sensor model rejected.</b> ' : ''}${e(s.message)}</p>`;
}

const pText = (p: number | null) => (p === null ? '—' : p === 0 ? '0' : p < 1e-4 ? p.toExponential(2) : p.toFixed(4));

export function sensorTable(s: SensorCheck, states: readonly string[]): string {
  const rows = s.states
    .map(
      (r) =>
        `<tr${r.pHolm !== null && r.pHolm < s.alpha ? ' class="rejected"' : ''}><th scope="row">${e(labelOf(states, r.state))}</th><td class="num">${num(r.n)}</td><td class="num">${r.impossible ? '∞' : num(r.g, 2)}</td><td class="num">${num(r.df)}</td><td class="num">${pText(r.p)}</td><td class="num">${pText(r.pHolm)}</td><td class="num">${num(r.tv, 3)}</td><td>${r.n === 0 ? '—' : r.observed.map((o) => pct(o / r.n)).join(' ')}</td><td>${r.expected.map((x) => pct(x)).join(' ')}</td></tr>`,
    )
    .join('');
  const llr =
    s.logLikelihoodRatio === null
      ? '−∞ (B gives an observed answer probability 0)'
      : `${num(s.logLikelihoodRatio, 2)} (${num(s.logLikelihoodRatioPerObservation, 4)} per observation)`;
  return `<h3>Sensor check: the LLM's answers vs the profile's B</h3><p class="muted">G-test per state, Holm-corrected across states, α = ${num(s.alpha)}; ${num(s.observations)} observations.</p>
<table class="sensor"><thead><tr><th>state</th><th>n</th><th>G</th><th>df</th><th>p</th><th>Holm p</th><th>TV</th><th>observed y shares</th><th>profile's B</th></tr></thead><tbody>${rows}</tbody></table>
<p>Log-likelihood ratio, B vs the run's own frequencies: ${llr}</p>`;
}
