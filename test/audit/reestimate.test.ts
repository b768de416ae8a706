import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProfile } from '../../src/audit/profile-loader';
import { profileModel } from '../../src/audit/profile';
import { reestimatedProfile, reestimateRun, replayRun } from '../../src/audit/reestimate';
import { countsFromRunFiles, loadRunContext } from '../../src/audit/run-files';
import { twoStateProfileJson } from './fixtures';
import { makeRun, rowsOf, type AnswerRule } from './run-fixtures';

// An LLM that answers y = 1 in 2 of 6 agents whatever the label (not the profile's B = [[.7,.3],[.3,.7]]); row 3 agent 5 fails.
const rule: AnswerRule = (item, agent) => (item === 3 && agent === 5 ? null : (item + agent) % 3 === 0 ? 1 : 0);
const labels = Array.from({ length: 18 }, (_, i) => i % 2);

describe('re-estimate B from a run and replay it offline', () => {
  it('replaying under the unchanged model reproduces the run exactly', async () => {
    const run = await makeRun(twoStateProfileJson(), rowsOf(labels), rule);
    const ctx = await loadRunContext(run.runDir);
    assert.deepEqual(await replayRun(ctx, ctx.model), await countsFromRunFiles(run.runDir));
  });

  it('replaying under a new B equals running the same recorded answers afresh under that B', async () => {
    const run = await makeRun(twoStateProfileJson(), rowsOf(labels), rule);
    const ctx = await loadRunContext(run.runDir);
    const newB = [
      [0.9, 0.1],
      [0.6, 0.4],
    ];
    const replayed = await replayRun(ctx, profileModel({ ...ctx.profile, likelihood: { matrix: newB } }));
    const fresh = await countsFromRunFiles(
      (await makeRun(twoStateProfileJson({ likelihood: { matrix: newB } }), rowsOf(labels), rule)).runDir,
    );
    assert.deepEqual({ ...replayed, costUsd: 0 }, { ...fresh, costUsd: 0 });
    const original = await countsFromRunFiles(run.runDir);
    assert.notDeepEqual([replayed.herdingSteps, replayed.wrongHerds], [original.herdingSteps, original.wrongHerds]); // the change shows
    assert.deepEqual(replayed.observationsByLabel, original.observationsByLabel); // the answers are the recorded ones
  });

  it('the re-estimated B is (counts + s)/(n + Y·s) per state; unobserved states keep their old row', async () => {
    const run = await makeRun(twoStateProfileJson(), rowsOf(labels), rule);
    const ctx = await loadRunContext(run.runDir);
    const re = reestimatedProfile(
      ctx,
      [
        [30, 10],
        [5, 15],
      ],
      1,
    );
    assert.deepEqual(re.likelihood, [
      [31 / 42, 11 / 42],
      [6 / 22, 16 / 22],
    ]);
    assert.deepEqual(re.profile.likelihood, {
      estimateFrom: {
        counts: [
          [30, 10],
          [5, 15],
        ],
      },
      smoothing: 1,
    });
    const partial = reestimatedProfile(
      ctx,
      [
        [0, 0],
        [5, 15],
      ],
      0.5,
    );
    assert.deepEqual(partial.keptStates, [0]);
    assert.deepEqual(partial.likelihood, [
      [0.7, 0.3],
      [5.5 / 21, 15.5 / 21],
    ]);
    assert.match(partial.profile.description, /keep the old profile's rows: clean/);
    assert.throws(
      () =>
        reestimatedProfile(ctx, [
          [0, 0],
          [0, 0],
        ]),
      /no labelled observations/,
    );
  });

  it('reestimateRun writes a loadable *.herdscope.json from the run’s own observations and never overwrites', async () => {
    const run = await makeRun(twoStateProfileJson(), rowsOf(labels), rule);
    const dir = mkdtempSync(path.join(tmpdir(), 'herdscope-re-'));
    const file = path.join(dir, 'from-run.herdscope.json');
    const result = await reestimateRun(run.runDir, file);
    // By hand: 18 rows × 6 agents, one failed; y = 1 when (item + agent) % 3 = 0, i.e. 2 of every 6 agents.
    const counts = result.before.observationsByLabel;
    assert.equal(
      counts.flat().reduce((a, b) => a + b, 0),
      107,
    );
    assert.deepEqual(counts[0], [54 - 18, 18]); // even rows: 9 × 6 = 54 answers, a third of them y = 1
    const loaded = await loadProfile(file);
    assert.deepEqual(loaded.counts, counts);
    assert.deepEqual(loaded.model.likelihood, result.likelihood);
    assert.match(loaded.profile.name, new RegExp(`B from run ${run.runId}`));
    assert.equal(result.after.items, 18);
    await assert.rejects(reestimateRun(run.runDir, file), /already exists/);
    writeFileSync(path.join(dir, 'x.json'), '{}');
    await assert.rejects(reestimateRun(run.runDir, path.join(dir, 'y.json')), /\*\.herdscope\.json/);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).$schema, undefined);
  });
});
