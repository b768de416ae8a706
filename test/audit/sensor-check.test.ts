import assert from 'node:assert/strict';
import { checkSensor } from '../../src/audit/sensor-check';

const near = (a: number | null | undefined, b: number, tol = 1e-9) =>
  assert.ok(typeof a === 'number' && Math.abs(a - b) <= tol, `${a} vs ${b}`);

describe('sensor check', () => {
  it('hand-computed: state 0 answers [20, 20] where B says [0.7, 0.3] → rejected after Holm; state 1 fits exactly', () => {
    const check = checkSensor(
      [
        [20, 20],
        [12, 28],
      ],
      [
        [0.7, 0.3],
        [0.3, 0.7],
      ],
      ['clean', 'toxic'],
    );
    assert.equal(check.rejected, true);
    assert.equal(check.alpha, 0.05);
    const [s0, s1] = check.states;
    assert.deepEqual(Object.keys(s0).slice(0, 9), ['state', 'n', 'observed', 'expected', 'g', 'df', 'p', 'pHolm', 'tv']);
    assert.deepEqual([s0.state, s0.n, s0.observed, s0.expected, s0.df], [0, 40, [20, 20], [0.7, 0.3], 1]);
    near(s0.g, 6.974135485791111, 1e-12);
    near(s0.p, 0.008269616339410844, 1e-10);
    near(s0.pHolm, 2 * 0.008269616339410844, 1e-10); // the smaller of two p-values, ×2
    near(s0.tv, 0.2, 1e-12);
    near(s1.g, 0, 1e-12);
    near(s1.pHolm, 1, 1e-12);
    near(check.logLikelihoodRatio, -3.4870677428955554, 1e-12); // = −½ ΣG
    near(check.logLikelihoodRatioPerObservation, -3.4870677428955554 / 80, 1e-12);
    assert.deepEqual(check.worst, { state: 0, y: 0, observedShare: 0.5, assumedShare: 0.7 });
    assert.match(
      check.message,
      /^The profile's sensor model B is rejected \(α = 0\.05\): in state "clean" the model answered y = 0 in 50\.0% of 40 observations; the profile assumes 70\.0% \(G = 6\.97 on 1 df, Holm p = 0\.0165\)/,
    );
  });

  it('a state without observations is not tested (nulls) and does not enter Holm', () => {
    const check = checkSensor(
      [
        [30, 10],
        [0, 0],
      ],
      [
        [0.7, 0.3],
        [0.3, 0.7],
      ],
    );
    assert.equal(check.states[1].p, null);
    assert.equal(check.states[1].pHolm, null);
    assert.equal(check.states[1].tv, null);
    near(check.states[0].pHolm, 0.48252944389413077, 1e-9); // one test: Holm = p
    assert.equal(check.rejected, false);
    assert.match(check.message, /consistent with B/);
  });

  it('an answer B calls impossible rejects B outright: p = 0, G reported as null (∞) and the cell is named', () => {
    const check = checkSensor(
      [
        [5, 1],
        [2, 2],
      ],
      [
        [1, 0],
        [0.5, 0.5],
      ],
      ['a', 'b'],
    );
    const s0 = check.states[0];
    assert.equal(s0.g, null);
    assert.equal(s0.p, 0);
    assert.deepEqual(s0.impossible, [1]);
    assert.equal(s0.df, 0);
    assert.equal(check.rejected, true);
    assert.equal(check.logLikelihoodRatio, null);
    assert.match(check.message, /B gives y = 1 probability 0/);
    assert.equal(JSON.parse(JSON.stringify(check)).states[0].g, null);
  });

  it('no labelled observations: nothing rejected, says why', () => {
    const check = checkSensor(
      [
        [0, 0],
        [0, 0],
      ],
      [
        [0.7, 0.3],
        [0.3, 0.7],
      ],
    );
    assert.equal(check.rejected, false);
    assert.equal(check.worst, null);
    assert.match(check.message, /without labels/);
  });
});
