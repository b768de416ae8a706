// One chain (one item) in the HTML report: its text, the posterior chart and a row per agent.
import type { ItemSummary, RunHeader } from '../run-types';
import type { StepRecord } from '../../shared/step-record';
import { escapeHtml as e } from './html-escape';
import { labelOf, num, signed } from './html-sections';
import { posteriorChartSvg } from './svg-chart';

const MAX_LISTED_STATES = 4;

function belief(v: readonly number[] | null, states: readonly string[]): string {
  if (!v) return '<span class="muted">none</span>';
  if (v.length <= MAX_LISTED_STATES) return v.map((p, i) => `${e(labelOf(states, i))} ${num(p, 3)}`).join('<br>');
  const map = v.reduce((best, p, i) => (p > v[best] ? i : best), 0);
  return `most probable ${e(labelOf(states, map))} ${num(v[map], 3)}`;
}

function transition(before: readonly number[], after: readonly number[], states: readonly string[]): string {
  const shown =
    states.length <= MAX_LISTED_STATES ? states.map((_, i) => i) : [after.reduce((best, p, i) => (p > after[best] ? i : best), 0)];
  return shown.map((i) => `${e(labelOf(states, i))} ${num(before[i], 3)} → <b>${num(after[i], 3)}</b>`).join('<br>');
}

function stepRow(s: StepRecord, h: RunHeader): string {
  const differ = s.llmAction !== undefined && s.llmAction !== null && s.bayesAction !== null && s.llmAction !== s.bayesAction;
  const classes = [s.cascade ? 'cascade' : '', s.herding ? 'herding' : '', differ ? 'differ' : ''].filter(Boolean).join(' ');
  const obs = s.observation
    ? `${Object.entries(s.observation.attributes ?? {})
        .map(([k, v]) => `<span class="chip">${e(k)}: ${e(String(v))}</span>`)
        .join('')} <span class="chip">y = ${num(s.observation.index)}</span>`
    : '<span class="muted">none</span>';
  const action =
    h.mode === 'interacting'
      ? `LLM <span class="${differ ? 'differ-action' : ''}">${e(labelOf(h.actions, s.llmAction ?? s.action))}</span><br>Bayes ${e(labelOf(h.actions, s.bayesAction))}`
      : e(labelOf(h.actions, s.action));
  const flags = [
    s.cascade ? '<span class="flag cascade">cascade</span>' : '',
    s.herding ? '<span class="flag herding">herding</span>' : '',
    differ ? '<span class="flag differ">LLM ≠ Bayes</span>' : '',
    s.rp ? `<span class="flag">RP ${s.rp.passes ? 'pass' : 'fail'} ${signed(s.rp.niasMargin)}</span>` : '',
    s.simulated ? '<span class="flag">simulated</span>' : '',
  ].join('');
  const usage = [
    s.tokens ? `${num(s.tokens.prompt)} + ${num(s.tokens.completion)} tok` : '',
    `${num(s.latencyMs, 0)} ms`,
    s.costUsd !== null ? `$${num(s.costUsd, 5)}` : '',
  ]
    .filter(Boolean)
    .join('<br>');
  const error = s.error ? `<div class="error"><b>${e(String(s.error.kind))} error</b>: ${e(String(s.error.message))}</div>` : '';
  const raw =
    s.rawResponse !== null && s.rawResponse !== undefined
      ? `<details><summary>raw answer</summary><pre>${e(String(s.rawResponse))}</pre></details>`
      : '';
  return `<tr class="${classes}"><td class="num">${num(s.index)}</td><td>${e(String(s.provider))}<br><span class="muted">${e(String(s.model))}</span></td><td>${obs}${error}</td><td>${belief(s.privateBelief, h.states)}</td><td>${action}</td><td>${transition(s.publicBeliefBefore, s.publicBeliefAfter, h.states)}</td><td>${flags}</td><td>${usage}</td><td>${raw}</td></tr>`;
}

export function chainSection(
  header: RunHeader,
  item: number,
  steps: readonly StepRecord[],
  summary: ItemSummary | undefined,
  multiple: boolean,
): string {
  const title = multiple ? `<h2 id="item-${num(item)}">Item ${num(item + 1)}</h2>` : '<h2>Chain</h2>';
  const text = summary?.text ? `<blockquote>${e(String(summary.text))}</blockquote>` : '';
  const label = summary && summary.label !== null ? `<p>label: <b>${e(labelOf(header.states, summary.label))}</b></p>` : '';
  const head =
    '<tr><th>agent</th><th>model</th><th>private observation</th><th>private belief η</th><th>action</th><th>public belief π before → after</th><th>flags</th><th>usage</th><th>raw</th></tr>';
  return `<section>${title}${text}${label}${posteriorChartSvg(steps, { states: header.states, agents: header.agents })}<table class="steps"><thead>${head}</thead><tbody>${steps.map((s) => stepRow(s, header)).join('')}</tbody></table></section>`;
}
