// `herdscope control stop|spsa|incentives|whatif`: output shapes and one-line errors (exit 2).
import assert from 'node:assert/strict';
import { runHerdscope, tempFile } from '../support/cli';

const model = {
  prior: [0.4, 0.6],
  likelihood: [
    [0.7, 0.3],
    [0.1, 0.9],
  ],
  utility: [
    [1, 0],
    [0, 1],
  ],
};

async function json(args: string[]): Promise<Record<string, unknown>> {
  const r = await runHerdscope(args);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 1);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

async function fails(args: string[], field: RegExp): Promise<void> {
  const r = await runHerdscope(args);
  assert.equal(r.code, 2, r.stdout);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, field);
  assert.equal(r.stdout, '');
}

describe('cli: herdscope control', function () {
  this.timeout(60000); // each case spawns the CLI several times
  const modelFile = tempFile('model.json', model);

  it('stop prints the grid policy, its threshold and the checked conditions', async () => {
    const out = await json(['control', 'stop', '--model', modelFile, '--grid', '201']);
    const policy = out.policy as string[];
    assert.equal(policy.length, 201);
    assert.ok(policy.every((p) => p === 'stop' || p === 'continue'));
    assert.equal(out.isThreshold, true);
    assert.equal(out.orientation, 'stop-below');
    assert.equal(typeof out.threshold, 'number');
    const conditions = out.conditions as { checks: { name: string; pass: boolean | null }[] };
    assert.deepEqual(
      conditions.checks.map((c) => c.name),
      ['likelihood-tp2', 'transition-tp2', 'submodular-costs', 'stop-cost-concave'],
    );
    assert.equal((out.values as { value: number[] }).value.length, 201);
    assert.equal((out.stages as unknown[]).length, 100);
    assert.equal(out.evaluation, null);
  });

  it('stop --horizon inf --delay 5 solves the stationary problem; --evaluate adds a seeded Monte Carlo', async () => {
    const out = await json(['control', 'stop', '--model', modelFile, '--grid', '101', '--horizon', 'inf', '--delay', '5']);
    assert.equal(out.converged, true);
    assert.equal((out.problem as { horizon: unknown }).horizon, 'inf');
    const evaluated = await json([
      'control',
      'stop',
      '--model',
      modelFile,
      '--grid',
      '101',
      '--horizon',
      '20',
      '--delay',
      '5',
      '--evaluate',
      '30',
      '--seed',
      '4',
    ]);
    assert.equal((evaluated.evaluation as { seed: number; runs: number }).seed, 4);
    assert.equal((evaluated.evaluation as { runs: number }).runs, 30);
  });

  it('spsa returns a trace of the requested length and carries the seed', async () => {
    const out = await json([
      'control',
      'spsa',
      '--model',
      modelFile,
      '--horizon',
      '30',
      '--iterations',
      '5',
      '--runs',
      '10',
      '--final-runs',
      '20',
      '--seed',
      '9',
    ]);
    assert.equal(out.seed, 9);
    const trace = out.trace as { iteration: number; threshold: number; costEstimate: number }[];
    assert.equal(trace.length, 5);
    assert.ok(trace.every((t) => t.threshold >= 0 && t.threshold <= 1 && Number.isFinite(t.costEstimate)));
    assert.equal((out.policy as { orientation: string }).orientation, 'stop-below', 'auto orientation from value iteration');
    const code = await json([
      'control',
      'spsa',
      '--model',
      modelFile,
      '--preset',
      'code-central',
      '--objective',
      'code-parity',
      '--iterations',
      '3',
      '--final-runs',
      '0',
    ]);
    assert.equal(code.preset, 'code-central');
    assert.equal(code.final, null);
  });

  it('incentives runs a preset, a γ sweep and SPSA over γ', async () => {
    const out = await json([
      'control',
      'incentives',
      '--preset',
      'experiment1',
      '--runs',
      '40',
      '--seed',
      '3',
      '--sweep',
      '3',
      '--spsa',
      '--iterations',
      '2',
    ]);
    const sim = out.simulation as { seed: number; classificationRate: number; totalIncentive: { mean: number } };
    assert.equal(sim.seed, 3);
    assert.ok(sim.classificationRate >= 0 && sim.classificationRate <= 1);
    assert.equal((out.sweep as { points: unknown[] }).points.length, 3);
    assert.equal((out.spsa as { trace: unknown[] }).trace.length, 2);
    const code = await json(['control', 'incentives', '--preset', 'experiment2', '--mode', 'code', '--runs', '10', '--gamma', '0.3']);
    assert.equal((code.setting as { rule: string; gamma: number }).rule, 'code');
    assert.equal((code.simulation as { gamma: number }).gamma, 0.3);
  });

  it('whatif replays observations from a list or a JSON file', async () => {
    const plain = await json(['control', 'whatif', '--model', modelFile, '--observations', '1,0,0,1', '--threshold', '0']);
    assert.deepEqual(plain.publicBeliefsWith, plain.publicBeliefsWithout);
    const file = tempFile('obs.json', [1, null, 0, 0]);
    const out = await json(['control', 'whatif', '--model', modelFile, '--observations', file, '--threshold', '1', '--true-state', '1']);
    assert.equal(out.agents, 4);
    assert.equal(out.revealedAgents, 3);
    assert.equal(out.accuracyMeasure, 'posterior-of-true-state');
  });

  it('bad input: a missing or unknown subcommand, a missing or unreadable model', async () => {
    await fails(['control'], /subcommand/);
    await fails(['control', 'halt'], /subcommand/);
    await fails(['control', 'stop'], /--model/);
    await fails(['control', 'stop', '--model', '/nonexistent/m.json'], /--model: cannot read/);
  });

  it('bad input to stop: flags and model contents are named', async () => {
    await fails(['control', 'stop', '--model', modelFile, '--discount', '2'], /--discount/);
    await fails(['control', 'stop', '--model', modelFile, '--grid', 'x'], /--grid/);
    await fails(['control', 'stop', '--model', modelFile, '--horizon', 'inf', '--evaluate', '5'], /--evaluate/);
    await fails(
      [
        'control',
        'stop',
        '--model',
        tempFile('m3.json', {
          prior: [0.2, 0.3, 0.5],
          likelihood: [
            [1, 0],
            [0, 1],
            [0.5, 0.5],
          ],
          utility: [[1], [1], [1]],
        }),
      ],
      /--model: .*2 states/,
    );
    await fails(
      [
        'control',
        'stop',
        '--model',
        tempFile('bad.json', {
          ...model,
          likelihood: [
            [0.7, 0.4],
            [0.1, 0.9],
          ],
        }),
      ],
      /likelihood\[0\]/,
    );
    await fails(['control', 'stop', '--model', modelFile, '--bogus'], /bogus/);
  });

  it('bad input to spsa, incentives and whatif', async () => {
    await fails(['control', 'spsa', '--model', modelFile, '--preset', 'fast'], /--preset/);
    await fails(['control', 'incentives'], /--preset/);
    await fails(['control', 'incentives', '--preset', 'experiment1', '--gamma', '2'], /--gamma/);
    await fails(['control', 'whatif', '--model', modelFile, '--observations', '1,0'], /--threshold/);
    await fails(['control', 'whatif', '--model', modelFile, '--observations', '1,7', '--threshold', '0.5'], /observations\[1\]/);
    await fails(
      ['control', 'whatif', '--model', modelFile, '--observations', '/nonexistent/obs.json', '--threshold', '0.5'],
      /--observations: cannot read "\/nonexistent\/obs\.json": no such file/,
    );
    await fails(
      ['control', 'whatif', '--model', modelFile, '--observations', tempFile('obs.json', { y: [1] }), '--threshold', '0.5'],
      /--observations: the file must hold a JSON array/,
    );
  });
});
