// The CLI overview and the HTML report give the same numbers (both from the run's counts).
import assert from 'node:assert/strict';
import type { DatasetOverview, Rate } from '../../src/shared/dataset-overview';
import type { SensorCheck } from '../../src/audit/sensor-check';
import { twoStateProfileJson } from '../audit/fixtures';
import { makeRun, rowsOf, type MadeRun } from '../audit/run-fixtures';
import { runHerdscope } from '../support/cli';

const pct = (x: number | null) => `${((x as number) * 100).toFixed(1)}%`;
const rateHtml = (r: Rate) => `${pct(r.rate)} <span class="muted">[${pct(r.low)}, ${pct(r.high)}] (${r.k}/${r.n})</span>`;
const rateCli = (r: Rate) => `${pct(r.rate)} [${pct(r.low)}, ${pct(r.high)}] (${r.k}/${r.n})`;

describe('herdscope overview and the HTML report', function () {
  this.timeout(90000); // each case spawns the CLI several times (or solves the RP programs of two runs)
  let run: MadeRun;
  before(async () => {
    // Row i: label i % 3 === 0 ? 0 : 1; agents answer the label, except rows ≡ 1 mod 4 answer 0 at agents 1–3 (they herd wrong),
    // and row 6's agent 2 fails.
    const labels = Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? 0 : 1));
    run = await makeRun(
      twoStateProfileJson(),
      rowsOf(labels, (i) => `comment <${i}> & "x"`),
      (item, agent, label) => (item === 6 && agent === 2 ? null : item % 4 === 1 && agent <= 3 ? 0 : (label ?? 0)),
    );
  });

  it('--json overview numbers appear verbatim in the HTML report, and the text output prints the same rates', async () => {
    const json = await runHerdscope(['overview', run.runDir, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const { overview, sensor } = JSON.parse(json.stdout) as { overview: DatasetOverview; sensor: SensorCheck };
    assert.equal(overview.items, 24);
    assert.equal(overview.errors.steps, 1);
    assert.ok(overview.wrongHerd.k > 0);
    assert.ok(overview.rp?.verdict);
    const html = await runHerdscope(['report', run.runDir, '--format', 'html']);
    assert.equal(html.code, 0, html.stderr);
    for (const r of [
      overview.herding,
      overview.wrongHerd,
      overview.accuracyFinal,
      overview.accuracyBeforeHerding,
      overview.accuracyAfterHerding,
      ...overview.accuracyByAgent,
    ]) {
      assert.ok(html.stdout.includes(rateHtml(r)), `HTML lacks ${rateHtml(r)}`);
    }
    overview.herdingStepHistogram.forEach((n, k) => assert.ok(html.stdout.includes(`<title>agent ${k + 1}: ${n} rows</title>`)));
    assert.ok(html.stdout.includes(`${overview.meanHerdingStep!.toFixed(2)}</b>`));
    for (const s of sensor.states) assert.ok(html.stdout.includes(`<td class="num">${s.g!.toFixed(2)}</td><td class="num">${s.df}</td>`));
    assert.ok(
      html.stdout.includes(
        `NIAS margin ${overview.rp!.verdict!.niasMargin >= 0 ? '+' : '−'}${Math.abs(overview.rp!.verdict!.niasMargin).toPrecision(3)}`,
      ),
    );
    assert.ok(html.stdout.includes('comment &lt;0&gt; &amp; &quot;x&quot;'));
    assert.ok(!html.stdout.includes('comment <0>'));

    const text = await runHerdscope(['overview', run.runDir]);
    assert.equal(text.code, 0, text.stderr);
    for (const r of [overview.herding, overview.wrongHerd, overview.accuracyFinal])
      assert.ok(text.stdout.includes(rateCli(r)), `CLI lacks ${rateCli(r)}`);
    for (const s of sensor.states) assert.match(text.stdout, new RegExp(`\\b${s.n}\\s+${s.g!.toFixed(2)}\\s+${s.df}\\b`));
  });

  it('--environments prior-bin groups by the public belief; an unknown grouping is bad input', async () => {
    const doc = JSON.parse((await runHerdscope(['overview', run.runDir, '--json', '--environments', 'prior-bin'])).stdout);
    assert.equal(doc.overview.rp.grouping, 'prior-bin');
    assert.ok(doc.overview.rp.environments.every((e: { name: string }) => e.name.startsWith('π(0) in [')));
    const bad = await runHerdscope(['overview', run.runDir, '--rp-environments', 'labels']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--rp-environments.*agent, prior-bin, label.*'labels'/);
  });

  it('--rp-environments label: one environment per label with its decisions, margins and reconstructed utility', async () => {
    const json = await runHerdscope(['overview', run.runDir, '--json', '--rp-environments', 'label']);
    assert.equal(json.code, 0, json.stderr);
    const rp = (JSON.parse(json.stdout) as { overview: DatasetOverview }).overview.rp!;
    assert.equal(rp.grouping, 'label');
    // 24 rows × 6 agents, labels 0 for rows ≡ 0 (mod 3): 8 rows of label 0, 16 of label 1; row 6's agent 2 fails.
    const agents = run.profile.agents.count;
    assert.deepEqual(
      rp.environments.map((e) => [e.name, e.decisions]),
      [
        [`label ${run.profile.states[0]}`, 8 * agents - 1],
        [`label ${run.profile.states[1]}`, 16 * agents],
      ],
    );
    assert.ok(rp.verdict && rp.environments.every((e) => e.utility !== null && e.niasSlack !== null));
    // Rows ≡ 1 (mod 4) answer 0 at agents 1–3 whatever their label: label 1 gets both actions, so NIAS cannot hold strictly.
    assert.equal(rp.verdict.passes, false);
    const text = await runHerdscope(['overview', run.runDir, '--rp-environments', 'label']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /revealed preferences, labels as environments: FAIL/);
    assert.match(text.stdout, new RegExp(`label ${run.profile.states[1]}\\s+${16 * agents}\\b`));
    const u = rp.environments[0].utility!;
    assert.ok(
      text.stdout.includes(`  label ${run.profile.states[0]}: ${u.map((row) => row.map((x) => x.toFixed(3)).join(' ')).join(' | ')}`),
      'the text prints each environment’s reconstructed utility',
    );
  });
});
