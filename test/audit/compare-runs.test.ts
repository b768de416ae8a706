import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareRuns, textHash } from '../../src/audit/compare-runs';
import { htmlComparison } from '../../src/audit/report/html-compare';
import { twoStateProfileJson } from './fixtures';
import { makeRun, type AnswerRule } from './run-fixtures';

// Spec §4.3 model (B = [[.7,.3],[.3,.7]], π_0 = [.55,.45]). By hand: every agent answering y = 0 herds at agent 2 on
// action 0 (π_1(0) = .740 > .7); every agent answering y = 1 herds at agent 3 on action 1 (π_2(0) = .183 < .3).
const truthful: AnswerRule = (_item, _agent, label) => label ?? 0;
const texts = ['alpha', 'beta', 'gamma <b>&', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'dup', 'dup'];
const labels = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1];

describe('compare two runs', function () {
  this.timeout(90000); // each case spawns the CLI several times (or solves the RP programs of two runs)
  it('pairs rows by text hash across different datasets; McNemar and the disagreements by hand', async () => {
    const runsDir = mkdtempSync(path.join(tmpdir(), 'herdscope-cmp-'));
    const a = await makeRun(
      twoStateProfileJson(),
      texts.map((text, item) => ({ item, text, label: labels[item] })),
      truthful,
      { runsDir, title: 'a.jsonl' },
    );
    // B: a different file — rows reordered, 'alpha' and 'beta' missing, two new rows; it answers the wrong state on 'gamma <b>&' and 'zeta'.
    const bTexts = ['new one', 'zeta', 'gamma <b>&', 'delta', 'epsilon', 'eta', 'theta', 'dup', 'dup', 'new two'];
    const bLabels = [0, 1, 0, 1, 0, 0, 1, 0, 1, 1];
    const liar: AnswerRule = (item, _agent, label) =>
      bTexts[item] === 'zeta' || bTexts[item] === 'gamma <b>&' ? 1 - (label ?? 0) : (label ?? 0);
    const b = await makeRun(
      twoStateProfileJson(),
      bTexts.map((text, item) => ({ item, text, label: bLabels[item] })),
      liar,
      { runsDir, title: 'b.jsonl' },
    );
    const c = await compareRuns(a.runDir, b.runDir);
    assert.equal(c.common.rows, 8);
    assert.equal(c.common.onlyA, 2);
    assert.equal(c.common.onlyB, 2);
    assert.equal(c.common.sameRows, false);
    assert.match(c.common.note, /compared on their 8 common rows.*2 rows only in A, 2 only in B/);
    assert.equal(c.common.labelMismatches, 0); // the two 'dup' rows pair in order (label 0 with 0, 1 with 1)
    // A is right on all 8 common rows, B wrong on 2 → McNemar exact, b = 2, c = 0, p = 2·(½)² = 0.5.
    assert.deepEqual(
      { b: c.mcnemar!.b, c: c.mcnemar!.c, method: c.mcnemar!.method, pairs: c.mcnemar!.pairs, bothRight: c.mcnemar!.bothRight },
      { b: 2, c: 0, method: 'exact', pairs: 8, bothRight: 6 },
    );
    assert.equal(c.mcnemar!.p, 0.5);
    assert.deepEqual([c.paired.a.wrongHerd.k, c.paired.b.wrongHerd.k, c.paired.b.wrongHerd.n], [0, 2, 8]);
    assert.deepEqual([c.paired.a.accuracy.k, c.paired.b.accuracy.k], [8, 6]);
    assert.deepEqual([c.disagreements.total, c.disagreements.aWrongOnly, c.disagreements.bWrongOnly], [2, 0, 2]);
    const zeta = c.disagreements.shown.find((d) => d.text === 'zeta')!;
    assert.deepEqual([zeta.a.herdingStep, zeta.a.herdAction, zeta.b.herdingStep, zeta.b.herdAction, zeta.b.wrongHerd], [3, 1, 2, 0, true]);
    const gamma = c.disagreements.shown.find((d) => d.text === 'gamma <b>&')!;
    assert.deepEqual([gamma.a.herdingStep, gamma.b.herdingStep, gamma.b.herdAction], [2, 3, 1]);
    // Whole-run overviews: each over its own 10 rows.
    assert.deepEqual([c.a.overview.items, c.a.overview.wrongHerd.k, c.b.overview.items, c.b.overview.wrongHerd.k], [10, 0, 10, 2]);
    assert.ok(c.a.overview.rp);
    assert.equal(c.a.sensor.states.length, 2);

    const html = htmlComparison(c, { generatedAt: 'now' });
    assert.ok(html.includes('gamma &lt;b&gt;&amp;'));
    assert.ok(!html.includes('gamma <b>&'));
    assert.ok(!/<script/i.test(html));
    assert.match(html, /McNemar \(exact binomial\) over 8 labelled pairs: right in A only 2, right in B only 0/);
  });

  it('identical rows in both runs: says so', async () => {
    const runsDir = mkdtempSync(path.join(tmpdir(), 'herdscope-cmp-'));
    const rows = texts.slice(0, 4).map((text, item) => ({ item, text, label: labels[item] }));
    const a = await makeRun(twoStateProfileJson(), rows, truthful, { runsDir });
    const b = await makeRun(twoStateProfileJson(), rows, truthful, { runsDir });
    const c = await compareRuns(a.runDir, b.runDir);
    assert.equal(c.common.sameRows, true);
    assert.match(c.common.note, /both runs cover the same 4 rows/);
    assert.equal(c.mcnemar!.p, 1);
    assert.equal(c.disagreements.total, 0);
  });

  it('text hash is the SHA-256 of the UTF-8 text', () => {
    assert.equal(textHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
