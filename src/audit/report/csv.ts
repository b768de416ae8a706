// One CSV row per agent step (RFC 4180: CRLF, quoted fields), with spreadsheet formula injection neutralised.
// The item's text is written once, on its first agent row (empty on the others): a long text is not repeated per agent.
import type { LoadedRun } from '../run-types';
import type { StepRecord } from '../../shared/step-record';

const COLUMNS = [
  'run_id',
  'item',
  'label',
  'agent',
  'provider',
  'model',
  'simulated',
  'observation_index',
  'attributes',
  'private_belief',
  'action',
  'action_label',
  'bayes_action',
  'llm_action',
  'public_belief_before',
  'public_belief_after',
  'cascade',
  'herding',
  'error_kind',
  'error_message',
  'prompt_tokens',
  'completion_tokens',
  'latency_ms',
  'cost_usd',
  'prompt_hash',
  'raw_response',
  'text',
] as const;

type Cell = string | number | boolean | null | undefined;

export function csvReport(run: LoadedRun): string {
  const actions = run.meta.header.actions;
  const items = new Map(run.items.map((i) => [i.item, i]));
  const byItem = new Map<number, StepRecord[]>();
  for (const s of run.steps) byItem.set(s.item, [...(byItem.get(s.item) ?? []), s]);
  return csvHeaderLine() + [...byItem].map(([item, steps]) => csvItemLines(steps, actions, items.get(item))).join('');
}

export function csvHeaderLine(): string {
  return `${COLUMNS.map(csvField).join(',')}\r\n`;
}

/** The rows of one item's steps (in agent order); the text only on the first. */
export function csvItemLines(
  steps: readonly StepRecord[],
  actions: string[],
  item: { label: number | null; text?: string } | undefined,
): string {
  return steps
    .map(
      (s, i) =>
        `${stepRow(s, actions, item?.label ?? null, i === 0 ? (item?.text ?? '') : '')
          .map(csvField)
          .join(',')}\r\n`,
    )
    .join('');
}

function stepRow(s: StepRecord, actions: string[], label: number | null, text: string): Cell[] {
  return [
    s.runId,
    s.item,
    label,
    s.index,
    text_(s.provider),
    text_(s.model),
    s.simulated === true,
    s.observation?.index,
    s.observation ? text_(JSON.stringify(s.observation.attributes)) : null,
    beliefs(s.privateBelief),
    s.action,
    s.action === null ? null : text_(actions[s.action] ?? String(s.action)),
    s.bayesAction,
    s.llmAction,
    beliefs(s.publicBeliefBefore),
    beliefs(s.publicBeliefAfter),
    s.cascade,
    s.herding,
    s.error?.kind,
    text_(s.error?.message),
    s.tokens?.prompt,
    s.tokens?.completion,
    s.latencyMs,
    s.costUsd,
    s.promptHash,
    text_(s.rawResponse),
    text_(text),
  ];
}

const beliefs = (v: number[] | null): string | null => (v ? v.map((p) => String(p)).join(';') : null);

/** Free text (model answers, dataset texts, labels): a leading = + - @ (or tab/CR) would be a formula in a spreadsheet. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function text_(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : neutraliseFormula(value);
}

/** RFC 4180: quote fields containing a comma, quote, CR or LF; double embedded quotes. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
