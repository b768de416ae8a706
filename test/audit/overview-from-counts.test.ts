import assert from 'node:assert/strict';
import { environmentRp, overviewFromCounts, rateOf, rpEnvironments } from '../../src/audit/overview-from-counts';
import { MAX_JOINT_AGENTS } from '../../src/audit/rp-audit';
import { emptyCounts, labelActionTotals, PRIOR_BINS } from '../../src/audit/run-counts';

const near = (a: number | null, b: number, tol = 1e-9) => assert.ok(a !== null && Math.abs(a - b) <= tol, `${a} vs ${b}`);

describe('dataset overview from counts', () => {
  it('rates over their own denominators with Wilson 95% intervals (values computed by hand in python)', () => {
    const c = emptyCounts({ states: 2, actions: 2, observations: 2, agents: 3 });
    Object.assign(c, {
      items: 5,
      labelled: 4,
      herded: 3,
      herdingSteps: [0, 2, 1],
      wrongHerds: 1,
      finalCorrect: 3,
      agentDecisions: [4, 3, 0],
      agentCorrect: [3, 1, 0],
      beforeHerding: { n: 5, correct: 2 },
      afterHerding: { n: 2, correct: 2 },
      confusion: [
        [2, 0],
        [1, 1],
      ],
      errorSteps: 2,
      errorsByKind: { http: 2 },
      promptTokens: 100,
      completionTokens: 30,
      costUsd: 0.25,
    });
    const o = overviewFromCounts(c);
    assert.deepEqual([o.herding.k, o.herding.n], [3, 5]);
    assert.deepEqual([o.wrongHerd.k, o.wrongHerd.n], [1, 4]);
    assert.deepEqual([o.accuracyFinal.k, o.accuracyFinal.n], [3, 4]);
    near(o.accuracyFinal.low, 0.30064184258240184, 1e-12);
    near(o.accuracyFinal.high, 0.9544127391902995, 1e-12);
    near(o.accuracyByAgent[1].low, 0.06149194472039615, 1e-12); // 1/3
    assert.equal(o.accuracyByAgent[2].rate, null);
    near(o.accuracyBeforeHerding.low, 0.11762077423264783, 1e-12); // 2/5
    near(o.meanHerdingStep, (2 * 2 + 3) / 3);
    assert.deepEqual(o.herdingStepHistogram, [0, 2, 1]);
    assert.deepEqual(o.errors, { steps: 2, byKind: { http: 2 } });
    assert.deepEqual(o.tokens, { prompt: 100, completion: 30 });
    assert.equal(o.rp, null);
    assert.deepEqual(rateOf(0, 0), { k: 0, n: 0, rate: null, low: null, high: null });
  });

  it('spec §3.4 PASS case as counts, two agent positions as environments: ε_s* = 0.480769, ε_c* = 0.002404 (real HiGHS)', async () => {
    const c = emptyCounts({ states: 2, actions: 2, observations: 2, agents: 2 });
    c.labelled = 20;
    c.labelActionByAgent = [
      [
        [8, 2],
        [3, 7],
      ],
      [
        [9, 1],
        [2, 8],
      ],
    ];
    const rp = await environmentRp(c, 'agent');
    assert.ok(rp.verdict, rp.reason);
    assert.equal(rp.verdict.passes, true);
    near(rp.verdict.niasMargin, 0.480769, 1e-6);
    near(rp.verdict.niacMargin, 0.002404, 1e-6);
    assert.deepEqual(
      rp.environments.map((e) => [e.name, e.decisions]),
      [
        ['agent 1', 20],
        ['agent 2', 20],
      ],
    );
    near(rp.environments[0].niasSlack, 0.480769, 1e-6); // environment 1 binds (spec §3.4)
    near(rp.environments[1].cost, 0.097596, 1e-6);
    assert.equal(rp.environments[0].utility!.length, 2);
  });

  it('spec §3.4 FAIL case (an uninformative environment using both actions) fails NIAS', async () => {
    const c = emptyCounts({ states: 2, actions: 2, observations: 2, agents: 2 });
    c.labelled = 20;
    c.labelActionByAgent = [
      [
        [6, 4],
        [6, 4],
      ],
      [
        [9, 1],
        [2, 8],
      ],
    ];
    const rp = await environmentRp(c);
    assert.equal(rp.verdict?.passes, false);
    near(rp.verdict!.niasMargin, 0, 1e-9);
  });

  it('no labels: no verdict and a reason, not an exception', async () => {
    const rp = await environmentRp(emptyCounts({ states: 2, actions: 2, observations: 2, agents: 4 }));
    assert.equal(rp.verdict, null);
    assert.match(rp.reason!, /no labels/);
  });

  it(`more than ${MAX_JOINT_AGENTS} active agent positions are merged into runs of consecutive positions, and the note says why`, () => {
    const c = emptyCounts({ states: 2, actions: 2, observations: 2, agents: 45 });
    c.labelActionByAgent.forEach((t, k) => (t[0][0] = k + 1));
    const { groups, note } = rpEnvironments(c, 'agent');
    assert.equal(groups.length, 15); // 45 positions in runs of 3
    assert.equal(groups[0].name, 'agents 1–3');
    assert.equal(groups[0].counts[0][0], 1 + 2 + 3);
    assert.equal(
      groups.reduce((s, g) => s + g.counts[0][0], 0),
      (45 * 46) / 2,
    );
    assert.match(note!, /45 agent positions merged into 15 environments.*M²/);
  });

  it('labels as environments: the prior of each is its label alone, so NIAS holds exactly when a label always gets one action', async () => {
    const c = emptyCounts({ states: 2, actions: 2, observations: 2, agents: 2 });
    c.labelled = 7;
    // Label 0 always gets action 0 and label 1 action 1, at both agent positions.
    c.labelActionByAgent[0] = [
      [3, 0],
      [0, 2],
    ];
    c.labelActionByAgent[1] = [
      [1, 0],
      [0, 1],
    ];
    const rp = await environmentRp(c, 'label', ['calm', 'hot']);
    assert.equal(rp.grouping, 'label');
    assert.deepEqual(
      rp.environments.map((e) => [e.name, e.decisions]),
      [
        ['label calm', 4],
        ['label hot', 3],
      ],
    );
    // By hand: posterior after the chosen action is the point mass on the label, so NIAS asks r_m(x_m, chosen) −
    // r_m(x_m, other) ≥ ε; with 0 ≤ r ≤ 1 the largest ε is 1 (stage two keeps it within 1e-9).
    assert.equal(rp.verdict?.passes, true);
    near(rp.verdict!.niasMargin, 1, 1e-8);
    assert.ok(rp.verdict!.niacMargin! >= -1e-9);
    assert.match(rp.verdict!.basis, /^2 labels as environments over 7 labelled rows/);
    near(rp.environments[0].utility![0][0] - rp.environments[0].utility![0][1], 1, 1e-8);
    near(rp.environments[1].utility![1][1] - rp.environments[1].utility![1][0], 1, 1e-8);

    // One label row takes both actions: they must tie in r_m(x_m, ·), so the NIAS margin is 0 and the test fails.
    c.labelActionByAgent[1][1] = [1, 1];
    const mixed = await environmentRp(c, 'label', ['calm', 'hot']);
    assert.deepEqual(labelActionTotals(c)[1], [1, 3]);
    assert.equal(mixed.verdict?.passes, false);
    near(mixed.verdict!.niasMargin, 0, 1e-9);
  });

  it(`more than ${MAX_JOINT_AGENTS} labels with decisions are merged into groups of consecutive labels, named and noted`, () => {
    const X = 25;
    const c = emptyCounts({ states: X, actions: 2, observations: 2, agents: 1 });
    c.labelActionByAgent[0].forEach((row, x) => (row[x % 2] = x + 1));
    const names = Array.from({ length: X }, (_, x) => `s${x}`);
    const { groups, note } = rpEnvironments(c, 'label', names);
    assert.equal(groups.length, 13); // 25 labels in groups of 2
    assert.equal(groups[0].name, 'labels s0 … s1');
    assert.deepEqual(groups[0].counts.slice(0, 3), [
      [1, 0],
      [0, 2],
      [0, 0],
    ]);
    assert.equal(groups[12].name, 'label s24');
    assert.match(note!, /25 labels merged into 13 environments/);
    // Without state names the environments say which state index they hold.
    assert.equal(rpEnvironments(c, 'label').groups[12].name, 'label state 24');
  });

  it('prior bins as environments: one per bin that had decisions', () => {
    const c = emptyCounts({ states: 2, actions: 2, observations: 2, agents: 2 });
    c.labelActionByPriorBin[0] = [
      [1, 0],
      [0, 1],
    ];
    c.labelActionByPriorBin[PRIOR_BINS - 1] = [
      [2, 0],
      [0, 0],
    ];
    const { groups } = rpEnvironments(c, 'prior-bin');
    assert.deepEqual(
      groups.map((g) => g.name),
      ['π(0) in [0.00, 0.20)', 'π(0) in [0.80, 1.00]'],
    );
  });
});
