import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { datasetRows, listColumns, loadDataset, rowHash, scanDataset } from '../../src/audit/dataset';
import { writeParquet } from './parquet-fixtures';

const states = ['clean', 'toxic'];

describe('Parquet datasets', () => {
  it('reads text and labels (index, name, INT64) across row groups; a null text is an empty row, a null label unlabelled', async () => {
    const file = writeParquet(
      'd.parquet',
      [
        { name: 'id', data: [1, 2, 3, 4, 5], type: 'INT32' },
        { name: 'comment', data: ['hello, world', null, 'line one\nline two', 'bad', 'ünïcode ✓'], type: 'STRING' },
        { name: 'truth', data: ['clean', 'toxic', '1', 'TOXIC', null], type: 'STRING' },
        { name: 'n', data: [0n, 1n, 1n, 0n, 1n], type: 'INT64' },
      ],
      { rowGroupSize: 2 },
    );
    assert.deepEqual(await listColumns(file), ['id', 'comment', 'truth', 'n']);
    const byName = await loadDataset(file, { textColumn: 'comment', labelColumn: 'truth', states });
    assert.deepEqual(byName.rows, [
      { item: 0, text: 'hello, world', label: 0 },
      { item: 2, text: 'line one\nline two', label: 1 },
      { item: 3, text: 'bad', label: 1 },
      { item: 4, text: 'ünïcode ✓', label: null },
    ]);
    assert.equal(byName.skippedEmpty, 1);
    const byIndex = await loadDataset(file, { textColumn: 'comment', labelColumn: 'n', states });
    assert.deepEqual(
      byIndex.rows.map((r) => r.label),
      [0, 1, 0, 1],
    );
    const numeric = await loadDataset(file, { textColumn: 'comment', labelColumn: 'id', states: ['a', 'b', 'c', 'd', 'e', 'f'] });
    assert.deepEqual(
      numeric.rows.map((r) => r.label),
      [1, 3, 4, 5],
    );
  });

  it('errors name the row and column: a numeric text, a bad label, a missing column; gzip and brotli files read', async () => {
    const file = writeParquet('n.parquet', [
      { name: 'text', data: ['a', 'b', 'c'], type: 'STRING' },
      { name: 'num', data: [1, 2, 3], type: 'INT32' },
      { name: 'label', data: [0, 1, 7], type: 'INT32' },
    ]);
    await assert.rejects(loadDataset(file, { textColumn: 'num', states }), /n\.parquet row 1: 'num' is a number, not a string/);
    await assert.rejects(loadDataset(file, { labelColumn: 'label', states }), /label \(row 3\).*"7" is not a state/);
    await assert.rejects(loadDataset(file, { textColumn: 'body', states }), /no column 'body'; available: text, num, label/);
    const gz = writeParquet('g.parquet', [{ name: 'text', data: ['x', 'y'], type: 'STRING' }], { codec: 'GZIP' });
    assert.deepEqual(
      (await loadDataset(gz, { states })).rows.map((r) => r.text),
      ['x', 'y'],
    );
    const br = writeParquet('b.parquet', [{ name: 'text', data: ['x', 'y'], type: 'STRING' }], { codec: 'BROTLI' });
    assert.deepEqual(
      (await loadDataset(br, { states })).rows.map((r) => r.text),
      ['x', 'y'],
    );
    const junk = writeParquet('j.parquet', [{ name: 'text', data: ['x'], type: 'STRING' }]);
    writeFileSync(junk, 'text\nnot parquet\n');
    await assert.rejects(loadDataset(junk, { states }), /malformed Parquet in j\.parquet/);
  });

  it('scan: sha256 of the bytes (no UTF-8 check on a binary file), and a changed file is refused on resume', async () => {
    const rows = ['alpha', 'beta', 'gamma'];
    const file = writeParquet('r.parquet', [
      { name: 'text', data: rows, type: 'STRING' },
      { name: 'label', data: [0, 1, 0], type: 'INT32' },
    ]);
    const scan = await scanDataset(file, { labelColumn: 'label', states });
    assert.equal(scan.rows, 3);
    assert.equal(scan.sha256, createHash('sha256').update(readFileSync(file)).digest('hex'));
    const expect = { sha256: scan.sha256, rows: 3, finished: new Map([[0, { rowHash: rowHash('alpha'), label: 0 }]]) };
    await scanDataset(file, { labelColumn: 'label', states }, expect);
    const edited = writeParquet('r.parquet', [
      { name: 'text', data: ['ALPHA', 'beta', 'gamma'], type: 'STRING' },
      { name: 'label', data: [0, 1, 0], type: 'INT32' },
    ]);
    await assert.rejects(
      scanDataset(edited, { labelColumn: 'label', states }, expect),
      /r\.parquet changed since the run started \(row 1 changed: text differs\)/,
    );
  });

  it('streams a 50,000-row file slice by slice (heap retained printed, not asserted)', async function () {
    const n = 50_000;
    const pad = 'x'.repeat(1000);
    const file = writeParquet(
      'big.parquet',
      [
        { name: 'text', data: Array.from({ length: n }, (_, i) => (i % 1000 === 7 ? null : `row ${i} ${pad}`)), type: 'STRING' },
        { name: 'label', data: Array.from({ length: n }, (_, i) => i % 2), type: 'INT32' },
      ],
      { rowGroupSize: 5000 },
    );
    const gc = collector();
    const samples: number[] = [];
    let count = 0;
    let last = -1;
    for await (const row of datasetRows(file, { labelColumn: 'label', states })) {
      assert.ok(row.item > last);
      assert.equal(row.label, row.item % 2);
      last = row.item;
      if (++count % 5000 === 0) {
        gc(); // what the stream retains, not garbage not yet collected
        samples.push(process.memoryUsage().heapUsed);
      }
    }
    assert.equal(count, n - 50);
    assert.equal(last, n - 1);
    gc();
    const baseline = process.memoryUsage().heapUsed;
    const all = await loadDataset(file, { labelColumn: 'label', states });
    gc();
    const held = process.memoryUsage().heapUsed - baseline;
    assert.equal(all.rows.length, n - 50);
    const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
    console.log(
      `      parquet ${n} rows (${mb(readFileSync(file).length)} file): heap after GC every 5,000 rows streamed varies by ${mb(Math.max(...samples) - Math.min(...samples))} (${samples.length} samples); all rows held in memory ${mb(held)}`,
    );
  });
});

/** A real full GC (mocha runs without --expose-gc): the flag is set at run time and gc taken from a fresh context. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
