import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { datasetRows, loadDataset, listColumns, rowHash, scanDataset } from '../../src/audit/dataset';
import { tempFile } from '../support/cli';

const states = ['clean', 'toxic'];

describe('datasets', () => {
  it('reads CSV with a text and a label column (index or state name), skipping empty texts', async () => {
    const file = tempFile('d.csv', 'id,comment,truth\n1,"hello, world",clean\n2,"",toxic\n3,"line one\nline two",1\n4,  ,0\n5,bad,TOXIC\n');
    assert.deepEqual(await listColumns(file), ['id', 'comment', 'truth']);
    const d = await loadDataset(file, { textColumn: 'comment', labelColumn: 'truth', states });
    assert.deepEqual(d.rows, [
      { item: 0, text: 'hello, world', label: 0 },
      { item: 2, text: 'line one\nline two', label: 1 },
      { item: 4, text: 'bad', label: 1 },
    ]);
    assert.equal(d.skippedEmpty, 2);
  });

  it('reads JSONL; labels are optional', async () => {
    const file = tempFile('d.jsonl', '{"text":"a","label":1}\n\n{"text":"b"}\n');
    const d = await loadDataset(file, { labelColumn: 'label', states });
    assert.deepEqual(d.rows, [
      { item: 0, text: 'a', label: 1 },
      { item: 1, text: 'b', label: null },
    ]);
  });

  it('clear errors: missing file, malformed CSV and JSONL with line numbers, missing column, bad label', async () => {
    await assert.rejects(loadDataset('/nonexistent/data.csv', { states }), /file not found: \/nonexistent\/data.csv/);
    await assert.rejects(loadDataset(tempFile('m.csv', 'text,label\na,0\n"broken,1\n'), { states }), /malformed CSV in m.csv at line \d/);
    await assert.rejects(loadDataset(tempFile('r.csv', 'text,label\na,0\nb,1,extra\n'), { states }), /malformed CSV in r.csv at line 3/);
    await assert.rejects(
      loadDataset(tempFile('m.jsonl', '{"text":"a"}\n{"text": b}\n'), { states }),
      /malformed JSONL in m.jsonl at line 2/,
    );
    await assert.rejects(loadDataset(tempFile('c.csv', 'body,label\na,0\n'), { states }), /no column 'text'; available: body, label/);
    await assert.rejects(
      loadDataset(tempFile('l.csv', 'text,label\na,0\nb,maybe\n'), { labelColumn: 'label', states }),
      /label \(row 2\).*"maybe" is not a state/,
    );
  });
});

describe('dataset input checks and identity', () => {
  it('a header-only CSV, a duplicated header column, a non-string JSONL text and invalid UTF-8 are errors naming what is wrong', async () => {
    await assert.rejects(loadDataset(tempFile('h.csv', 'text,label\n'), { states }), /h\.csv has a header but no data rows/);
    await assert.rejects(
      loadDataset(tempFile('d.csv', 'text,label,text\na,0,b\n'), { states }),
      /d\.csv: the header names column 'text' twice/,
    );
    await assert.rejects(
      loadDataset(tempFile('n.jsonl', '{"text":"a"}\n{"text":42}\n'), { states }),
      /n\.jsonl line 2: 'text' is a number, not a string/,
    );
    const bytes = Buffer.concat([Buffer.from('text\nfine\nbad '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    const utf = tempFile('u.csv', '');
    writeFileSync(utf, bytes);
    await assert.rejects(scanDataset(utf, { states }), /u\.csv is not valid UTF-8: line 3, byte offset 14/);
  });

  it('scans identity (sha256, rows with text) and streams the same rows loadDataset reads', async () => {
    const file = tempFile('s.csv', 'text,label\nalpha,0\n,1\nbeta,1\n');
    const scan = await scanDataset(file, { labelColumn: 'label', states });
    assert.equal(scan.rows, 2);
    assert.equal(scan.skippedEmpty, 1);
    assert.equal(scan.sha256, createHash('sha256').update(readFileSync(file)).digest('hex'));
    const streamed = [];
    for await (const row of datasetRows(file, { labelColumn: 'label', states })) streamed.push(row);
    assert.deepEqual(streamed, (await loadDataset(file, { labelColumn: 'label', states })).rows);
  });

  it('a resume against a changed file is refused naming the change: rows added, a finished row edited', async () => {
    const file = tempFile('r.csv', 'text,label\nalpha,0\nbeta,1\ngamma,0\n');
    const finished = new Map([[0, { rowHash: rowHash('alpha'), label: 0 }]]);
    const { sha256 } = await scanDataset(file, { labelColumn: 'label', states });
    const expect = { sha256, rows: 3, finished };
    await scanDataset(file, { labelColumn: 'label', states }, expect);
    writeFileSync(file, 'text,label\nnew,1\nalpha,0\nbeta,1\ngamma,0\n');
    await assert.rejects(
      scanDataset(file, { labelColumn: 'label', states }, expect),
      /r\.csv changed since the run started \(file has 4 rows with text, run had 3\)/,
    );
    writeFileSync(file, 'text,label\nALPHA,0\nbeta,1\ngamma,0\n');
    await assert.rejects(scanDataset(file, { labelColumn: 'label', states }, expect), /\(row 1 changed: text differs\)/);
    writeFileSync(file, 'text,label\nalpha,1\nbeta,1\ngamma,0\n');
    await assert.rejects(scanDataset(file, { labelColumn: 'label', states }, expect), /\(row 1 changed: label differs\)/);
    writeFileSync(file, 'text,label\nalpha,0\nbeta,1\ndelta,0\n');
    await assert.rejects(scanDataset(file, { labelColumn: 'label', states }, expect), /rows not yet audited differ/);
  });
});
