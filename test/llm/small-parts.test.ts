import assert from 'node:assert/strict';
import { apiKeyFromEnv } from '../../src/llm/api-key-env';
import { estimateCostUsd, priceFor } from '../../src/llm/cost';
import { createProvider, publicProviderConfig } from '../../src/llm/create-provider';
import { InputError } from '../../src/core/errors';
import { redact, redactUrl } from '../../src/llm/redact';
import { retryAfterMs } from '../../src/llm/retry-after';
import { canonicalJson, requestKey } from '../../src/llm/request-key';

const headers = (h: Record<string, string>) => new Headers(h);

describe('llm small parts', () => {
  describe('retry-after', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    it('reads seconds, fractions, HTTP dates and retry-after-ms (which wins)', () => {
      assert.equal(retryAfterMs(headers({ 'retry-after': '3' }), now), 3000);
      assert.equal(retryAfterMs(headers({ 'retry-after': '1.5' }), now), 1500);
      assert.equal(retryAfterMs(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:20 GMT' }), now), 20_000);
      assert.equal(retryAfterMs(headers({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }), now), 0);
      assert.equal(retryAfterMs(headers({ 'retry-after': '3', 'retry-after-ms': '250' }), now), 250);
      assert.equal(retryAfterMs(headers({ 'retry-after': 'soon' }), now), undefined);
      assert.equal(retryAfterMs(headers({}), now), undefined);
      assert.equal(retryAfterMs(undefined, now), undefined);
    });
  });

  describe('cost (an estimate)', () => {
    it('matches dated snapshots to their family and prices per 1M tokens', () => {
      assert.deepEqual(priceFor('gpt-4o-mini-2024-07-18'), { input: 0.15, output: 0.6 });
      assert.deepEqual(priceFor('gpt-4o-2024-08-06'), { input: 2.5, output: 10 });
      assert.deepEqual(priceFor('mistral-small-latest'), { input: 0.1, output: 0.3 });
      assert.ok(Math.abs((estimateCostUsd('gpt-4o-mini', { prompt: 2_000_000, completion: 1_000_000 }) ?? 0) - 0.9) < 1e-12);
    });
    it('gives null for unknown (e.g. local) models and unknown usage', () => {
      assert.equal(estimateCostUsd('llama3.1:8b', { prompt: 10, completion: 10 }), null);
      assert.equal(estimateCostUsd('gpt-4o-mini', null), null);
      assert.equal(estimateCostUsd('my-model', { prompt: 1e6, completion: 0 }, { 'my-model': { input: 2, output: 0 } }), 2);
    });
  });

  describe('request key', () => {
    it('is independent of key order and of the signal, and depends on every parameter', () => {
      const base = { model: 'm', messages: [{ role: 'user' as const, content: 'x' }], temperature: 0 };
      assert.equal(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), '{"a":{"c":3,"d":2},"b":1}');
      assert.equal(requestKey('openai', base), requestKey('openai', { ...base, signal: new AbortController().signal }));
      assert.match(requestKey('openai', base), /^[0-9a-f]{64}$/);
      const variants = [
        requestKey('mistral', base),
        requestKey('openai', base, 'http://x'),
        requestKey('openai', { ...base, temperature: 0.1 }),
        requestKey('openai', { ...base, topP: 1 }),
        requestKey('openai', { ...base, maxTokens: 5 }),
      ];
      assert.equal(new Set([requestKey('openai', base), ...variants]).size, 6);
    });
  });

  describe('secrets', () => {
    it('redacts the key and any bearer token', () => {
      assert.equal(redact('key sk-abc123456 failed', ['sk-abc123456']), 'key [redacted] failed');
      assert.equal(redact('Authorization: Bearer abcdef.ghi'), 'Authorization: Bearer [redacted]');
    });
    it('redacts credentials in URLs, in text and as a stored endpoint', () => {
      assert.equal(
        redact('cannot reach https://bob:s3cret@llm.example/v1: ECONNREFUSED'),
        'cannot reach https://[redacted]@llm.example/v1: ECONNREFUSED',
      );
      assert.equal(redact('GET http://tokenonly@10.0.0.1:8080/x'), 'GET http://[redacted]@10.0.0.1:8080/x');
      assert.equal(redact('see https://example.com/a@b and mail a@b.c'), 'see https://example.com/a@b and mail a@b.c');
      assert.equal(redactUrl('https://bob:s3cret@llm.example:8443/v1?x=1'), 'https://[redacted]@llm.example:8443/v1?x=1');
      assert.equal(redactUrl('https://llm.example/v1'), 'https://llm.example/v1');
      assert.ok(!redactUrl('https://bob:s3 cret@bad url').includes('s3'));
    });
    it('never echoes URL credentials in the error for a bad base URL', () => {
      assert.throws(
        () => createProvider({ kind: 'openai', model: 'm', baseURL: 'https://bob:s3cret@llm.example/v1' }),
        (e: Error) => !e.message.includes('s3cret'),
      );
      assert.throws(
        () => createProvider({ kind: 'openai', model: 'm', baseURL: 'https://bob:s3cret@llm example/v1' }),
        (e: Error) => /not a URL/.test(e.message) && !e.message.includes('s3cret'),
      );
    });
    it('finds keys in HERDSCOPE_* first, then the usual variables', () => {
      assert.equal(apiKeyFromEnv('openai', { OPENAI_API_KEY: 'b', HERDSCOPE_OPENAI_API_KEY: 'a' }), 'a');
      assert.equal(apiKeyFromEnv('openai', { OPENAI_API_KEY: 'b' }), 'b');
      assert.equal(apiKeyFromEnv('mistral', { MISTRAL_API_KEY: ' m ' }), 'm');
      assert.equal(apiKeyFromEnv('replay', { OPENAI_API_KEY: 'b' }), undefined);
    });
    it('keeps the key out of the public config', () => {
      assert.deepEqual(publicProviderConfig({ kind: 'openai', model: 'm', apiKey: 'sk-secret' }), {
        kind: 'openai',
        model: 'm',
        apiKey: '[set]',
      });
    });
  });

  describe('create-provider validation', () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'anthropic', model: 'm' }, 'provider.kind'],
      [{ kind: 'openai', model: '' }, 'provider.model'],
      [{ kind: 'openai', model: 'm', baseURL: 'localhost:11434' }, 'provider.baseURL'],
      [{ kind: 'openai', model: 'm', baseURL: 'http://user:pw@host/v1' }, 'provider.baseURL'],
      [{ kind: 'openai', model: 'm', timeoutMs: 0 }, 'provider.timeoutMs'],
      [{ kind: 'openai', model: 'm', maxRetries: 1.5 }, 'provider.maxRetries'],
      [{ kind: 'mistral', model: 'm', concurrency: 0 }, 'provider.concurrency'],
      [{ kind: 'mistral', model: 'm', requestsPerMinute: -1 }, 'provider.requestsPerMinute'],
      [{ kind: 'replay', model: 'm' }, 'provider.cassette'],
      [{ kind: 'replay', model: 'm', cassette: 'c.jsonl', record: true }, 'provider.record'],
      [{ kind: 'openai', model: 'm', record: true }, 'provider.cassette'],
    ];
    for (const [config, field] of bad) {
      it(`names ${field} for ${JSON.stringify(config)}`, () => {
        assert.throws(
          () => createProvider(config as never),
          (e: unknown) => e instanceof InputError && e.field === field,
        );
      });
    }
    it('builds each kind with its endpoint and model', () => {
      assert.equal(
        createProvider({ kind: 'openai', model: 'llama3.1', baseURL: 'http://localhost:11434/v1/' }).endpoint,
        'http://localhost:11434/v1',
      );
      assert.equal(createProvider({ kind: 'mistral', model: 'mistral-small-latest' }).endpoint, 'https://api.mistral.ai');
      const replay = createProvider({ kind: 'replay', model: 'm', cassette: 'demo.jsonl' });
      assert.equal(replay.id, 'replay');
      assert.equal(replay.model, 'm');
    });
  });
});
