// A stored run's report written as a stream (CLI `report` and the extension's Export Run): nothing holds every step.
// CSV: every step, the text once per item; JSON: the whole run as one document, written item by item; HTML: the
// aggregates (summary, overview from the stored counts, revealed preferences) and the chains of a bounded sample.
import path from 'node:path';
import { forEachChain, itemNumbers } from '../run-files';
import { RunStore } from '../run-store';
import type { ItemSummary, LoadedRun } from '../run-types';
import type { StepRecord } from '../../shared/step-record';
import { csvHeaderLine, csvItemLines } from './csv';
import { htmlReport } from './html';
import { JSON_REPORT_FORMAT } from './json';
import { reportExtras } from './report-extras';

export type ReportFormat = 'json' | 'csv' | 'html';

/** The HTML report draws at most this many items' chains (the first by item number); the aggregates cover all. */
export const HTML_SAMPLE_ITEMS = 200;

/** Receives the report in pieces, in order; awaiting each write is the back-pressure. */
export type ReportSink = (chunk: string) => Promise<void> | void;

export interface StreamReportOptions {
  generatedAt?: string;
  /** HTML: how many items' chains to draw (default HTML_SAMPLE_ITEMS). */
  sampleItems?: number;
}

/** Writes the report of run `runId` (in `runs`, a store or its folder) to `sink`; the store's queued writes land first. */
export async function writeRunReport(
  runs: RunStore | string,
  runId: string,
  format: ReportFormat,
  sink: ReportSink,
  options: StreamReportOptions = {},
): Promise<void> {
  const store = typeof runs === 'string' ? new RunStore(runs) : runs;
  const meta = await store.readMeta(runId);
  const runDir = path.join(store.dir, runId);
  const agents = meta.header.agents;
  if (format === 'csv') {
    await sink(csvHeaderLine());
    await forEachChain(runDir, agents, (_item, summary, steps) => sink(csvItemLines(steps, meta.header.actions, summary)), {
      text: true,
      unfinished: true,
    });
  } else if (format === 'json') {
    const head = JSON.stringify({ format: JSON_REPORT_FORMAT, ...meta }, null, 2);
    await sink(`${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "items": [`);
    let first = true;
    await forEachChain(
      runDir,
      agents,
      (_item, summary) => {
        if (!summary) return;
        const piece = `${first ? '' : ','}\n    ${JSON.stringify(summary)}`;
        first = false;
        return sink(piece);
      },
      { text: true },
    );
    await sink(`\n  ],\n  "steps": [`);
    first = true;
    await forEachChain(
      runDir,
      agents,
      (_item, _summary, steps) => {
        if (steps.length === 0) return;
        const piece = `${first ? '' : ','}\n    ${steps.map((s) => JSON.stringify(s)).join(',\n    ')}`;
        first = false;
        return sink(piece);
      },
      { unfinished: true },
    );
    await sink('\n  ]\n}\n');
  } else {
    const limit = options.sampleItems ?? HTML_SAMPLE_ITEMS;
    const all = await itemNumbers(runDir);
    const chosen = new Set(all.slice(0, limit));
    const items: ItemSummary[] = [];
    const steps: StepRecord[] = [];
    const read = await forEachChain(
      runDir,
      agents,
      (_item, summary, chain) => {
        if (summary) items.push(summary);
        steps.push(...chain);
      },
      { text: true, unfinished: true, only: (item) => chosen.has(item) },
    );
    items.sort((a, b) => a.item - b.item);
    steps.sort((a, b) => a.item - b.item || a.index - b.index);
    const run: LoadedRun = { meta, items, steps, skippedLines: read.skippedLines };
    const extras = await reportExtras(runDir);
    await sink(
      htmlReport(run, {
        generatedAt: options.generatedAt,
        overview: extras.overview,
        sensor: extras.sensor,
        forecast: extras.forecast,
        overviewError: meta.header.kind === 'dataset' ? extras.reason : undefined,
        sample: all.length > chosen.size ? { shown: chosen.size, total: all.length } : undefined,
      }),
    );
  }
}
