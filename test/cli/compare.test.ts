import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { twoStateProfileJson } from '../audit/fixtures';
import { makeRun } from '../audit/run-fixtures';
import { runHerdscope } from '../support/cli';

describe('herdscope compare', function () {
  this.timeout(90000); // each case spawns the CLI several times (or solves the RP programs of two runs)
  it('text, JSON and HTML agree; different datasets are compared on their common rows', async () => {
    const runsDir = mkdtempSync(path.join(tmpdir(), 'herdscope-cmp-cli-'));
    const texts = ['one', 'two', 'three', 'four', 'five', 'six'];
    const a = await makeRun(
      twoStateProfileJson(),
      texts.map((text, item) => ({ item, text, label: item % 2 })),
      (_i, _k, label) => label ?? 0,
      { runsDir },
    );
    // B lacks 'one', has an extra row, and answers the wrong state on 'three' (label 0 → herds at agent 3 on action 1).
    const bTexts = ['two', 'three', 'four', 'five', 'six', 'seven'];
    const b = await makeRun(
      twoStateProfileJson(),
      bTexts.map((text, item) => ({ item, text, label: (item + 1) % 2 })),
      (item, _k, label) => (bTexts[item] === 'three' ? 1 : (label ?? 0)),
      { runsDir },
    );
    const html = path.join(runsDir, 'cmp.html');
    const text = await runHerdscope(['compare', a.runDir, b.runDir, '--html', html]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /compared on their 5 common rows .* 1 rows only in A, 1 only in B/);
    assert.match(text.stdout, /McNemar \(exact binomial\) over 5 labelled pairs: right in A only 1, in B only 0 .*: p = 1\.0000/);
    assert.match(text.stdout, /rows where one run herded wrongly and the other did not: 1 \(A only 0, B only 1\)/);
    assert.match(text.stdout, /3\/2\s+three\s+clean\s+herd@2 on pass\s+herd@3 on flag \(wrong\)/);
    const doc = JSON.parse((await runHerdscope(['compare', a.runDir, b.runDir, '--json'])).stdout);
    assert.equal(doc.common.rows, 5);
    assert.equal(doc.mcnemar.p, 1); // 2·P(Bin(1, ½) ≤ 0) = 1
    assert.equal(doc.disagreements.shown[0].text, 'three');
    const page = readFileSync(html, 'utf8');
    assert.match(page, /Where they disagree \(1\)/);
    assert.ok(page.includes(`${(doc.paired.b.wrongHerd.rate * 100).toFixed(1)}%`));
    const bad = await runHerdscope(['compare', a.runDir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /two run directories are required/);
  });
});
