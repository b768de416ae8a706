import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProfile } from '../../src/audit/profile-loader';
import { twoStateProfileJson } from '../audit/fixtures';
import { makeRun, rowsOf, type MadeRun } from '../audit/run-fixtures';
import { runHerdscope } from '../support/cli';

// An LLM that answers y = agent mod 2 whatever the text: per state O = [15, 15] over 5 rows × 6 agents, while the
// profile's B rows are [0.7, 0.3] and [0.3, 0.7]. By hand (python3): G = 2(15 ln(15/21) + 15 ln(15/9)) = 5.230601614343335,
// p = erfc(√(G/2)) = 0.022192854915354478, Holm (two equal p) = 0.044385709830708955 < 0.05: rejected; TV = 0.2.
describe('herdscope check-sensor', function () {
  this.timeout(90000); // each case spawns the CLI several times (or solves the RP programs of two runs)
  let run: MadeRun;
  before(async () => {
    run = await makeRun(twoStateProfileJson(), rowsOf(Array.from({ length: 10 }, (_, i) => i % 2)), (_item, agent) => agent % 2);
  });

  it('--json prints the contract shape with the hand-computed numbers', async () => {
    const { stdout, stderr, code } = await runHerdscope(['check-sensor', run.runDir, '--json']);
    assert.equal(code, 0, stderr);
    const doc = JSON.parse(stdout);
    assert.equal(doc.rejected, true);
    assert.equal(doc.alpha, 0.05);
    assert.equal(doc.states.length, 2);
    for (const s of doc.states) {
      assert.deepEqual(Object.keys(s), ['state', 'n', 'observed', 'expected', 'g', 'df', 'p', 'pHolm', 'tv']);
      assert.equal(s.n, 30);
      assert.deepEqual(s.observed, [15, 15]);
      assert.equal(s.df, 1);
      assert.ok(Math.abs(s.g - 5.230601614343335) < 1e-12);
      assert.ok(Math.abs(s.p - 0.022192854915354478) < 1e-10);
      assert.ok(Math.abs(s.pHolm - 0.044385709830708955) < 1e-10);
      assert.ok(Math.abs(s.tv - 0.2) < 1e-12);
    }
    assert.deepEqual(
      doc.states.map((s: { expected: number[] }) => s.expected),
      [
        [0.7, 0.3],
        [0.3, 0.7],
      ],
    );
    assert.ok(Math.abs(doc.logLikelihoodRatio + 5.230601614343335) < 1e-9); // −½ · 2G
  });

  it('text output warns with the worst state in words; --fail-on-reject exits 1', async () => {
    const { stdout, code } = await runHerdscope(['check-sensor', run.runDir]);
    assert.equal(code, 0);
    assert.match(
      stdout,
      /WARNING: The profile's sensor model B is rejected \(α = 0\.05\): in state "clean" the model answered y = 0 in 50\.0% of 30 observations; the profile assumes 70\.0%/,
    );
    assert.equal((await runHerdscope(['check-sensor', run.runDir, '--fail-on-reject'])).code, 1);
    const html = await runHerdscope(['report', run.runDir, '--format', 'html']);
    assert.match(
      html.stdout,
      /<p class="sensor-warning" role="alert"><b>Sensor model rejected\.<\/b> The profile&#39;s sensor model B is rejected \(α = 0\.05\): in state &quot;clean&quot; the model answered y = 0 in 50\.0% of 30 observations; the profile assumes 70\.0%/,
    );
  });

  it('--reestimate writes a loadable profile with B = (15+1)/(30+2) and prints before → after from the offline replay', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'herdscope-cs-')), 'fixed.herdscope.json');
    const { stdout, stderr, code } = await runHerdscope(['check-sensor', run.runDir, '--reestimate', out]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /wrote .*fixed\.herdscope\.json: B estimated from this run's labelled observations \(\+1 smoothing\)/);
    assert.match(stdout, /replayed 10 rows offline on the recorded answers \(no calls\)/);
    assert.match(stdout, /herding rate\s+\S+% \[.*\] \(\d+\/10\)\s+\S+% \[.*\] \(\d+\/10\)/);
    const loaded = await loadProfile(out);
    assert.deepEqual(loaded.model.likelihood, [
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
    const again = await runHerdscope(['check-sensor', run.runDir, '--reestimate', out]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /^herdscope check-sensor: --reestimate: .* already exists/);
  });

  it('--json with --reestimate keeps the contract keys and adds before/after overviews', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'herdscope-cs-')), 'b.herdscope.json');
    const doc = JSON.parse((await runHerdscope(['check-sensor', run.runDir, '--json', '--reestimate', out, '--smoothing', '0'])).stdout);
    assert.equal(doc.rejected, true);
    assert.deepEqual(doc.reestimate.likelihood, [
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
    assert.equal(doc.reestimate.before.items, 10);
    assert.equal(doc.reestimate.after.items, 10);
    assert.ok(existsSync(out));
  });

  it('bad input is one line and exit 2', async () => {
    const r = await runHerdscope(['check-sensor', tmpdir()]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^herdscope check-sensor: RUN_DIR: .* is not a run directory \(no run\.json\)\n$/);
    const s = await runHerdscope(['check-sensor', run.runDir, '--smoothing', '2']);
    assert.equal(s.code, 2);
    assert.match(s.stderr, /--smoothing: only applies with --reestimate/);
  });
});
