import assert from 'node:assert/strict';
import { pluralityAction } from '../../src/audit/agent-step';
import { runChain } from '../../src/audit/chain-runner';
import { LlmSensor } from '../../src/audit/llm-sensor';
import { SimulatedSensor } from '../../src/audit/simulated-sensor';
import { predict } from '../../src/core/bayes';
import { publicUpdate, toBelief, weightsAfterAction } from '../../src/core/social-learning';
import { reply, startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server';
import { agentOf, answerFor, openAiProvider, twoStateProfile } from './fixtures';

describe('chain runner, interacting mode', () => {
  let server: FakeLlmServer;
  beforeEach(async () => (server = await startFakeLlmServer()));
  afterEach(() => server.close());

  it("shows predecessors' actions, records the LLM's action beside the Bayes action, and flags empirical herding", async () => {
    // Agent k's observation y and its own action: 1,2 see toxic and flag; 3 sees clean but flags with the crowd;
    // 4 sees clean and passes; 5 sees toxic and passes (against the majority: not herding); 6 gives no action.
    const script: Record<number, ReturnType<typeof reply.content>> = {
      1: answerFor(1, { action: 'flag' }),
      2: answerFor(1, { action: 1 }),
      3: answerFor(0, { action: 'Flag' }),
      4: answerFor(0, { action: 'pass' }),
      5: answerFor(1, { action: 'pass' }),
      6: answerFor(1),
    };
    server.setResponder((req) => script[agentOf(req)]);
    const { profile, model } = twoStateProfile({ mode: 'interacting' });
    const provider = openAiProvider(server);
    const { steps } = await runChain({ runId: 'r', text: 'some text', profile, model, source: new LlmSensor(profile, () => provider) });

    assert.deepEqual(
      steps.map((s) => s.llmAction),
      [1, 1, 1, 0, 0, null],
    );
    assert.deepEqual(
      steps.map((s) => s.action),
      [1, 1, 1, 0, 0, null],
    );
    assert.deepEqual(
      steps.map((s) => s.herding),
      [false, false, true, false, false, false],
    );
    assert.equal(steps[2].privateAction, 0, 'a clean observation alone implies pass (π_0 = [0.55, 0.45])');
    assert.equal(steps[5].error?.kind, 'schema');
    assert.match(steps[5].error!.message, /action/);
    // The public belief follows T(π, a) with the LLM's action, carried as learn() carries it (unnormalised weights).
    let weights: number[] = [...model.prior];
    for (const s of steps.slice(0, 5)) {
      weights = weightsAfterAction(model, predict(model, weights), s.action!) ?? weights;
      assert.deepEqual(s.publicBeliefAfter, toBelief(weights));
      const fromShown = publicUpdate(model, s.publicBeliefBefore, s.action!) ?? s.publicBeliefBefore;
      s.publicBeliefAfter.forEach((p, x) => assert.ok(Math.abs(p - fromShown[x]) < 1e-15, 'T(π, a) of the belief shown'));
    }
    // Prompts are sequential and show the predecessors.
    const prompt3 = server.requests.find((r) => agentOf(r) === 3)!.body.messages.at(-1).content as string;
    assert.match(prompt3, /Agent 1: flag\nAgent 2: flag/);
    assert.match(prompt3, /"action"/);
    assert.equal(
      server.requests.find((r) => agentOf(r) === 1)!.body.response_format.json_schema.schema.properties.action.enum.join(','),
      'pass,flag',
    );
  });

  it('can show the public posterior in the prompt', async () => {
    server.setResponder(() => answerFor(1, { action: 'flag' }));
    const json = twoStateProfile().profile;
    const { profile, model } = twoStateProfile({ mode: 'interacting', agents: { ...json.agents, count: 2, showPublicBelief: true } });
    const provider = openAiProvider(server);
    await runChain({ runId: 'r', text: 't', profile, model, source: new LlmSensor(profile, () => provider) });
    const prompt2 = server.requests.find((r) => agentOf(r) === 2)!.body.messages.at(-1).content as string;
    assert.match(prompt2, /Public belief from their decisions: clean \d+\.\d%, toxic \d+\.\d%/);
  });

  it('a simulated sensor in interacting mode acts Bayes-rationally (it has no action of its own)', async () => {
    const { profile, model } = twoStateProfile({ mode: 'interacting' });
    const { steps } = await runChain({
      runId: 'r',
      text: '',
      profile,
      model,
      agents: 12,
      source: new SimulatedSensor(profile, model, { trueState: 1, seed: 5 }),
    });
    assert.equal(steps.length, 12);
    assert.ok(steps.every((s) => !s.error && s.action !== null && s.action === s.bayesAction && s.llmAction === null && !s.herding));
  });

  it('plurality: strict maximum only', () => {
    assert.equal(pluralityAction([1, 1, 0, null]), 1);
    assert.equal(pluralityAction([1, 0]), null);
    assert.equal(pluralityAction([]), null);
  });
});
