import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addItem, emptyCounts, optimalActions } from '../../src/audit/run-counts';
import {
  countsFromRunFiles,
  forEachChain,
  forEachCompleteItemSummary,
  forEachFinishedItem,
  forEachItemSummary,
  loadRunContext,
  runCounts,
} from '../../src/audit/run-files';
import type { ItemSummary } from '../../src/shared/run-header';
import { RunStore } from '../../src/audit/run-store';
import { twoStateProfileJson } from './fixtures';
import { makeRun, rowsOf } from './run-fixtures';

// Row i has label i % 2; agent k of row i answers the label, except every 4th row's agents 1–2 answer the other state,
// and row 7's agent 3 fails.
const rule = (item: number, agent: number, label: number | null) =>
  item === 7 && agent === 3 ? null : item % 4 === 0 && agent <= 2 ? 1 - (label ?? 0) : (label ?? 0);

describe('reading a stored run without loading it whole', () => {
  it('countsFromRunFiles equals the counts of the fully loaded run, item by item', async () => {
    const run = await makeRun(twoStateProfileJson(), rowsOf(Array.from({ length: 23 }, (_, i) => (i === 5 ? null : i % 2))), rule);
    const streamed = await countsFromRunFiles(run.runDir);
    const loaded = await new RunStore(run.runsDir).load(run.runId);
    const expected = emptyCounts({ states: 2, actions: 2, observations: 2, agents: 6 });
    for (const item of loaded.items)
      addItem(
        expected,
        item,
        loaded.steps.filter((s) => s.item === item.item),
        optimalActions(run.model),
      );
    assert.equal(streamed.costUsd.toFixed(9), expected.costUsd.toFixed(9));
    assert.deepEqual({ ...streamed, costUsd: 0 }, { ...expected, costUsd: 0 });
    assert.equal(streamed.items, 23);
    assert.equal(streamed.labelled, 22);
    assert.equal(streamed.errorSteps, 1);
    // Hand check of the sensor counts: 22 labelled rows × 6 agents, one failed; rows 0, 4, 8, 12, 16, 20 answer wrongly at agents 1–2.
    const wrong = [0, 4, 8, 12, 16, 20].length * 2;
    assert.equal(
      streamed.observationsByLabel.flat().reduce((a, b) => a + b, 0),
      22 * 6 - 1,
    );
    assert.equal(streamed.observationsByLabel[0][1] + streamed.observationsByLabel[1][0], wrong);
  });

  it('ignores steps of unfinished items and torn lines, and keeps the last record of a repeated step', async () => {
    const run = await makeRun(twoStateProfileJson(), rowsOf([0, 1, 0, 1]), rule);
    const before = await countsFromRunFiles(run.runDir);
    const stepsFile = path.join(run.runDir, 'steps.jsonl');
    const lines = readFileSync(stepsFile, 'utf8').trim().split('\n');
    const first = JSON.parse(lines[0]);
    appendFileSync(stepsFile, `${JSON.stringify({ ...first, item: 99 })}\n`); // an item that never finished
    appendFileSync(stepsFile, `${lines[0]}\n`); // a repeat of the same step
    appendFileSync(stepsFile, '{"runId": "torn'); // a crash mid-line
    let handed = 0;
    const result = await forEachFinishedItem(run.runDir, 6, (item, steps) => {
      handed++;
      assert.deepEqual(
        steps.map((s) => s.index),
        [1, 2, 3, 4, 5, 6],
      );
      assert.notEqual(item.item, 99);
    });
    assert.equal(handed, 4);
    assert.equal(result.skippedLines, 1);
    assert.deepEqual(await countsFromRunFiles(run.runDir), before);
  });

  it('runCounts prefers the counts stored in run.json when they have the run’s shape', async () => {
    const run = await makeRun(twoStateProfileJson(), rowsOf([0, 1]), rule);
    const runFile = path.join(run.runDir, 'run.json');
    const meta = JSON.parse(readFileSync(runFile, 'utf8'));
    const stored = { ...(await countsFromRunFiles(run.runDir)), items: 1234 };
    writeFileSync(runFile, JSON.stringify({ ...meta, counts: stored }));
    assert.equal((await runCounts(run.runDir)).items, 1234);
    writeFileSync(runFile, JSON.stringify({ ...meta, counts: { ...stored, agents: 3 } })); // wrong shape: rebuilt from the files
    assert.equal((await runCounts(run.runDir)).items, 2);
    assert.equal((await loadRunContext(run.runDir)).meta.header.runId, run.runId);
  });

  it('each summary’s final action and wrong herd add up to the confusion table and the wrong-herd count of the counts', async () => {
    // Rows ≡ 0 (mod 4) answer the other state at agents 1–2; with B and π_0 of the fixture they herd on it (wrongly).
    const labels = Array.from({ length: 17 }, (_, i) => (i === 5 ? null : i % 2));
    const run = await makeRun(twoStateProfileJson(), rowsOf(labels), rule);
    const counts = await runCounts(run.runDir);
    const summaries: ItemSummary[] = [];
    await forEachItemSummary(run.runDir, (s) => void summaries.push(s));
    assert.equal(summaries.length, 17);
    const confusion = [
      [0, 0],
      [0, 0],
    ];
    for (const s of summaries) {
      assert.notEqual(s.finalAction, undefined, `item ${s.item} carries its final action`);
      if (s.label !== null && s.finalAction !== null && s.finalAction !== undefined) confusion[s.label][s.finalAction] += 1;
      assert.equal(s.wrongHerd === null, s.label === null);
    }
    assert.deepEqual(confusion, counts.confusion);
    assert.equal(summaries.filter((s) => s.wrongHerd === true).length, counts.wrongHerds);
    assert.ok(counts.wrongHerds > 0, 'the rule makes some rows herd wrongly');
  });

  it('summaries of a run recorded before they carried finalAction and wrongHerd are completed from the steps', async () => {
    const run = await makeRun(twoStateProfileJson(), rowsOf([0, 1, null, 1, 0, 1, 0, 0, 1]), rule);
    const itemsFile = path.join(run.runDir, 'items.jsonl');
    const current: ItemSummary[] = readFileSync(itemsFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const strip = ({ finalAction: _f, wrongHerd: _w, ...rest }: ItemSummary) => rest;
    writeFileSync(itemsFile, current.map((s) => JSON.stringify(strip(s))).join('\n') + '\n');
    const optimal = optimalActions(run.model);
    const completed = new Map<number, ItemSummary>();
    await forEachCompleteItemSummary(run.runDir, 6, optimal, (s) => void completed.set(s.item, s));
    assert.equal(completed.size, current.length);
    for (const s of current) assert.deepEqual(completed.get(s.item), s);
    // Without the optimal actions the final action is still found; wrongHerd stays absent (unknown), not false.
    const partial = new Map<number, ItemSummary>();
    await forEachCompleteItemSummary(run.runDir, 6, null, (s) => void partial.set(s.item, s));
    for (const s of current) assert.deepEqual(partial.get(s.item), { ...strip(s), finalAction: s.finalAction });
    // A current run is read as it is, in file order.
    writeFileSync(itemsFile, current.map((s) => JSON.stringify(s)).join('\n') + '\n');
    const plain: ItemSummary[] = [];
    await forEachCompleteItemSummary(run.runDir, 6, optimal, (s) => void plain.push(s));
    assert.deepEqual(plain, current);
  });

  it('hands each chain its own text, also when chains finish out of file order and an item was recorded twice', async () => {
    const run = await makeRun(
      twoStateProfileJson(),
      rowsOf([0, 1, 0, 1, 1, 0], (i) => `text of row ${i} ${'·'.repeat(i * 50)}`),
      rule,
    );
    const itemsFile = path.join(run.runDir, 'items.jsonl');
    const stepsFile = path.join(run.runDir, 'steps.jsonl');
    const items: ItemSummary[] = readFileSync(itemsFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // Summaries in reverse order, item 2 recorded again later with another text (the last record wins) ...
    const reordered = [...items].reverse();
    reordered.push({ ...items.find((s) => s.item === 2)!, text: 'row 2, recorded again' });
    writeFileSync(itemsFile, reordered.map((s) => JSON.stringify(s)).join('\n') + '\n');
    // ... and the steps of item 4 last, so its chain is handed over after every other.
    const steps = readFileSync(stepsFile, 'utf8').trim().split('\n');
    const isFour = (l: string) => JSON.parse(l).item === 4;
    writeFileSync(stepsFile, [...steps.filter((l) => !isFour(l)), ...steps.filter(isFour)].join('\n') + '\n');
    const seen = new Map<number, string>();
    await forEachChain(
      run.runDir,
      6,
      (item, summary, chain) => {
        assert.equal(summary?.item, item);
        assert.equal(chain.length, 6);
        seen.set(item, summary?.text ?? '<none>');
      },
      { text: true },
    );
    assert.equal(seen.size, 6);
    for (const s of items)
      assert.equal(seen.get(s.item), s.item === 2 ? 'row 2, recorded again' : `text of row ${s.item} ${'·'.repeat(s.item * 50)}`);
    // Without `text`, summaries carry no text at all; with `only`, just that item is read.
    await forEachChain(run.runDir, 6, (_item, summary) => assert.equal(summary && 'text' in summary, false));
    const one: string[] = [];
    await forEachChain(run.runDir, 6, (_item, summary) => void one.push(summary?.text ?? ''), { text: true, only: (i) => i === 3 });
    assert.deepEqual(one, [`text of row 3 ${'·'.repeat(150)}`]);
  });

  it('a directory without run.json is one clear InputError', async () => {
    await assert.rejects(loadRunContext(path.join(__dirname)), /RUN_DIR.*not a run directory/);
  });
});
