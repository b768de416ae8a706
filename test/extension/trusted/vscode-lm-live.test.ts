// The VS Code Language Model provider end to end: a stand-in chat model contributed by another extension
// (test/host/fixtures/lm-test-extension, through vscode.lm.registerLanguageModelChatProvider) answers Audit Selection
// through the real vscode.lm of this host: model picking, consent, cancellation and errors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/extension/ids';
import type { HerdScopeApi } from '../../../src/extension/test-api';
import type { StepRecord } from '../../../src/shared/step-record';
import { eventually, extensionLog, herdscope, productAnswer, setSetting } from '../host-helpers';

const FIXTURE_ID = 'herdscope-test.lm-test-extension';
type Answer = { text: string } | { error: string } | { hang: true };
interface StandIn {
  vendor: string;
  requests: Array<{ model: string; messages: string[]; cancelled: boolean }>;
  setResponder(fn: (request: unknown, index: number) => Answer): void;
  register(): void;
  unregister(): void;
}

const REVIEW = 'Broke twice in a month; support never answered.';
const bad = productAnswer({ defects: true, durability: false, expectations: false, recommend: false });

function readRun(
  api: HerdScopeApi,
  runId: string,
): { meta: { status: string; statusMessage?: string; header: { provider?: unknown } } & Record<string, unknown>; steps: StepRecord[] } {
  const dir = path.join(api.runsDir(), runId);
  const steps = fs.existsSync(path.join(dir, 'steps.jsonl'))
    ? fs
        .readFileSync(path.join(dir, 'steps.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as StepRecord)
    : [];
  return { meta: JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')), steps };
}

describe('VS Code Language Model API, live: a chat model contributed by another extension', function () {
  let api: HerdScopeApi;
  let model: StandIn;

  before(async function () {
    api = await herdscope();
    const fixture = vscode.extensions.getExtension<StandIn>(FIXTURE_ID);
    assert.ok(fixture, `${FIXTURE_ID} is loaded beside HerdScope (run-integration.sh passes it as a second extension under development)`);
    model = await fixture.activate();
    model.register();
    const models = await eventually('the stand-in model in vscode.lm', async () => {
      const m = await vscode.lm.selectChatModels({ vendor: model.vendor });
      return m.length > 0 && m;
    });
    console.log(`    vscode.lm sees: ${models.map((m) => `${m.vendor}/${m.family} (${m.name})`).join(', ')}`);
    await setSetting('provider', 'vscode-lm');
    await setSetting('agents', 3);
  });

  after(async () => {
    model?.unregister();
    for (const key of ['provider', 'agents', 'model']) await setSetting(key, undefined);
  });

  it('picks the configured model and runs every agent through it, without a consent prompt for this provider', async () => {
    await setSetting('model', 'herdscope-test/stand-in');
    model.setResponder(() => ({ text: bad }));
    const sent = model.requests.length;
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditSelection, {
      text: REVIEW,
      profile: 'product-quality',
    });
    assert.ok(started, 'the audit started');
    await started.done;
    const { meta, steps } = readRun(api, started.runId);
    assert.equal(meta.status, 'completed', meta.statusMessage);
    assert.equal(steps.length, 3);
    for (const s of steps) {
      assert.equal(s.provider, 'vscode-lm');
      assert.equal(s.model, 'herdscope-test/stand-in@1');
      assert.equal(s.observation?.index, 0, 'durability, expectations, recommend all false: index 0');
    }
    const requests = model.requests.slice(sent);
    assert.equal(requests.length, 3, 'one request per agent reached the stand-in model');
    for (const r of requests)
      assert.ok(
        r.messages.some((m) => m.includes(REVIEW)),
        'the audited text was sent',
      );
    assert.match(JSON.stringify(meta), /"reproducible":\s*false/, 'a vscode-lm run is marked non-reproducible');
  });

  it('names the available models when the configured one is missing, and sends nothing', async () => {
    await setSetting('model', 'no-such-model');
    const sent = model.requests.length;
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditSelection, {
      text: REVIEW,
      profile: 'product-quality',
    });
    if (started) await started.done;
    assert.equal(model.requests.length, sent);
    const where = started ? JSON.stringify(readRun(api, started.runId)) : extensionLog(api);
    assert.match(where, /no VS Code chat model matches 'no-such-model' \(available: [^)]*herdscope-test\/stand-in/);
  });

  it("records the model's error on every agent, which then takes no action", async () => {
    await setSetting('model', 'herdscope-test/stand-in');
    model.setResponder(() => ({ error: 'stand-in model is overloaded' }));
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditSelection, {
      text: REVIEW,
      profile: 'product-quality',
    });
    assert.ok(started);
    await started.done;
    const { steps } = readRun(api, started.runId);
    assert.equal(steps.length, 3);
    for (const s of steps) {
      assert.ok(s.error, `agent ${s.index} records an error`);
      assert.equal(s.error.kind, 'provider');
      assert.match(s.error.message, /stand-in model is overloaded/);
      assert.equal(s.observation, null, 'no observation from a failed answer');
    }
  });

  it('cancels the request inside the model when the panel cancels the run', async () => {
    model.setResponder(() => ({ hang: true }));
    const sent = model.requests.length;
    const started = await vscode.commands.executeCommand<{ runId: string; done: Promise<void> }>(Commands.auditSelection, {
      text: REVIEW,
      profile: 'product-quality',
    });
    assert.ok(started);
    await eventually('the model to receive the request', () => model.requests.length > sent);
    const panel = api.activePanel();
    assert.ok(panel);
    panel.handleMessage({ type: 'cancel' });
    await started.done;
    assert.equal(readRun(api, started.runId).meta.status, 'cancelled');
    await eventually('the cancellation inside the stand-in model', () => model.requests.slice(sent).every((r) => r.cancelled));
  });

  it('offers "Use VS Code Language Models" when no key is set and a chat model exists, and the button switches the provider', async () => {
    await vscode.commands.executeCommand(Commands.setApiKey, { provider: 'openai', key: '' });
    await setSetting('provider', 'openai');
    await setSetting('openai.baseUrl', undefined);
    assert.equal(await vscode.commands.executeCommand(Commands.auditSelection, { text: REVIEW, profile: 'product-quality' }), undefined);
    await eventually('the offer with the language models', () =>
      extensionLog(api).includes('no usable provider: offered Set API Key, Use a Local Server, Use VS Code Language Models, Run Demo'),
    );
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.useLanguageModels), true);
    assert.equal(vscode.workspace.getConfiguration('herdscope').inspect('provider')?.globalValue, 'vscode-lm');
  });
});
