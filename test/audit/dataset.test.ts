import assert from 'node:assert/strict';
import { loadDataset, listColumns } from '../../src/audit/dataset';
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
    assert.deepEqual(d.rows, [{ item: 0, text: 'a', label: 1 }, { item: 1, text: 'b', label: null }]);
  });

  it('clear errors: missing file, malformed CSV and JSONL with line numbers, missing column, bad label', async () => {
    await assert.rejects(loadDataset('/nonexistent/data.csv', { states }), /file not found: \/nonexistent\/data.csv/);
    await assert.rejects(loadDataset(tempFile('m.csv', 'text,label\na,0\n"broken,1\n'), { states }), /malformed CSV in m.csv at line \d/);
    await assert.rejects(loadDataset(tempFile('r.csv', 'text,label\na,0\nb,1,extra\n'), { states }), /malformed CSV in r.csv at line 3/);
    await assert.rejects(loadDataset(tempFile('m.jsonl', '{"text":"a"}\n{"text": b}\n'), { states }), /malformed JSONL in m.jsonl at line 2/);
    await assert.rejects(loadDataset(tempFile('c.csv', 'body,label\na,0\n'), { states }), /no column 'text'; available: body, label/);
    await assert.rejects(loadDataset(tempFile('l.csv', 'text,label\na,0\nb,maybe\n'), { labelColumn: 'label', states }), /label \(row 2\).*"maybe" is not a state/);
  });
});
