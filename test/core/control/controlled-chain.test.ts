// A chain under a threshold controller: the textbook (absorbing, Bayes on reveals) and controllingherding.py modes.
import assert from 'node:assert/strict';
import { notebookPublicUpdate } from '../../../src/core/control/code-parity-stopping';
import { controlledChain } from '../../../src/core/control/controlled-chain';
import type { DecisionModel } from '../../../src/core/model';

// controllingherding.py: B override, utility [[0.5,0],[0,1]], reveal while π(0) < γ.
const e3: DecisionModel = {
  prior: [0.5, 0.5],
  likelihood: [
    [0.3, 0.7],
    [0.7, 0.3],
  ],
  utility: [
    [0.5, 0],
    [0, 1],
  ],
};

describe('control: controlled chain', () => {
  it("code parity: a revealing agent's action is its observation and every action goes through the (I + R) filter", () => {
    // Threshold 0.5: agents 1-6 herd (π(0) ≥ 0.5), then π(0) drops below 0.5 and agents 7-10 reveal y = 1,0,0,1.
    const obs = [1, 1, 0, 1, 0, 0, 1, 0, 0, 1];
    const chain = controlledChain(e3, obs, { threshold: 0.5, stateIndex: 0, mode: 'code-parity' });
    assert.equal(chain.actions.length, obs.length);
    assert.ok(chain.revealed.includes(true) && chain.revealed.includes(false), `both phases occur: ${chain.revealed}`);
    let pi = [0.5, 0.5];
    chain.actions.forEach((a, k) => {
      const reveal = pi[0] < 0.5;
      assert.equal(chain.revealed[k], reveal, `agent ${k + 1}`);
      if (reveal) assert.equal(a, obs[k]);
      pi = notebookPublicUpdate(e3, pi, a!);
      assert.deepEqual(chain.publicBeliefs[k + 1], pi);
    });
  });

  it('code parity re-evaluates the rule every step; the textbook stop is absorbing', () => {
    const obs = Array.from({ length: 40 }, (_, k) => (k % 3 === 0 ? 0 : 1));
    const code = controlledChain(e3, obs, { threshold: 0.5, stateIndex: 0, mode: 'code-parity' });
    const firstStop = code.revealed.indexOf(false);
    assert.ok(firstStop >= 0 && code.revealed.slice(firstStop).includes(true), 'revealing resumes after a stop');
    const textbook = controlledChain(e3, obs, { threshold: 0.5, stateIndex: 0 });
    const stop = textbook.revealed.indexOf(false);
    assert.ok(stop >= 0);
    assert.ok(textbook.revealed.slice(stop).every((r) => !r));
    assert.equal(textbook.stopStep, stop + 1);
  });

  it('textbook reveals update the public by Bayes on the observation', () => {
    const m: DecisionModel = {
      prior: [0.5, 0.5],
      likelihood: [
        [0.8, 0.2],
        [0.4, 0.6],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
    };
    const chain = controlledChain(m, [1, 1], { threshold: 1, stateIndex: 1 });
    const after1 = [0.5 * 0.2, 0.5 * 0.6].map((v) => v / 0.4);
    assert.ok(Math.abs(chain.publicBeliefs[1][0] - after1[0]) < 1e-15);
    const after2 = [after1[0] * 0.2, after1[1] * 0.6];
    assert.ok(Math.abs(chain.publicBeliefs[2][1] - after2[1] / (after2[0] + after2[1])) < 1e-15);
    assert.deepEqual(chain.revealed, [true, true]);
  });

  it("rejects code parity when the action can't equal the observation (Y ≠ A)", () => {
    const m: DecisionModel = {
      prior: [0.5, 0.5],
      likelihood: [
        [0.5, 0.3, 0.2],
        [0.2, 0.3, 0.5],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
    };
    assert.throws(() => controlledChain(m, [0], { threshold: 0.5, stateIndex: 0, mode: 'code-parity' }), /mode/);
  });
});
