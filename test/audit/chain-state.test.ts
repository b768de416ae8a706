// The chain's public side decides exactly as core learn(): the same actions, cascade flags, public beliefs (bit for
// bit) and herd action on random models, including where a normalised belief would round a utility tie the other way.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runChain } from '../../src/audit/chain-runner';
import { ChainState } from '../../src/audit/chain-state';
import type { AgentAnswer, ObservationSource } from '../../src/audit/observation-source';
import { learn } from '../../src/core/social-learning';
import { modelCase } from '../core/reference/arbitraries';
import { TIE_MODEL, TIE_OBSERVATIONS } from '../core/reference/tie-model';
import { twoStateProfile } from './fixtures';

const answer = (y: number | null): AgentAnswer => ({
  provider: 'test',
  model: 'scripted',
  promptHash: 'h',
  rawResponse: y === null ? null : `{"y":${y}}`,
  attributes: y === null ? null : {},
  observation: y,
  tokens: null,
  latencyMs: 0,
  costUsd: null,
  cached: false,
  simulated: true,
  ...(y === null ? { error: { kind: 'http' as const, message: 'HTTP 500' } } : {}),
});

describe('chain state: the public side of a chain, decided as core learn() does', () => {
  it('equals learn() step by step on random models (zeros, ties, cost form, P ≠ I)', () => {
    fc.assert(
      fc.property(modelCase({ maxAgents: 8 }), ({ model, observations }) => {
        const state = new ChainState(model);
        const steps = observations.map((y, i) => state.next({ runId: 'r', item: 0, agent: i + 1, mode: 'sensor', model }, answer(y)));
        const want = learn(model, observations);
        steps.forEach((s, k) => {
          assert.equal(s.action, want.steps[k].action, `action of agent ${k + 1}`);
          assert.equal(s.cascade, want.steps[k].cascade, `cascade of agent ${k + 1}`);
          assert.deepEqual(s.publicBeliefAfter, want.steps[k].publicBelief, `π_${k + 1}`);
          assert.deepEqual(s.privateBelief, want.steps[k].privateBelief, `η_${k + 1}`);
        });
        assert.equal(steps.find((s) => s.cascade)?.index ?? null, want.herdingStep);
        assert.equal(state.herdAction, want.herdAction);
      }),
      { numRuns: 1500 },
    );
  });

  it('a failed agent leaves the public belief and weights where they were', () => {
    const { model } = twoStateProfile();
    const state = new ChainState(model);
    const ys = [1, null, 0, null, 0, 1];
    ys.forEach((y, i) => state.next({ runId: 'r', item: 0, agent: i + 1, mode: 'sensor', model }, answer(y)));
    const want = learn(
      model,
      ys.filter((y): y is number => y !== null),
    );
    assert.deepEqual(state.belief, want.steps.at(-1)?.publicBelief);
    let j = 0;
    assert.deepEqual(
      state.predecessors,
      ys.map((y) => (y === null ? null : want.steps[j++].action)),
    );
  });

  it("an item's summary names the herd action learn() decides where a normalised belief would round the tie the other way", async () => {
    const { profile } = twoStateProfile();
    const ys = TIE_OBSERVATIONS;
    const source: ObservationSource = {
      description: 'scripted',
      simulated: true,
      observe: async (request) => answer(ys[request.agent - 1]),
    };
    const result = await runChain({ runId: 'r', text: 't', profile, model: TIE_MODEL, source, agents: 2 });
    const want = learn(TIE_MODEL, ys);
    assert.equal(want.herdingStep, 2);
    assert.equal(want.herdAction, 1);
    assert.equal(result.summary.herdingStep, 2);
    assert.equal(result.summary.herdAction, 1);
    assert.deepEqual(
      result.steps.map((s) => s.action),
      want.steps.map((s) => s.action),
    );
  });
});
