// The readable text form of `herdscope forecast`: per true state, when and how wrongly the chain herds; the cascade region.
import type { CascadeRegion, ForecastResult, PriorInterval } from '../core/forecast';
import { formatTable, formatVector } from './format-table';

export interface Names {
  states: string[];
  actions: string[];
}

/** Agent positions shown in the table: 1, 5, 10, 20, 50, … up to N, and N itself. */
export function shownAgents(N: number): number[] {
  const ks = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].filter((k) => k < N);
  return [...ks.slice(-4), N];
}

const pct = (p: number) => `${(100 * p).toFixed(1)}%`;
const range = (iv: [number, number]) => `${pct(iv[0])}–${pct(iv[1])}`;

export function forecastText(result: ForecastResult, names: Names, source: string): string {
  const { agents: N } = result;
  const how = result.exact
    ? `exact (${result.distinctBeliefs.toLocaleString('en')} distinct public beliefs enumerated)`
    : `Monte Carlo (${(result.chains ?? 0).toLocaleString('en')} chains per state, seed ${result.seed}; ${
        result.maxBeliefs > 0
          ? `more than ${result.maxBeliefs.toLocaleString('en')} distinct beliefs to enumerate`
          : 'enumeration off with --max-beliefs 0'
      }), 95% intervals in brackets`;
  const lines = [`HerdScope forecast: ${source}, ${N} agents, prior ${formatVector(result.prior)}`, `Computed ${how}.`, ''];
  const ks = shownAgents(N);
  const headers = ['true state', ...ks.map((k) => `herded by ${k}`), 'wrong herd', 'E[step | herds]', 'herds mostly on'];
  const rows = result.states.map((s) => {
    const iv = s.intervals;
    const top = s.herdOn.reduce((best, p, a) => (p > s.herdOn[best] ? a : best), 0);
    return [
      names.states[s.state] ?? String(s.state),
      ...ks.map((k) => pct(s.herdedBy[k - 1]) + (iv ? ` [${range(iv.herdedBy[k - 1])}]` : '')),
      pct(s.wrongHerd) + (iv ? ` [${range(iv.wrongHerd)}]` : ''),
      s.expectedHerdingStep === null
        ? 'never'
        : s.expectedHerdingStep.toFixed(2) +
          (iv?.expectedHerdingStep ? ` [${iv.expectedHerdingStep.map((x) => x.toFixed(2)).join('–')}]` : ''),
      s.herdOn[top] > 0 ? `${names.actions[top] ?? top} (${pct(s.herdOn[top])})` : '-',
    ];
  });
  lines.push(formatTable(headers, rows, new Set(ks.map((_, c) => c + 1).concat([ks.length + 1, ks.length + 2]))).trimEnd());
  lines.push(
    '',
    'herded by k: P(the herding step is ≤ k), the herding step being the first agent whose public belief lies in the',
    'cascade region (its action cannot depend on its observation). wrong herd: herding on an action not optimal for the state.',
  );
  lines.push('', ...regionText(result.cascadeRegion, names));
  return `${lines.join('\n')}\n`;
}

function regionText(region: CascadeRegion, names: Names): string[] {
  const at = region.priorInRegion
    ? `The prior is inside it: every agent herds on ${names.actions[region.priorHerdAction ?? 0] ?? region.priorHerdAction} from agent 1.`
    : 'The prior is outside it.';
  if (region.kind === 'prior-axis') {
    const state0 = names.states[0] ?? '0';
    if (region.intervals.length === 0) return [`Cascade region: empty on the prior axis π(${state0}). ${at}`];
    return [
      `Cascade region on the prior axis π(${state0}) (${pct(region.share)} of it):`,
      ...region.intervals.map((r) => `  ${intervalText(r)}: herd on ${names.actions[r.herdAction] ?? r.herdAction}`),
      at,
    ];
  }
  const by = region.shareByAction
    .map((s, a) => (s > 0 ? `${names.actions[a] ?? a} ${pct(s)}` : null))
    .filter(Boolean)
    .join(', ');
  return [
    `Cascade region: ${pct(region.share)} of the simplex [${range(region.interval)}] (${region.samples.toLocaleString('en')} uniform points, seed ${region.seed})${by ? `; herd on ${by}` : ''}.`,
    at,
  ];
}

function intervalText(r: PriorInterval): string {
  if (r.from === r.to) return `π = ${short(r.from)}`;
  return `${r.fromIncluded ? '[' : '('}${short(r.from)}, ${short(r.to)}${r.toIncluded ? ']' : ')'}`;
}

/** Six significant digits, without trailing zeros (the JSON keeps full precision). */
const short = (x: number) => String(Number(x.toPrecision(6)));
