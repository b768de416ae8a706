import assert from 'node:assert/strict';
import { LlmError } from '../../src/llm/errors';
import { OpenAIProvider } from '../../src/llm/openai-provider';
import type { CompletionRequest } from '../../src/llm/provider';
import { type FakeLlmServer, reply, startFakeLlmServer } from '../support/fake-llm-server';
import { VirtualClock } from './virtual-clock';

const KEY = 'sk-test-SECRET-0123456789abcdef';
const schema = {
  name: 'attributes',
  schema: { type: 'object', properties: { is_insulting: { type: 'boolean' } }, required: ['is_insulting'], additionalProperties: false },
};
const request = (extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'Return JSON.' },
    { role: 'user', content: 'Text: Love Latinos come here and I will make you happy' },
  ],
  temperature: 0,
  ...extra,
});

describe('llm/openai-provider against the fake server', () => {
  let server: FakeLlmServer;
  let clock: VirtualClock;
  beforeEach(async () => {
    server = await startFakeLlmServer();
    clock = new VirtualClock();
  });
  afterEach(() => server.close());

  const provider = (extra: Partial<ConstructorParameters<typeof OpenAIProvider>[0]> = {}) =>
    new OpenAIProvider({ baseURL: server.baseUrlOpenAI, apiKey: KEY, timeoutMs: 5000, maxRetries: 3, clock, random: () => 0.5, ...extra });

  it('sends model, messages and a strict json_schema response_format, and returns text, usage and an estimated cost', async () => {
    server.enqueue(reply.content('{"is_insulting": false}', { usage: { prompt: 1000, completion: 200 } }));
    const result = await provider().complete(request({ jsonSchema: schema, seed: 7, maxTokens: 64 }));
    assert.equal(result.text, '{"is_insulting": false}');
    assert.deepEqual(result.usage, { prompt: 1000, completion: 200 });
    assert.ok(Math.abs((result.costUsd ?? 0) - (1000 * 0.15 + 200 * 0.6) / 1e6) < 1e-12);
    assert.equal(result.attempts, 1);
    assert.equal(result.responseFormat, 'json_schema');
    const sent = server.requests[0];
    assert.equal(sent.dialect, 'openai');
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.body.model, 'gpt-4o-mini');
    assert.deepEqual(sent.body.messages, request().messages);
    assert.equal(sent.body.temperature, 0);
    assert.equal(sent.body.seed, 7);
    assert.equal(sent.body.max_tokens, 64);
    assert.deepEqual(sent.body.response_format, {
      type: 'json_schema',
      json_schema: { name: 'attributes', schema: schema.schema, strict: true },
    });
    assert.equal(sent.headers.authorization, `Bearer ${KEY}`);
    assert.ok(!JSON.stringify(result).includes(KEY));
  });

  it('sends no Authorization header and reads no OPENAI_API_KEY when no key is configured (local servers)', async () => {
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-from-env-must-not-be-sent';
    try {
      server.enqueue(reply.content('{}'));
      await new OpenAIProvider({ baseURL: server.baseUrlOpenAI, timeoutMs: 5000, maxRetries: 0 }).complete(request());
      assert.equal(server.requests[0].headers.authorization, undefined);
      assert.equal(server.requests[0].body.response_format, undefined);
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
  });

  it('waits what Retry-After says on a 429, then succeeds', async () => {
    server.enqueue(reply.rateLimited(3), reply.content('{"is_insulting": true}'));
    const retries: Array<[number, number, string]> = [];
    const result = await provider({ onRetry: (attempt, delayMs, reason) => retries.push([attempt, delayMs, reason]) }).complete(request());
    assert.equal(result.text, '{"is_insulting": true}');
    assert.equal(result.attempts, 2);
    assert.deepEqual(clock.sleeps, [3000]);
    assert.deepEqual(retries, [[2, 3000, 'rate limited (HTTP 429)']]);
    assert.equal(server.requests.length, 2);
  });

  it('honours retry-after-ms and an HTTP-date Retry-After', async () => {
    const date = new Date(clock.now() + 7000).toUTCString();
    server.enqueue(reply.error(503, 'overloaded', { 'retry-after-ms': '1250' }), reply.rateLimited(date), reply.content('ok'));
    const result = await provider().complete(request());
    assert.equal(result.attempts, 3);
    assert.equal(clock.sleeps[0], 1250);
    assert.ok(clock.sleeps[1] > 5000 && clock.sleeps[1] <= 7000, `HTTP-date wait ${clock.sleeps[1]}`);
  });

  it('gives up after the allowed attempts of 500s with a typed http error carrying the attempt count', async () => {
    server.setResponder(() => reply.error(500, 'boom'));
    const error = await provider({ maxRetries: 2 })
      .complete(request())
      .catch((e: unknown) => e);
    assert.ok(error instanceof LlmError);
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 500);
    assert.equal(error.attempts, 3);
    assert.match(error.message, /HTTP 500 .*boom/);
    assert.equal(server.requests.length, 3);
    assert.equal(clock.sleeps.length, 2);
    // The 250 ms floor plus full jitter: 250 + random() · min(maxDelay, 500 · 2^(attempt-1)), with random() = 0.5 here.
    assert.deepEqual(clock.sleeps, [250 + 0.5 * 500, 250 + 0.5 * 1000], 'floor plus full jitter under the exponential ceiling');
  });

  it('never retries a 401, and the key never appears in the error', async () => {
    server.enqueue(reply.error(401, `Incorrect API key provided: ${KEY}`));
    const error = await provider()
      .complete(request())
      .catch((e: unknown) => e);
    assert.ok(error instanceof LlmError);
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 401);
    assert.equal(error.attempts, 1);
    assert.equal(server.requests.length, 1);
    assert.ok(!error.message.includes(KEY), error.message);
    assert.ok(!JSON.stringify({ ...error, message: error.message, stack: error.stack }).includes(KEY));
  });

  it('turns a hang past the timeout into a timeout error', async () => {
    server.enqueue(reply.hang());
    const error = await provider({ timeoutMs: 150, maxRetries: 0 })
      .complete(request())
      .catch((e: unknown) => e);
    assert.ok(error instanceof LlmError);
    assert.equal(error.kind, 'timeout');
    assert.equal(error.attempts, 1);
  });

  it('retries after a timeout and succeeds on the next attempt', async () => {
    server.enqueue(reply.hang(), reply.content('late but fine'));
    const result = await provider({ timeoutMs: 150, maxRetries: 1 }).complete(request());
    assert.equal(result.text, 'late but fine');
    assert.equal(result.attempts, 2);
  });

  it('cancels mid-request with a typed cancelled error', async () => {
    server.enqueue(reply.hang());
    const controller = new AbortController();
    const pending = provider()
      .complete(request({ signal: controller.signal }))
      .catch((e: unknown) => e);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await pending;
    assert.ok(error instanceof LlmError);
    assert.equal(error.kind, 'cancelled');
    assert.equal(server.requests.length, 1);
  });

  it('falls back to json_object, then to plain prompting, when the server rejects response_format, and remembers it', async () => {
    server.setResponder((req) => {
      const format = req.body.response_format?.type;
      if (format === 'json_schema')
        return reply.error(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.");
      if (format === 'json_object') return reply.error(400, 'response_format is not supported by this server');
      return reply.content('{"is_insulting": false}');
    });
    const p = provider();
    const first = await p.complete(request({ jsonSchema: schema }));
    assert.equal(first.text, '{"is_insulting": false}');
    assert.equal(first.responseFormat, 'text');
    assert.deepEqual(
      server.requests.map((r) => r.body.response_format?.type),
      ['json_schema', 'json_object', undefined],
    );
    const second = await p.complete(request({ jsonSchema: schema }));
    assert.equal(second.responseFormat, 'text');
    assert.equal(server.requests.length, 4, 'the endpoint is remembered: no second rejected attempt');
    assert.equal(server.requests[3].body.response_format, undefined);
  });

  it('stops at json_object when the server accepts JSON mode', async () => {
    server.setResponder((req) =>
      req.body.response_format?.type === 'json_schema'
        ? reply.error(400, 'unknown response_format type json_schema')
        : reply.content('{"is_insulting": true}'),
    );
    const result = await provider().complete(request({ jsonSchema: schema }));
    assert.equal(result.responseFormat, 'json_object');
    assert.deepEqual(server.requests[1].body.response_format, { type: 'json_object' });
  });

  it('reports an unknown model cost as null and a missing usage as null', async () => {
    server.enqueue(reply.content('{}', { usage: null }), reply.content('{}', { usage: { prompt: 10, completion: 5 } }));
    const p = provider();
    const noUsage = await p.complete(request({ model: 'llama3.1:8b' }));
    assert.equal(noUsage.usage, null);
    assert.equal(noUsage.costUsd, null);
    const unknown = await p.complete(request({ model: 'llama3.1:8b' }));
    assert.deepEqual(unknown.usage, { prompt: 10, completion: 5 });
    assert.equal(unknown.costUsd, null);
  });
});
