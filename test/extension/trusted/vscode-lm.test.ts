// The VS Code Language Model API provider: the real vscode.lm of this host (which has no chat model), and the
// error mapping with a hand-written LanguageModelChat (any extension can implement that interface).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LlmError } from '../../../src/llm/errors';
import { VscodeLmProvider } from '../../../src/extension/vscode-lm-provider';

const request = {
  model: '',
  messages: [
    { role: 'system' as const, content: 'Answer in JSON.' },
    { role: 'user' as const, content: 'A fine kettle.' },
  ],
};

function chatModel(
  send: (messages: vscode.LanguageModelChatMessage[], token: vscode.CancellationToken) => Promise<AsyncIterable<string>>,
): vscode.LanguageModelChat {
  return {
    id: 'test-model',
    name: 'Test Model',
    vendor: 'herdscope-test',
    family: 'echo',
    version: '1',
    maxInputTokens: 4096,
    countTokens: async (text: string | vscode.LanguageModelChatMessage) => (typeof text === 'string' ? text.split(/\s+/).length : 1),
    sendRequest: async (
      messages: vscode.LanguageModelChatMessage[],
      _options?: vscode.LanguageModelChatRequestOptions,
      token?: vscode.CancellationToken,
    ) =>
      ({
        text: await send(messages, token ?? new vscode.CancellationTokenSource().token),
        stream: (async function* () {})(),
      }) as unknown as vscode.LanguageModelChatResponse,
  } as vscode.LanguageModelChat;
}

describe('VS Code Language Model API provider', () => {
  it('reports a clear configuration error when this VS Code has no chat model', async function () {
    const models = await vscode.lm.selectChatModels();
    if (models.length > 0) this.skip(); // a host with a signed-in chat model: nothing to check here
    await assert.rejects(
      new VscodeLmProvider().complete(request),
      (err: unknown) => err instanceof LlmError && err.kind === 'config' && /no VS Code chat model/.test(err.message),
    );
  });

  it('sends the messages, collects the streamed answer and counts tokens', async () => {
    let seen: vscode.LanguageModelChatMessage[] = [];
    const model = chatModel(async (messages) => {
      seen = messages;
      return (async function* () {
        yield '{"recommend":';
        yield ' true}';
      })();
    });
    const result = await new VscodeLmProvider({ selectChatModels: async () => [model] }).complete({
      ...request,
      model: 'herdscope-test/echo',
    });
    assert.equal(result.text, '{"recommend": true}');
    assert.equal(result.provider, 'vscode-lm');
    assert.equal(result.model, 'herdscope-test/echo@1');
    assert.deepEqual(result.usage, { prompt: 3 + 3, completion: 2 });
    assert.equal(seen.length, 2);
    assert.equal(seen[0].role, vscode.LanguageModelChatMessageRole.User, 'the system prompt goes in as a user message');
  });

  it('maps LanguageModelError codes and cancellation to provider error kinds', async () => {
    const failing = (error: Error) =>
      new VscodeLmProvider({
        selectChatModels: async () => [
          chatModel(async () => {
            throw error;
          }),
        ],
      });
    await assert.rejects(
      failing(vscode.LanguageModelError.NoPermissions('denied')).complete(request),
      (e: unknown) => e instanceof LlmError && e.kind === 'config' && /choose Allow .*Manage Language Model Access/.test(e.message),
    );
    await assert.rejects(
      failing(vscode.LanguageModelError.Blocked('quota')).complete(request),
      (e: unknown) => e instanceof LlmError && e.kind === 'rate-limit',
    );
    await assert.rejects(
      failing(vscode.LanguageModelError.NotFound('gone')).complete(request),
      (e: unknown) => e instanceof LlmError && e.kind === 'config',
    );
    const controller = new AbortController();
    const slow = new VscodeLmProvider({
      selectChatModels: async () => [
        chatModel(
          async (_m, token) =>
            new Promise((_resolve, reject) => {
              token.onCancellationRequested(() => reject(new vscode.CancellationError()));
              controller.abort(); // the user cancels while the model is answering
            }),
        ),
      ],
    });
    await assert.rejects(
      slow.complete({ ...request, signal: controller.signal }),
      (e: unknown) => e instanceof LlmError && e.kind === 'cancelled',
    );
    await assert.rejects(
      new VscodeLmProvider({ selectChatModels: async () => [] }).complete({ ...request, signal: controller.signal }),
      (e: unknown) => e instanceof LlmError && e.kind === 'cancelled',
    );
  });

  it('names the available models when the configured one is missing', async () => {
    const provider = new VscodeLmProvider({ selectChatModels: async () => [chatModel(async () => (async function* () {})())] });
    await assert.rejects(
      provider.complete({ ...request, model: 'gpt-9' }),
      /no VS Code chat model matches 'gpt-9' \(available: herdscope-test\/echo\)/,
    );
  });
});
