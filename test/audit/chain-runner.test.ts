import assert from 'node:assert/strict';
import { runChain } from '../../src/audit/chain-runner';
import { LlmSensor } from '../../src/audit/llm-sensor';
import { SimulatedSensor } from '../../src/audit/simulated-sensor';
import type { StepRecord } from '../../src/shared/step-record';
import { learn } from '../../src/core/social-learning';
import { reply, startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server';
import { agentOf, answerFor, openAiProvider, twoStateProfile } from './fixtures';

const close = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) < 1e-12);

describe('chain runner, sensor mode', () => {
  let server: FakeLlmServer;
  beforeEach(async () => (server = await startFakeLlmServer()));
  afterEach(() => server.close());

  it('a 10-agent chain reproduces the cascade step and beliefs of core learn() for the same observations', async () => {
    const ys = [1, 0, 0, 1, 1, 0, 1, 0, 1, 1];
    server.setResponder((req) => answerFor(ys[agentOf(req) - 1]));
    const { profile, model } = twoStateProfile();
    const provider = openAiProvider(server);
    const streamed: StepRecord[] = [];
    const result = await runChain({
      runId: 'r',
      text: 'some text',
      profile,
      model,
      agents: 10,
      source: new LlmSensor(profile, () => provider),
      onStep: (s) => void streamed.push(s),
    });
    const expected = learn(model, ys);
    assert.equal(expected.herdingStep, 4);
    assert.equal(result.summary.herdingStep, expected.herdingStep);
    assert.equal(result.summary.herdAction, 0);
    assert.deepEqual(
      result.steps.map((s) => s.observation?.index),
      ys,
    );
    result.steps.forEach((s, i) => {
      assert.equal(s.action, expected.steps[i].action, `action of agent ${i + 1}`);
      assert.equal(s.cascade, expected.steps[i].cascade, `cascade of agent ${i + 1}`);
      assert.ok(close(s.publicBeliefAfter, expected.steps[i].publicBelief), `π_${i + 1}`);
      assert.ok(close(s.privateBelief!, expected.steps[i].privateBelief!), `η_${i + 1}`);
    });
    // spec §4.3 table: π frozen at [0.740385, 0.259615] from agent 3 on
    assert.ok(Math.abs(result.steps[9].publicBeliefAfter[0] - 0.740385) < 1e-6);
    assert.deepEqual(
      streamed.map((s) => s.index),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    assert.deepEqual(result.steps[0].tokens, { prompt: 50, completion: 12 });
    assert.equal(server.requests.length, 10);
  });

  it('records malformed answers and HTTP failures per agent, keeps the raw answer, and carries on', async () => {
    const answers: Record<number, ReturnType<typeof reply.content>> = {
      1: reply.content('{"is_toxic": True, "is_polite": False}\n\nThe text contains an insult, so it is toxic.'),
      2: reply.content('```json\n{"is_toxic": false, "is_polite": true,}\n```'),
      3: reply.content('I am sorry, I cannot rate this text.'),
      4: reply.content('{"is_toxic": "maybe", "is_polite": false}'),
      5: reply.error(400, 'bad request: model not found'),
      6: reply.content("{'is_toxic': true, 'is_polite': false}"),
    };
    server.setResponder((req) => answers[agentOf(req)]);
    const { profile, model } = twoStateProfile();
    const provider = openAiProvider(server);
    const result = await runChain({ runId: 'r', text: 't', profile, model, source: new LlmSensor(profile, () => provider) });
    const [s1, s2, s3, s4, s5, s6] = result.steps;
    assert.equal(result.steps.length, 6);
    assert.equal(s1.observation?.index, 1);
    assert.ok(s1.notes?.some((n) => /repaired|ignored/.test(n)));
    assert.equal(s2.observation?.index, 0);
    assert.equal(s3.error?.kind, 'parse');
    assert.equal(s3.rawResponse, 'I am sorry, I cannot rate this text.');
    assert.equal(s3.action, null);
    assert.deepEqual(s3.publicBeliefAfter, s3.publicBeliefBefore);
    assert.equal(s4.error?.kind, 'schema');
    assert.match(s4.error!.message, /is_toxic/);
    assert.equal(s4.rawResponse, '{"is_toxic": "maybe", "is_polite": false}');
    assert.equal(s5.error?.kind, 'http');
    assert.equal(s5.rawResponse, null);
    assert.equal(s6.observation?.index, 1);
    assert.equal(s6.action, 1);
    assert.equal(result.summary.errors, 3);
    // The failed agents leave the public belief where it was: the chain equals learn() on the successful observations.
    const expected = learn(model, [1, 0, 1]);
    assert.ok(close(s6.publicBeliefAfter, expected.steps[2].publicBelief));
  });

  it('cancellation keeps the finished steps', async () => {
    const controller = new AbortController();
    server.setResponder((req) => {
      const agent = agentOf(req);
      if (agent === 3) controller.abort();
      return agent >= 3 ? reply.hang() : answerFor(1);
    });
    const { profile, model } = twoStateProfile();
    const provider = openAiProvider(server);
    const result = await runChain({
      runId: 'r',
      text: 't',
      profile,
      model,
      concurrency: 1,
      source: new LlmSensor(profile, () => provider),
      signal: controller.signal,
    });
    assert.equal(result.cancelled, true);
    assert.deepEqual(
      result.steps.map((s) => s.index),
      [1, 2],
    );
  });
});

describe('chain runner, simulated sensor', () => {
  it('draws y ~ B[x_true] reproducibly, marks steps simulated and the indexes agree with the attributes shown', async () => {
    const { profile, model } = twoStateProfile();
    const source = new SimulatedSensor(profile, model, { trueState: 1, seed: 42 });
    const a = await runChain({ runId: 'r', text: '', profile, model, agents: 40, source });
    const b = await runChain({ runId: 'r', text: '', profile, model, agents: 40, source });
    assert.deepEqual(
      a.steps.map((s) => s.observation!.index),
      b.steps.map((s) => s.observation!.index),
    );
    assert.ok(a.steps.every((s) => s.simulated === true));
    a.steps.forEach((s) => assert.equal(s.observation!.attributes.is_toxic, s.observation!.index === 1));
    const expected = learn(
      model,
      a.steps.map((s) => s.observation!.index),
    );
    assert.equal(a.summary.herdingStep, expected.herdingStep);
  });

  it('rejects a true state outside the profile', () => {
    const { profile, model } = twoStateProfile();
    assert.throws(() => new SimulatedSensor(profile, model, { trueState: 2, seed: 1 }), /--true-state/);
  });
});
