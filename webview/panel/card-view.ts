// One agent's card: what it privately observed, what it believed, what it did, and what the public learned.
import type { RunHeader } from '../../src/shared/protocol';
import type { StepRecord } from '../../src/shared/step-record';
import { el, replaceChildren } from './dom';
import { argmax, disagrees } from './herding';
import { labelOf, ms, prob, signed, usd } from './format';

/** Above this many states a card shows the most probable state instead of every component. */
const MAX_LISTED_STATES = 4;

export interface CardContext {
  header: RunHeader;
  isExpanded(step: StepRecord): boolean;
  setExpanded(step: StepRecord, open: boolean): void;
}

export function renderCard(row: HTMLElement, step: StepRecord, ctx: CardContext): void {
  const headingId = `agent-${step.item}-${step.index}`;
  row.setAttribute('aria-labelledby', headingId);
  row.setAttribute('data-agent', String(step.index));
  const classes = ['card'];
  if (step.cascade) classes.push('in-cascade');
  if (step.herding) classes.push('herding');
  if (disagrees(step)) classes.push('disagrees');
  if (step.error) classes.push('has-error');

  const card = el(
    'div',
    { class: classes.join(' ') },
    head(step, headingId),
    el(
      'div',
      { class: 'card-grid' },
      observation(step),
      privateBelief(step, ctx.header),
      action(step, ctx.header),
      posterior(step, ctx.header),
    ),
    footer(step),
    step.error
      ? el(
          'div',
          { class: 'card-error', role: 'note' },
          el('span', { class: 'error-kind' }, `${step.error.kind} error`),
          ': ',
          step.error.message,
        )
      : null,
    step.rawResponse !== null ? rawAnswer(step, ctx) : null,
  );
  row.appendChild(card);
}

function head(step: StepRecord, headingId: string): HTMLElement {
  const flags: HTMLElement[] = [];
  const flag = (text: string, cls: string, title: string) => flags.push(el('span', { class: `flag ${cls}`, title }, text));
  if (step.cascade)
    flag(
      'cascade',
      'flag-cascade',
      'The public belief before this agent was in the herding region: no observation could change its action.',
    );
  if (step.herding)
    flag('herding', 'flag-herding', "The LLM's action departs from its own observation and follows its predecessors' majority.");
  if (disagrees(step)) flag('LLM ≠ Bayes', 'flag-disagree', "The LLM's action differs from the Bayes-rational action.");
  if (step.rp)
    flag(
      `RP ${step.rp.passes ? 'pass' : 'fail'} ${signed(step.rp.niasMargin)}`,
      step.rp.passes ? 'flag-pass' : 'flag-fail',
      'Revealed-preference (NIAS) verdict for this agent.',
    );
  if (step.simulated) flag('simulated', 'flag-simulated', 'Observation from the simulated sensor or the demo cassette, not a live model.');
  if (step.cached) flag('cached', 'flag-muted', 'Answer served from the response cache.');
  const who = [step.provider, step.model].filter((s) => s.length > 0).join(' · ');
  return el(
    'div',
    { class: 'card-head' },
    el('h3', { id: headingId }, `Agent ${step.index}`),
    el('span', { class: 'flags' }, ...flags),
    el('span', { class: 'who', title: who }, who),
  );
}

function section(title: string, ...body: (Node | string | null)[]): HTMLElement {
  return el('div', { class: 'card-section' }, el('div', { class: 'section-title' }, title), ...body);
}

function observation(step: StepRecord): HTMLElement {
  if (!step.observation) return section('Private observation', el('span', { class: 'muted' }, 'none'));
  const chips = Object.entries(step.observation.attributes).map(([name, value]) =>
    el(
      'span',
      { class: `chip ${value === true ? 'chip-on' : value === false ? 'chip-off' : ''}` },
      el('span', { class: 'chip-name' }, name),
      el('span', { class: 'chip-value' }, String(value)),
    ),
  );
  return section(
    'Private observation',
    el(
      'div',
      { class: 'chips' },
      ...chips,
      el('span', { class: 'chip chip-index', title: 'observation index' }, `y = ${step.observation.index}`),
    ),
  );
}

/** A stacked bar of a belief vector, drawn with CSSOM widths (no style attribute, so the CSP needs no unsafe-inline). */
function beliefBar(belief: readonly number[], states: readonly string[], label: string): HTMLElement {
  const bar = el('div', {
    class: 'belief-bar',
    role: 'img',
    'aria-label': `${label}: ${belief.map((p, i) => `${labelOf(states, i)} ${prob(p)}`).join(', ')}`,
  });
  belief.forEach((p, i) => {
    const segment = el('span', { class: `segment series-fill-${i % 8}`, title: `${labelOf(states, i)}: ${prob(p)}` });
    segment.style.width = `${Math.max(0, Math.min(1, p)) * 100}%`;
    bar.appendChild(segment);
  });
  return bar;
}

function beliefText(belief: readonly number[], states: readonly string[]): string {
  if (belief.length <= MAX_LISTED_STATES) return belief.map((p, i) => `${labelOf(states, i)} ${prob(p)}`).join(' · ');
  const map = argmax(belief);
  return `most probable: ${labelOf(states, map)} ${prob(belief[map])}`;
}

function privateBelief(step: StepRecord, header: RunHeader): HTMLElement {
  if (!step.privateBelief) return section('Private belief η', el('span', { class: 'muted' }, 'none'));
  return section(
    'Private belief η',
    beliefBar(step.privateBelief, header.states, 'Private belief'),
    el('div', { class: 'small' }, beliefText(step.privateBelief, header.states)),
  );
}

function action(step: StepRecord, header: RunHeader): HTMLElement {
  const actions = header.actions;
  if (header.mode === 'interacting') {
    const differ = disagrees(step);
    return section(
      'Action',
      el(
        'div',
        { class: `action-pair ${differ ? 'differ' : ''}` },
        el(
          'span',
          { class: 'action-llm' },
          el('span', { class: 'muted' }, 'LLM '),
          el('strong', {}, labelOf(actions, step.llmAction ?? step.action)),
        ),
        el(
          'span',
          { class: 'action-bayes' },
          el('span', { class: 'muted' }, 'Bayes '),
          el('strong', {}, labelOf(actions, step.bayesAction)),
        ),
      ),
      differ ? el('div', { class: 'small differ-note' }, 'the LLM departs from the Bayes-rational action') : null,
    );
  }
  return section('Action', el('strong', { class: 'action-public' }, labelOf(actions, step.action)));
}

function posterior(step: StepRecord, header: RunHeader): HTMLElement {
  const states = header.states;
  const rows: HTMLElement[] = [];
  const shown = states.length <= MAX_LISTED_STATES ? states.map((_, i) => i) : [argmax(step.publicBeliefAfter)];
  for (const i of shown) {
    const before = step.publicBeliefBefore[i] ?? 0;
    const after = step.publicBeliefAfter[i] ?? 0;
    const trend = after > before + 1e-9 ? 'up' : after < before - 1e-9 ? 'down' : 'flat';
    rows.push(
      el(
        'div',
        { class: `posterior-row trend-${trend}` },
        el('span', { class: 'state-name' }, labelOf(states, i)),
        ` ${prob(before)} → `,
        el('strong', {}, prob(after)),
      ),
    );
  }
  return section('Public belief π before → after', beliefBar(step.publicBeliefAfter, states, 'Public belief after'), ...rows);
}

function footer(step: StepRecord): HTMLElement {
  const parts: string[] = [];
  if (step.tokens) parts.push(`${step.tokens.prompt} + ${step.tokens.completion} tokens`);
  parts.push(ms(step.latencyMs));
  if (step.costUsd !== null) parts.push(usd(step.costUsd));
  if (step.promptHash) parts.push(`prompt ${step.promptHash}`);
  return el('div', { class: 'card-foot' }, parts.join(' · '));
}

function rawAnswer(step: StepRecord, ctx: CardContext): HTMLElement {
  const open = ctx.isExpanded(step);
  const body = el('div', { class: 'raw-body' });
  const collapsible = el('vscode-collapsible', { class: 'raw-answer', heading: 'Raw answer', open });
  collapsible.appendChild(body);
  // The text goes into the DOM only when opened, so a thousand closed cards carry no answer text.
  const fill = (isOpen: boolean) => replaceChildren(body, isOpen ? el('pre', { class: 'raw-text' }, step.rawResponse ?? '') : null);
  fill(open);
  collapsible.addEventListener('vsc-collapsible-toggle', (event) => {
    const isOpen = (event as CustomEvent<{ open: boolean }>).detail.open;
    fill(isOpen);
    ctx.setExpanded(step, isOpen);
  });
  return collapsible;
}
