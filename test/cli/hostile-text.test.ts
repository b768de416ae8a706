// Values from a dataset echoed in an error line are escaped: a terminal shows them, never obeys them.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runHerdscope, tempFile } from '../support/cli';

describe('herdscope: hostile text in error lines', () => {
  it('a label cell with ANSI escape codes is shown escaped and quoted in the "not a state index" error', async () => {
    const rows = tempFile('rows.jsonl', `${JSON.stringify({ text: 'hello', label: '\u001b[2J\u001b[31mclean\u0007\nforged line' })}\n`);
    const runs = mkdtempSync(path.join(tmpdir(), 'herdscope-hostile-'));
    const { code, stderr } = await runHerdscope([
      'audit',
      rows,
      '--profile',
      'hate-speech-binary',
      '--out',
      runs,
      '--label-column',
      'label',
      '--provider',
      'simulated',
      '--true-state',
      'label',
    ]);
    assert.equal(code, 2, stderr);
    assert.doesNotMatch(stderr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, 'no control character reaches the terminal');
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.ok(stderr.includes('"\\u001b[2J\\u001b[31mclean\\u0007\\nforged line" is not a state index'), stderr);
  });
});
