import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RunItemIndex } from '../../src/audit/item-index';
import { readItemChain } from '../../src/audit/run-files';
import { twoStateProfileJson } from './fixtures';
import { makeRun, rowsOf } from './run-fixtures';

const rule = (item: number, agent: number, label: number | null) => (item % 3 === 0 && agent === 2 ? 1 - (label ?? 0) : (label ?? 0));

describe('RunItemIndex: one item of a run read from its byte range', () => {
  it('reads every item exactly as the full scan does, rows finishing interleaved', async () => {
    const run = await makeRun(twoStateProfileJson(), rowsOf(Array.from({ length: 40 }, (_, i) => i % 2)), rule, { agents: 4 });
    const index = new RunItemIndex(run.runDir);
    for (let item = 0; item < 40; item++)
      assert.deepEqual(await index.readItem(item), await readItemChain(run.runDir, 4, item), `item ${item}`);
    assert.deepEqual(await index.readItem(999), { summary: undefined, steps: [] });
  });

  it('follows appended lines, ignores a torn last line until it is complete, and re-indexes a replaced file', async () => {
    const run = await makeRun(twoStateProfileJson(), rowsOf([0, 1, 0]), rule, { agents: 2 });
    const index = new RunItemIndex(run.runDir);
    const stepsFile = path.join(run.runDir, 'steps.jsonl');
    const itemsFile = path.join(run.runDir, 'items.jsonl');
    const before = await index.readItem(1);
    assert.equal(before.steps.length, 2);

    // A new item 7 arrives, its second step torn mid-line (a writer still appending).
    const step = (item: number, index: number) => ({ ...before.steps[0], item, index });
    const line = JSON.stringify(step(7, 2));
    appendFileSync(stepsFile, `${JSON.stringify(step(7, 1))}\n${line.slice(0, 25)}`);
    assert.deepEqual(
      (await index.readItem(7)).steps.map((s) => s.index),
      [1],
    );
    appendFileSync(stepsFile, `${line.slice(25)}\n`);
    appendFileSync(itemsFile, `${JSON.stringify({ ...before.summary, item: 7 })}\n`);
    const seven = await index.readItem(7);
    assert.deepEqual(
      seven.steps.map((s) => s.index),
      [1, 2],
    );
    assert.equal(seven.summary?.item, 7);
    assert.deepEqual(seven, await readItemChain(run.runDir, 2, 7));

    // A resume rewrites steps.jsonl through a new file: item 1's lines move, item 7's are gone.
    const kept = readFileSync(stepsFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '' && JSON.parse(l).item !== 7)
      .reverse();
    writeFileSync(`${stepsFile}.tmp`, `${kept.join('\n')}\n`);
    renameSync(`${stepsFile}.tmp`, stepsFile);
    assert.deepEqual(await index.readItem(1), await readItemChain(run.runDir, 2, 1));
    assert.deepEqual((await index.readItem(7)).steps, []);
  });

  it('answers concurrent reads consistently while it builds', async () => {
    const run = await makeRun(twoStateProfileJson(), rowsOf(Array.from({ length: 25 }, (_, i) => i % 2)), rule, { agents: 3 });
    const index = new RunItemIndex(run.runDir);
    const items = Array.from({ length: 25 }, (_, i) => i);
    const [parallel, expected] = await Promise.all([
      Promise.all(items.map((i) => index.readItem(i))),
      Promise.all(items.map((i) => readItemChain(run.runDir, 3, i))),
    ]);
    assert.deepEqual(parallel, expected);
  });
});
