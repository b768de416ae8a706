import assert from 'node:assert/strict';
import { LlmError } from '../../src/llm/errors';
import { MistralProvider } from '../../src/llm/mistral-provider';
import type { CompletionRequest } from '../../src/llm/provider';
import { type FakeLlmServer, reply, startFakeLlmServer } from '../support/fake-llm-server';
import { VirtualClock } from './virtual-clock';

const KEY = 'mistral-SECRET-key-abcdef0123456789';
const schema = { name: 'attributes', schema: { type: 'object', properties: { is_respectful: { type: 'boolean' } } } };
const request = (extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'open-mistral-7b',
  messages: [{ role: 'user', content: 'Return a JSON ... Text: Love Latinos come here and I will make you happy' }],
  temperature: 0.7,
  topP: 0.7,
  maxTokens: 512,
  ...extra,
});

describe('llm/mistral-provider against the fake server', () => {
  let server: FakeLlmServer;
  let clock: VirtualClock;
  beforeEach(async () => {
    server = await startFakeLlmServer();
    clock = new VirtualClock();
  });
  afterEach(() => server.close());

  const provider = (extra: Partial<ConstructorParameters<typeof MistralProvider>[0]> = {}) =>
    new MistralProvider({
      serverURL: server.serverUrlMistral,
      apiKey: KEY,
      timeoutMs: 5000,
      maxRetries: 3,
      clock,
      random: () => 0.5,
      ...extra,
    });

  it('sends the Mistral wire format with JSON mode and returns the answer exactly as sent', async () => {
    const answer = '{\n"is_insulting": false,\n"is_respectful": true\n}\n\nThe text is friendly.';
    server.enqueue(reply.content(answer, { usage: { prompt: 120, completion: 40 } }));
    const result = await provider().complete(request({ jsonSchema: schema, seed: 11 }));
    assert.equal(result.text, answer);
    assert.equal(result.provider, 'mistral');
    assert.equal(result.model, 'open-mistral-7b');
    assert.deepEqual(result.usage, { prompt: 120, completion: 40 });
    assert.ok(Math.abs((result.costUsd ?? 0) - (160 * 0.25) / 1e6) < 1e-12);
    assert.equal(result.responseFormat, 'json_object');
    const sent = server.requests[0];
    assert.equal(sent.dialect, 'mistral');
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.body.model, 'open-mistral-7b');
    assert.deepEqual(sent.body.messages, request().messages);
    assert.equal(sent.body.temperature, 0.7);
    assert.equal(sent.body.top_p, 0.7);
    assert.equal(sent.body.max_tokens, 512);
    assert.equal(sent.body.random_seed, 11);
    assert.deepEqual(sent.body.response_format, { type: 'json_object' });
    assert.equal(sent.headers.authorization, `Bearer ${KEY}`);
    assert.ok(!JSON.stringify(result).includes(KEY));
  });

  it('omits JSON mode without a schema, and sends no key (not even MISTRAL_API_KEY) when none is configured', async () => {
    const saved = process.env.MISTRAL_API_KEY;
    process.env.MISTRAL_API_KEY = 'env-key-must-not-be-sent';
    try {
      server.enqueue(reply.content('plain'));
      const result = await new MistralProvider({ serverURL: server.serverUrlMistral, timeoutMs: 5000, maxRetries: 0 }).complete(request());
      assert.equal(result.responseFormat, 'text');
      assert.equal(server.requests[0].body.response_format, undefined);
      assert.equal(server.requests[0].headers.authorization, undefined);
    } finally {
      if (saved === undefined) delete process.env.MISTRAL_API_KEY;
      else process.env.MISTRAL_API_KEY = saved;
    }
  });

  it('honours Retry-After on 429 then succeeds, without the SDK retrying on its own', async () => {
    server.enqueue(reply.rateLimited(2), reply.error(503, 'busy'), reply.content('{"is_respectful": true}'));
    const result = await provider().complete(request());
    assert.equal(result.attempts, 3);
    assert.equal(server.requests.length, 3);
    assert.equal(clock.sleeps[0], 2000);
    assert.equal(
      clock.sleeps[1],
      250 + 0.5 * 1000,
      'the 503 after one failed attempt: the 250 ms floor plus full jitter (random() = 0.5) under a 1 s ceiling',
    );
  });

  it('exhausts retries on 500s with a typed error', async () => {
    server.setResponder(() => reply.error(500, 'internal'));
    const error = await provider({ maxRetries: 1 })
      .complete(request())
      .catch((e: unknown) => e);
    assert.ok(error instanceof LlmError);
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 500);
    assert.equal(error.attempts, 2);
    assert.match(error.message, /internal/);
  });

  it('does not retry a 400 or a 403, and redacts the key from the message', async () => {
    for (const status of [400, 403]) {
      const before = server.requests.length;
      server.enqueue(reply.error(status, `key ${KEY} is not allowed`));
      const error = await provider()
        .complete(request())
        .catch((e: unknown) => e);
      assert.ok(error instanceof LlmError, `HTTP ${status}`);
      assert.equal(error.status, status);
      assert.equal(error.attempts, 1);
      assert.equal(server.requests.length - before, 1, `HTTP ${status} is sent once`);
      assert.ok(!error.message.includes(KEY));
    }
    assert.deepEqual(clock.sleeps, []);
  });

  it('times out on a hang and cancels mid-request', async () => {
    server.enqueue(reply.hang());
    const timedOut = await provider({ timeoutMs: 150, maxRetries: 0 })
      .complete(request())
      .catch((e: unknown) => e);
    assert.ok(timedOut instanceof LlmError);
    assert.equal(timedOut.kind, 'timeout');

    server.enqueue(reply.hang());
    const controller = new AbortController();
    const pending = provider()
      .complete(request({ signal: controller.signal }))
      .catch((e: unknown) => e);
    while (server.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const cancelled = await pending;
    assert.ok(cancelled instanceof LlmError);
    assert.equal(cancelled.kind, 'cancelled');
  });

  it('reads an answer that lacks usage, id and created (small servers omit them)', async () => {
    server.enqueue(
      reply.raw(
        200,
        JSON.stringify({ model: 'tiny', choices: [{ index: 0, message: { role: 'assistant', content: '{"is_respectful": true}' } }] }),
      ),
    );
    const result = await provider().complete(request());
    assert.equal(result.text, '{"is_respectful": true}');
    assert.equal(result.usage, null);
    assert.equal(result.costUsd, null);
    assert.equal(result.model, 'tiny');
  });

  it('reports a malformed server answer as a provider error', async () => {
    server.enqueue(reply.raw(200, '{"choices": "nope"}'));
    const error = await provider()
      .complete(request())
      .catch((e: unknown) => e);
    assert.ok(error instanceof LlmError);
    assert.equal(error.kind, 'provider');
    assert.equal(error.attempts, 1);
  });
});
