// Compare two runs (issue 10 §4): each run's overview, revealed preferences and sensor check side by side, and the
// rows both ran (paired by the SHA-256 of the text) with McNemar's test on paired correctness and the rows where one
// run herded wrongly and the other did not. items.jsonl is streamed; per row only a hash and a few numbers are kept.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { mcnemar, type McNemarResult } from '../core/statistics';
import type { DatasetOverview, Rate } from '../shared/dataset-overview';
import { datasetOverview, rateOf } from './overview-from-counts';
import { optimalActions } from './run-counts';
import { forEachJsonLine, loadRunContext, runCounts, type RunContext } from './run-files';
import type { ItemSummary } from './run-types';
import { checkSensor, type SensorCheck } from './sensor-check';

/** Disagreements listed (the count is always complete). */
export const MAX_DISAGREEMENTS = 200;
const SNIPPET = 160;

export interface RunSide {
  runDir: string;
  runId: string;
  title: string;
  profileName: string;
  providerSummary: string;
  mode: string;
  simulated: boolean;
  datasetFile: string | null;
  states: string[];
  actions: string[];
  overview: DatasetOverview;
  sensor: SensorCheck;
}

export interface ItemOutcome {
  item: number;
  herdingStep: number | null;
  herdAction: number | null;
  /** null without a label. */
  wrongHerd: boolean | null;
  correct: boolean | null;
}

export interface Disagreement {
  text: string;
  label: number | null;
  a: ItemOutcome;
  b: ItemOutcome;
}

export interface PairedRates {
  herding: Rate;
  wrongHerd: Rate;
  accuracy: Rate;
}

export interface RunComparison {
  a: RunSide;
  b: RunSide;
  common: {
    rows: number;
    onlyA: number;
    onlyB: number;
    /** Both runs audited the same rows (same file, every row in both). */
    sameRows: boolean;
    /** Common rows whose two runs carry different labels (left out of the paired correctness test). */
    labelMismatches: number;
    note: string;
  };
  /** The headline rates of each run over the common rows only. */
  paired: { a: PairedRates; b: PairedRates };
  /** McNemar on paired correctness (final belief's argmax = label) over common rows labelled alike in both; null without such rows. */
  mcnemar: (McNemarResult & { pairs: number; bothRight: number; bothWrong: number }) | null;
  /** Common rows where exactly one run herded on a wrong action. */
  disagreements: { total: number; aWrongOnly: number; bWrongOnly: number; shown: Disagreement[] };
}

interface RowFacts extends ItemOutcome {
  hash: string;
  label: number | null;
}

export async function compareRuns(runDirA: string, runDirB: string): Promise<RunComparison> {
  const [ctxA, ctxB] = [await loadRunContext(runDirA), await loadRunContext(runDirB)];
  const a = await side(ctxA);
  const b = await side(ctxB);
  const rowsA = keyed(await rowFacts(ctxA));
  const rowsB = keyed(await rowFacts(ctxB));
  const pairs: Array<[RowFacts, RowFacts]> = [];
  for (const [key, rb] of rowsB) {
    const ra = rowsA.get(key);
    if (ra) pairs.push([ra, rb]);
  }
  const onlyA = rowsA.size - pairs.length;
  const onlyB = rowsB.size - pairs.length;
  const sameFile = a.datasetFile !== null && a.datasetFile === b.datasetFile;
  const sameRows = onlyA === 0 && onlyB === 0;
  const labelMismatches = pairs.filter(([ra, rb]) => ra.label !== null && rb.label !== null && ra.label !== rb.label).length;
  const statesDiffer = a.states.join('\u0000') !== b.states.join('\u0000');
  const base = sameRows
    ? `both runs cover the same ${pairs.length} rows${sameFile ? '' : ' (matched by text, from different dataset files)'}`
    : `the runs cover different rows: compared on their ${pairs.length} common rows (matched by the SHA-256 of the text); ${onlyA} rows only in A, ${onlyB} only in B`;
  const note = statesDiffer ? `${base}; the two profiles name different states (labels are compared by index)` : base;

  let bothRight = 0;
  let bothWrong = 0;
  let onlyARight = 0;
  let onlyBRight = 0;
  const disagreeing: Array<[RowFacts, RowFacts]> = [];
  let aWrongOnly = 0;
  let bWrongOnly = 0;
  for (const [ra, rb] of pairs) {
    if (ra.correct !== null && rb.correct !== null && ra.label === rb.label) {
      if (ra.correct && rb.correct) bothRight++;
      else if (!ra.correct && !rb.correct) bothWrong++;
      else if (ra.correct) onlyARight++;
      else onlyBRight++;
    }
    if (ra.wrongHerd !== null && rb.wrongHerd !== null && ra.wrongHerd !== rb.wrongHerd) {
      if (ra.wrongHerd) aWrongOnly++;
      else bWrongOnly++;
      if (disagreeing.length < MAX_DISAGREEMENTS) disagreeing.push([ra, rb]);
    }
  }
  const pairsTested = bothRight + bothWrong + onlyARight + onlyBRight;
  const texts = await textsOf(ctxB.runDir, new Set(disagreeing.map(([, rb]) => rb.item)));
  return {
    a,
    b,
    common: { rows: pairs.length, onlyA, onlyB, sameRows, labelMismatches, note },
    paired: { a: pairedRates(pairs.map(([ra]) => ra)), b: pairedRates(pairs.map(([, rb]) => rb)) },
    mcnemar: pairsTested > 0 ? { ...mcnemar(onlyARight, onlyBRight), pairs: pairsTested, bothRight, bothWrong } : null,
    disagreements: {
      total: aWrongOnly + bWrongOnly,
      aWrongOnly,
      bWrongOnly,
      shown: disagreeing.map(([ra, rb]) => ({
        text: texts.get(rb.item) ?? '',
        label: ra.label ?? rb.label,
        a: outcome(ra),
        b: outcome(rb),
      })),
    },
  };
}

async function side(ctx: RunContext): Promise<RunSide> {
  const h = ctx.meta.header;
  const counts = await runCounts(ctx.runDir, ctx);
  return {
    runDir: ctx.runDir,
    runId: h.runId,
    title: h.title,
    profileName: h.profileName,
    providerSummary: h.providerSummary,
    mode: h.mode,
    simulated: h.simulated,
    datasetFile: ctx.meta.dataset?.file ?? null,
    states: h.states,
    actions: h.actions,
    overview: await datasetOverview(counts, 'agent'),
    sensor: checkSensor(counts.observationsByLabel, ctx.model.likelihood, h.states),
  };
}

/** One record per finished item (the last line of an item wins), holding the text's hash instead of the text. */
async function rowFacts(ctx: RunContext): Promise<Map<number, RowFacts>> {
  const optimal = optimalActions(ctx.model);
  const rows = new Map<number, RowFacts>();
  await forEachJsonLine<ItemSummary>(path.join(ctx.runDir, 'items.jsonl'), (s) => {
    if (!Number.isInteger(s?.item) || typeof s.text !== 'string') return;
    const label = s.label ?? null;
    const herded = s.herdingStep !== null && s.herdingStep !== undefined;
    rows.set(s.item, {
      item: s.item,
      hash: textHash(s.text),
      label,
      herdingStep: s.herdingStep ?? null,
      herdAction: s.herdAction ?? null,
      wrongHerd: label === null ? null : herded && s.herdAction !== null && !optimal[label]?.[s.herdAction],
      correct: label === null ? null : argmax(s.finalPublicBelief ?? []) === label,
    });
  });
  return rows;
}

/** Rows keyed by text hash; the k-th repeat of a text within a run gets the key hash#k, so duplicates pair in order. */
function keyed(rows: Map<number, RowFacts>): Map<string, RowFacts> {
  const seen = new Map<string, number>();
  const out = new Map<string, RowFacts>();
  for (const row of [...rows.values()].sort((x, y) => x.item - y.item)) {
    const k = seen.get(row.hash) ?? 0;
    seen.set(row.hash, k + 1);
    out.set(`${row.hash}#${k}`, row);
  }
  return out;
}

export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function pairedRates(rows: readonly RowFacts[]): PairedRates {
  const labelled = rows.filter((r) => r.label !== null);
  return {
    herding: rateOf(rows.filter((r) => r.herdingStep !== null).length, rows.length),
    wrongHerd: rateOf(labelled.filter((r) => r.wrongHerd).length, labelled.length),
    accuracy: rateOf(labelled.filter((r) => r.correct).length, labelled.length),
  };
}

const outcome = (r: RowFacts): ItemOutcome => ({
  item: r.item,
  herdingStep: r.herdingStep,
  herdAction: r.herdAction,
  wrongHerd: r.wrongHerd,
  correct: r.correct,
});

async function textsOf(runDir: string, items: ReadonlySet<number>): Promise<Map<number, string>> {
  const texts = new Map<number, string>();
  if (items.size === 0) return texts;
  await forEachJsonLine<ItemSummary>(path.join(runDir, 'items.jsonl'), (s) => {
    if (items.has(s?.item) && typeof s.text === 'string')
      texts.set(s.item, s.text.length > SNIPPET ? `${s.text.slice(0, SNIPPET - 1)}…` : s.text);
  });
  return texts;
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
