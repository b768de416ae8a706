// "What if a controller had intervened": replay of a realised run with and without the threshold controller.
import assert from 'node:assert/strict';
import { whatIfControlled } from '../../../src/core/control/intervention';
import type { DecisionModel } from '../../../src/core/model';
import type { ControlOverlay } from '../../../src/shared/protocol';
import { learn } from '../../../src/core/social-learning';

// The §4.3 worked example: the plain chain cascades at agent 4 and freezes at [0.740385, 0.259615].
const model: DecisionModel = {
  prior: [0.55, 0.45],
  likelihood: [
    [0.7, 0.3],
    [0.3, 0.7],
  ],
  utility: [
    [1, 0],
    [0, 1],
  ],
};
const observations = [1, 0, 0, 1, 1, 0];

describe('control: what-if replay with a controller', () => {
  it('threshold 0 never intervenes: both chains equal the plain social-learning chain', () => {
    const r = whatIfControlled(model, observations, { threshold: 0 });
    const plain = learn(model, observations);
    plain.steps.forEach((s, k) => s.publicBelief.forEach((v, x) => assert.ok(Math.abs(v - r.publicBeliefsWithout[k + 1][x]) < 1e-12)));
    assert.deepEqual(r.publicBeliefsWith, r.publicBeliefsWithout);
    assert.equal(r.informativeAgentsWith, r.informativeAgentsWithout);
    assert.equal(r.revealedAgents, 0);
    assert.equal(r.stopStep, 1);
  });

  it('counts informative agents: 3 before the cascade without control, all 6 when every agent reveals', () => {
    const r = whatIfControlled(model, observations, { threshold: 1, trueState: 1 });
    assert.equal(r.informativeAgentsWithout, 3);
    assert.equal(r.informativeAgentsWith, 6);
    assert.equal(r.revealedAgents, 6);
    assert.equal(r.stopStep, null);
    const last = r.publicBeliefsWithout[6];
    assert.ok(Math.abs(last[0] - 0.740385) < 1e-6);
    // Revealing all six: three 1s and three 0s cancel, so the public is back at the prior.
    const final = r.publicBeliefsWith[6];
    assert.ok(Math.abs(final[0] - 0.55) < 1e-12);
    assert.ok(Math.abs(r.accuracyWithout! - last[1]) < 1e-12, 'accuracy = posterior of the true state');
    assert.ok(Math.abs(r.accuracyWith! - 0.45) < 1e-12);
    assert.equal(r.accuracyMeasure, 'posterior-of-true-state');
    assert.equal(r.correctWithout, false);
    const overlay: ControlOverlay = r; // the panel's overlay is a subset of the result
    assert.equal(overlay.informativeAgentsWith, 6);
  });

  it('an intermediate threshold reveals until π(1) reaches it, then lets agents herd (absorbing)', () => {
    // π(1): 0.45 → reveal y=1 → 0.65625 ≥ 0.6: stop from agent 2 on.
    const r = whatIfControlled(model, observations, { threshold: 0.6 });
    assert.equal(r.revealedAgents, 1);
    assert.equal(r.stopStep, 2);
    assert.equal(r.accuracyMeasure, 'posterior-of-map-state');
    const final = r.publicBeliefsWith[6];
    assert.ok(Math.abs(r.accuracyWith! - Math.max(...final)) < 1e-15);
  });

  it('skips agents without an observation and rejects bad input naming the field', () => {
    const r = whatIfControlled(model, [1, null, 0], { threshold: 0 });
    assert.deepEqual(r.publicBeliefsWithout[2], r.publicBeliefsWithout[1]);
    assert.equal(r.agents, 3);
    assert.throws(() => whatIfControlled(model, [0, 2], { threshold: 0.5 }), /observations\[1\]/);
    assert.throws(() => whatIfControlled(model, [0], { threshold: 1.5 }), /threshold/);
    assert.throws(() => whatIfControlled(model, [0], { threshold: 0.5, trueState: 3 }), /trueState/);
  });
});
