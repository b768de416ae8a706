// A reduced-size `npm run reproduce`: the paper's qualitative claims must show on our numbers.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { authorsE2Model } from '../../reproduce/data';
import { e1Claims, runE1 } from '../../reproduce/e1-revealed-preferences';
import { e2Variants, runE2 } from '../../reproduce/e2-herding';
import { allNotHspFrom, herdStepRatio } from '../../reproduce/e2-report';
import { e3Claims, flagBoundary, runE3 } from '../../reproduce/e3-threshold';
import { runE4 } from '../../reproduce/e4-stopping';
import { e5Claims, runE5 } from '../../reproduce/e5-incentives';
import { heatMap, lineChart } from '../../reproduce/svg';

const repoRoot = resolve(__dirname, '..', '..', '..');

describe('reproduce (reduced size)', () => {
  it('E1: the Mistral-7B counts pass NIAS/NIAC with two environments', async () => {
    const r = await runE1(0);
    assert.ok(r.twoEnvironments.passes);
    assert.ok(r.oneEnvironment.niasMargin > 1e-6);
    assert.ok(e1Claims(r).every((c) => c.holds === true));
  });

  describe('E2', () => {
    let results: ReturnType<typeof runE2>;
    before(() => {
      results = runE2(e2Variants(authorsE2Model(repoRoot)), { runs: 4, priors: 16, agents: 40, seed: 0 });
    });

    it('herding on "not HSP" at high priors', () => {
      const corrected = results.find((r) => r.key === 'corrected')!;
      // Small priors: every chain declares its true state.
      corrected.summary.mean_action_by_prior_state[1].forEach((m, s) => assert.ok(Math.abs(m - s) <= 0.5, `state ${s}: ${m}`));
      // A prior near 1 on "not HSP" makes every state herd on 0.
      assert.ok((allNotHspFrom(corrected) ?? 2) < 1);
    });

    it('the authors’ update delays herding; their prior degenerates', function () {
      const authors = results.find((r) => r.key === 'authors');
      const filter = results.find((r) => r.key === 'filter-authors-model');
      if (!authors || !filter) this.skip(); // needs the authors' model (../shared/data/e2-authors/model.json)
      assert.ok((allNotHspFrom(authors) ?? 2) <= 0.6, 'as the authors computed it: all states herd on 0 from π0(0) ≈ 0.55');
      const { ratio } = herdStepRatio(authors, filter);
      assert.ok(ratio !== null && ratio > 1.5, `damped update delays herding: ratio ${ratio}`);
      assert.equal(authors.summary.degenerate_nan_chains, 4, 'one zero prior (x* = 0, p = 1) per run');
      assert.equal(filter.summary.degenerate_nan_chains, 0);
    });
  });

  it('E3: a threshold controller moves runs out of the herding region; the boundary rises with π0(0)', () => {
    const results = [
      runE3({ grid: 11, runs: 4, agents: 60, lastActions: 20, seed: 0 }, true),
      runE3({ grid: 11, runs: 4, agents: 60, lastActions: 20, seed: 0 }, false),
    ];
    const parity = results[0];
    parity.priorGrid.forEach((p, g) => {
      if (p >= 0.6) assert.ok(parity.flagged[0][g] <= 0.05, `γ = 0, π0(0) = ${p}: herds on not HSP`);
      if (p < 1) assert.ok(parity.flagged[parity.thresholds.length - 1][g] >= 0.7, `γ = 1, π0(0) = ${p}: flagged`);
    });
    const boundary = flagBoundary(parity).filter((b): b is number => b !== null);
    assert.ok(
      boundary.every((b, i) => i === 0 || b >= boundary[i - 1]),
      `rising boundary ${boundary}`,
    );
    assert.ok(
      e3Claims(results).some((c) => c.holds === null),
      'the code-parity comparison is reported',
    );
  });

  it('E4: the optimal stopping policy is a per-stage threshold and beats herding from the start', () => {
    const r = runE4({ gridSize: 201, spsaIterations: 30, runsPerEvaluation: 20, evaluationRuns: 200, seed: 0 });
    const stages = r.valueIteration.stages;
    assert.ok(stages.filter((s) => s.isThreshold).length >= 0.9 * stages.length);
    const [optimal, , , stopNow, never] = r.costs;
    assert.ok(optimal.cost < stopNow.cost && optimal.cost < never.cost, JSON.stringify(r.costs));
  });

  it('E5: incentives keep the belief learning; a higher γ pays less', () => {
    const r = runE5({ trajectoryRuns: 150, sweepPoints: 6, sweepRuns: 40, spsaIterations: 10, seed: 0 });
    const [delay, tradeoff] = e5Claims(r);
    assert.equal(delay.holds, true, delay.evidence);
    assert.equal(tradeoff.holds, true, tradeoff.evidence);
  });

  it('figures are self-contained SVG with axes labels and legends', () => {
    const line = lineChart({ title: 'T', xLabel: 'x axis', yLabel: 'y axis', series: [{ label: 'series a', x: [0, 1], y: [0, 1] }] });
    assert.match(line, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const text of ['x axis', 'y axis', 'series a']) assert.ok(line.includes(`>${text}</text>`));
    assert.ok(!/https?:\/\/(?!www\.w3\.org)/.test(line), 'no external resources');
    const map = heatMap({
      title: 'H',
      xLabel: 'p',
      yLabel: 'g',
      xValues: [0, 1],
      yValues: [0, 1],
      values: [
        [0, 1],
        [1, 0],
      ],
      colorLabel: 'flag',
      range: [0, 1],
    });
    assert.equal((map.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="rgb/g) ?? []).length, 4 + 50);
  });
});
