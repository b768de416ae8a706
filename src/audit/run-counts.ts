// The running counts of a run (sufficient statistics): added to as each item finishes, stored with the run, and all
// that the dataset overview, the revealed-preference tables and the sensor check need — no step is ever reloaded.
import type { DecisionModel } from '../core/model';
import type { ItemSummary } from '../shared/run-header';
import type { StepError, StepRecord } from '../shared/step-record';
import { finalActionOf, isWrongHerd } from './item-facts';

/** Environments by public belief: π_{k−1}(0) in [0, 1/B), [1/B, 2/B), …, [(B−1)/B, 1]. */
export const PRIOR_BINS = 5;

export interface RunCounts {
  version: 1;
  states: number;
  actions: number;
  observations: number;
  agents: number;
  /** Finished items, and those with a label. */
  items: number;
  labelled: number;
  /** Items whose chain entered the cascade region, and their herding steps: herdingSteps[k−1] items herded at agent k. */
  herded: number;
  herdingSteps: number[];
  /** Labelled items that herded on an action outside argmax_a u(label, a). */
  wrongHerds: number;
  /** Per label x (index x): labelled items, those whose chain herded, and those that herded wrongly (as wrongHerds). */
  labelledByLabel: number[];
  herdedByLabel: number[];
  wrongHerdsByLabel: number[];
  /** Labelled items whose final public belief's argmax equals the label. */
  finalCorrect: number;
  /** confusion[label][final public action] (the last agent's action that exists). */
  confusion: number[][];
  /** Per agent position k (index k−1), labelled steps with an action, and those whose action is optimal for the label. */
  agentDecisions: number[];
  agentCorrect: number[];
  /** Labelled steps with an action before the item's herding step, and at or after it (items that never herded count as before). */
  beforeHerding: { n: number; correct: number };
  afterHerding: { n: number; correct: number };
  /** actionCounts[k−1][a] over every finished item. */
  actionCounts: number[][];
  /** Revealed-preference choice data: [k−1][label][action] and [bin][label][action] over labelled steps with an action. */
  labelActionByAgent: number[][][];
  labelActionByPriorBin: number[][][];
  /** Sensor check: [label][y] over labelled steps that have an observation. */
  observationsByLabel: number[][];
  /** Steps with an error, by kind. */
  errorSteps: number;
  errorsByKind: Partial<Record<StepError['kind'], number>>;
  /** Interacting mode: steps flagged as empirical herding. */
  empiricalHerding: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface CountDims {
  states: number;
  actions: number;
  observations: number;
  agents: number;
}

export function emptyCounts(dims: CountDims): RunCounts {
  const { states: X, actions: A, observations: Y, agents: N } = dims;
  return {
    version: 1,
    ...dims,
    items: 0,
    labelled: 0,
    herded: 0,
    herdingSteps: zeros(N),
    wrongHerds: 0,
    labelledByLabel: zeros(X),
    herdedByLabel: zeros(X),
    wrongHerdsByLabel: zeros(X),
    finalCorrect: 0,
    confusion: matrix(X, A),
    agentDecisions: zeros(N),
    agentCorrect: zeros(N),
    beforeHerding: { n: 0, correct: 0 },
    afterHerding: { n: 0, correct: 0 },
    actionCounts: matrix(N, A),
    labelActionByAgent: Array.from({ length: N }, () => matrix(X, A)),
    labelActionByPriorBin: Array.from({ length: PRIOR_BINS }, () => matrix(X, A)),
    observationsByLabel: matrix(X, Y),
    errorSteps: 0,
    errorsByKind: {},
    empiricalHerding: 0,
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
  };
}

/** The actions optimal for each state: optimal[x][a] ⇔ u(x, a) = max_a' u(x, a'). */
export function optimalActions(model: Pick<DecisionModel, 'utility'> & Partial<DecisionModel>): boolean[][] {
  return model.utility.map((row) => {
    const best = Math.max(...row);
    return row.map((u) => u === best);
  });
}

/** Adds one finished item and its steps (any order; steps past `agents` are ignored). Mutates `counts`. */
export function addItem(counts: RunCounts, item: ItemSummary, steps: readonly StepRecord[], optimal: readonly boolean[][]): void {
  const ordered = [...steps].filter((s) => s.index >= 1 && s.index <= counts.agents).sort((a, b) => a.index - b.index);
  const label = item.label;
  counts.items += 1;
  if (item.herdingStep !== null) {
    counts.herded += 1;
    if (item.herdingStep >= 1 && item.herdingStep <= counts.agents) counts.herdingSteps[item.herdingStep - 1] += 1;
  }
  for (const step of ordered) {
    if (step.error) {
      counts.errorSteps += 1;
      counts.errorsByKind[step.error.kind] = (counts.errorsByKind[step.error.kind] ?? 0) + 1;
    }
    if (step.herding) counts.empiricalHerding += 1;
    counts.promptTokens += step.tokens?.prompt ?? 0;
    counts.completionTokens += step.tokens?.completion ?? 0;
    counts.costUsd += step.costUsd ?? 0;
    if (step.action !== null) counts.actionCounts[step.index - 1][step.action] += 1;
    if (label === null) continue;
    if (step.observation) counts.observationsByLabel[label][step.observation.index] += 1;
    if (step.action === null) continue;
    const correct = optimal[label][step.action] ? 1 : 0;
    counts.agentDecisions[step.index - 1] += 1;
    counts.agentCorrect[step.index - 1] += correct;
    const phase = item.herdingStep !== null && step.index >= item.herdingStep ? counts.afterHerding : counts.beforeHerding;
    phase.n += 1;
    phase.correct += correct;
    counts.labelActionByAgent[step.index - 1][label][step.action] += 1;
    counts.labelActionByPriorBin[priorBin(step.publicBeliefBefore[0])][label][step.action] += 1;
  }
  if (label === null) return;
  counts.labelled += 1;
  counts.labelledByLabel[label] += 1;
  if (item.herdingStep !== null) counts.herdedByLabel[label] += 1;
  if (isWrongHerd(item, optimal)) {
    counts.wrongHerds += 1;
    counts.wrongHerdsByLabel[label] += 1;
  }
  if (argmax(item.finalPublicBelief) === label) counts.finalCorrect += 1;
  const finalAction = finalActionOf(ordered);
  if (finalAction !== null) counts.confusion[label][finalAction] += 1;
}

/**
 * Revealed-preference choice data per label, [label][action] over every labelled step with an action: the label
 * environments' tables. Derived from labelActionByAgent (the same steps, by agent position), so it is not stored twice
 * and runs recorded before the label grouping existed have it too.
 */
export function labelActionTotals(counts: Pick<RunCounts, 'labelActionByAgent' | 'states' | 'actions'>): number[][] {
  const totals = matrix(counts.states, counts.actions);
  for (const table of counts.labelActionByAgent) table.forEach((row, x) => row.forEach((n, a) => (totals[x][a] += n)));
  return totals;
}

/** Sums counts of the same shape (e.g. two halves of a run). */
export function mergeCounts(a: RunCounts, b: RunCounts): RunCounts {
  if (a.states !== b.states || a.actions !== b.actions || a.observations !== b.observations || a.agents !== b.agents) {
    throw new Error('mergeCounts: counts of different shapes');
  }
  const out = structuredClone(a);
  const add = (x: unknown, y: unknown): unknown =>
    Array.isArray(x) ? x.map((v, i) => add(v, (y as unknown[])[i])) : typeof x === 'number' ? x + (y as number) : x;
  for (const key of Object.keys(out) as Array<keyof RunCounts>) {
    if (key === 'version' || key === 'states' || key === 'actions' || key === 'observations' || key === 'agents') continue;
    if (key === 'errorsByKind') continue;
    const value =
      key === 'beforeHerding' || key === 'afterHerding'
        ? { n: a[key].n + b[key].n, correct: a[key].correct + b[key].correct }
        : add(a[key], b[key]);
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  for (const [kind, n] of Object.entries(b.errorsByKind)) {
    const k = kind as StepError['kind'];
    out.errorsByKind[k] = (out.errorsByKind[k] ?? 0) + (n ?? 0);
  }
  return out;
}

export function priorBin(p: number): number {
  return Math.min(PRIOR_BINS - 1, Math.max(0, Math.floor(p * PRIOR_BINS)));
}

/** First index of the largest entry (ties to the lowest state, as the filter's actions). */
function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

const zeros = (n: number) => new Array<number>(n).fill(0);
const matrix = (rows: number, cols: number) => Array.from({ length: rows }, () => zeros(cols));
