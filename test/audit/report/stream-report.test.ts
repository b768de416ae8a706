// Reports written as a stream from the run files: the same steps and items as the fully loaded run, the CSV text once
// per item, the HTML chains of a bounded sample (said in the report), one item's steps read alone.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { writeRunReport, type ReportFormat } from '../../../src/audit/report/stream-report';
import { readItemChain } from '../../../src/audit/run-files';
import { RunStore } from '../../../src/audit/run-store';
import { twoStateProfileJson } from '../fixtures';
import { makeRun, rowsOf, type MadeRun } from '../run-fixtures';

const rule = (item: number, agent: number, label: number | null) =>
  item === 7 && agent === 3 ? null : item % 4 === 0 && agent <= 2 ? 1 - (label ?? 0) : (label ?? 0);

async function report(run: MadeRun, format: ReportFormat, sampleItems?: number): Promise<string> {
  const chunks: string[] = [];
  await writeRunReport(run.runsDir, run.runId, format, (c) => void chunks.push(c), { sampleItems });
  return chunks.join('');
}

describe('streamed reports', () => {
  let run: MadeRun;
  before(async () => {
    run = await makeRun(
      twoStateProfileJson(),
      rowsOf(
        Array.from({ length: 23 }, (_, i) => i % 2),
        (i) => (i === 3 ? '=SUM(A1), "quoted"\nline' : `row ${i}`),
      ),
      rule,
    );
    // An item that never finished (steps but no summary) and a torn last line, as after a crash.
    const first = JSON.parse(readFileSync(path.join(run.runDir, 'steps.jsonl'), 'utf8').split('\n')[0]);
    appendFileSync(path.join(run.runDir, 'steps.jsonl'), `${JSON.stringify({ ...first, item: 40 })}\n{"runId": "to`);
  });

  it('CSV: one row per step of the loaded run, the text only on each item’s first row', async () => {
    const loaded = await new RunStore(run.runsDir).load(run.runId);
    const records = parse(await report(run, 'csv'), { columns: true }) as Array<Record<string, string>>;
    assert.equal(records.length, loaded.steps.length);
    const key = (item: unknown, agent: unknown) => `${item}:${agent}`;
    assert.deepEqual(records.map((r) => key(r.item, r.agent)).sort(), loaded.steps.map((s) => key(s.item, s.index)).sort());
    for (const r of records) {
      const item = loaded.items.find((i) => String(i.item) === r.item);
      const expected = r.agent === '1' ? (item?.text ?? '') : '';
      assert.equal(r.text, expected.startsWith('=') ? `'${expected}` : expected, `item ${r.item} agent ${r.agent}`);
    }
    assert.equal(records.find((r) => r.item === '3' && r.agent === '1')?.text, `'=SUM(A1), "quoted"\nline`);
    assert.equal(records.filter((r) => r.item === '40').length, 1, 'the unfinished item’s step is kept');
  });

  it('JSON: one document with every item and step of the loaded run', async () => {
    const loaded = await new RunStore(run.runsDir).load(run.runId);
    const doc = JSON.parse(await report(run, 'json'));
    assert.equal(doc.format, 'herdscope-run');
    assert.deepEqual(doc.header, loaded.meta.header);
    const byKey = (a: { item: number; index?: number }, b: { item: number; index?: number }) =>
      a.item - b.item || (a.index ?? 0) - (b.index ?? 0);
    assert.deepEqual(doc.items.sort(byKey), loaded.items);
    assert.deepEqual(doc.steps.sort(byKey), loaded.steps);
  });

  it('HTML: the chains of the first N items, and says how many of how many', async () => {
    const html = await report(run, 'html', 5);
    assert.match(html, /Showing the chains of the first 5 of 24 items/);
    assert.deepEqual(
      [...html.matchAll(/<h2 id="item-(\d+)">/g)].map((m) => Number(m[1])),
      [0, 1, 2, 3, 4],
    );
    const all = await report(run, 'html', 1000);
    assert.doesNotMatch(all, /Showing the chains/);
    assert.equal([...all.matchAll(/<h2 id="item-(\d+)">/g)].length, 24);
  });

  it('one item’s steps, read alone, equal that item’s steps in the loaded run', async () => {
    const loaded = await new RunStore(run.runsDir).load(run.runId);
    for (const item of [0, 7, 22, 40]) {
      const chain = await readItemChain(run.runDir, 6, item);
      assert.deepEqual(
        chain.steps,
        loaded.steps.filter((s) => s.item === item),
      );
      assert.deepEqual(
        chain.summary,
        loaded.items.find((i) => i.item === item),
      );
    }
  });
});
