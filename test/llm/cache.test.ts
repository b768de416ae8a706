import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResponseCache } from '../../src/llm/cache';
import { createProvider } from '../../src/llm/create-provider';
import type { CompletionRequest } from '../../src/llm/provider';
import { requestKey } from '../../src/llm/request-key';
import { type FakeLlmServer, reply, startFakeLlmServer } from '../support/fake-llm-server';
import { VirtualClock } from './virtual-clock';

const KEY = 'sk-cache-SECRET-9876543210';
const ask = (extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'rate this' }],
  temperature: 0,
  ...extra,
});

describe('llm/cache', () => {
  let server: FakeLlmServer;
  let dir: string;
  beforeEach(async () => {
    server = await startFakeLlmServer();
    dir = await mkdtemp(join(tmpdir(), 'herdscope-cache-'));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const live = (extra: { forceCache?: boolean; cacheTtlMs?: number } = {}, clock = new VirtualClock()) =>
    createProvider(
      {
        kind: 'openai',
        baseURL: server.baseUrlOpenAI,
        apiKey: KEY,
        model: 'gpt-4o-mini',
        maxRetries: 0,
        timeoutMs: 5000,
        cachePath: dir,
        ...extra,
      },
      { clock },
    );

  it('misses, stores, then hits without a request; the stored entry holds no key', async () => {
    server.setResponder(() => reply.content('{"defects": true}', { usage: { prompt: 50, completion: 10 } }));
    const provider = live();
    const first = await provider.complete(ask());
    assert.equal(first.cached, false);
    const second = await provider.complete(ask());
    assert.equal(second.cached, true);
    assert.equal(second.text, first.text);
    assert.deepEqual(second.usage, first.usage);
    assert.equal(second.costUsd, 0);
    assert.equal(server.requests.length, 1);
    const [shard] = await readdir(dir);
    const [file] = await readdir(join(dir, shard));
    const stored = await readFile(join(dir, shard, file), 'utf8');
    assert.ok(!stored.includes(KEY));
    assert.equal(file, `${requestKey('openai', ask(), server.baseUrlOpenAI)}.json`);
  });

  it('keys on messages, model, parameters and schema: any change is a miss', async () => {
    server.setResponder((req) => reply.content(`answer for ${req.body.messages[0].content}`));
    const provider = live();
    await provider.complete(ask());
    await provider.complete(ask({ messages: [{ role: 'user', content: 'rate that' }] }));
    await provider.complete(ask({ model: 'gpt-4o' }));
    await provider.complete(ask({ seed: 3 }));
    await provider.complete(ask({ jsonSchema: { name: 'x', schema: { type: 'object' } } }));
    assert.equal(server.requests.length, 5);
    await provider.complete(ask({ seed: 3 }));
    assert.equal(server.requests.length, 5);
  });

  it('is off for temperature > 0 (and unset) unless forced', async () => {
    server.setResponder(() => reply.content('{}'));
    const provider = live();
    await provider.complete(ask({ temperature: 0.7 }));
    await provider.complete(ask({ temperature: 0.7 }));
    await provider.complete(ask({ temperature: undefined }));
    await provider.complete(ask({ temperature: undefined }));
    assert.equal(server.requests.length, 4);
    assert.deepEqual(await readdir(dir), []);
    const forced = live({ forceCache: true });
    await forced.complete(ask({ temperature: 0.7 }));
    const again = await forced.complete(ask({ temperature: 0.7 }));
    assert.equal(again.cached, true);
    assert.equal(server.requests.length, 5);
  });

  it('says once, naming the temperature, when a request is passed through uncached', async () => {
    server.setResponder(() => reply.content('{}'));
    const told: string[] = [];
    const provider = createProvider(
      { kind: 'openai', baseURL: server.baseUrlOpenAI, apiKey: KEY, model: 'gpt-4o-mini', maxRetries: 0, timeoutMs: 5000, cachePath: dir },
      { onUncacheable: (m) => told.push(m) },
    );
    await provider.complete(ask());
    assert.equal(told.length, 0, 'temperature 0 is cached without a word');
    await provider.complete(ask({ temperature: 0.7 }));
    await provider.complete(ask({ temperature: 0.7 }));
    assert.equal(told.length, 1);
    assert.match(told[0], /temperature 0\.7 are not cached/);
    const forced = createProvider(
      {
        kind: 'openai',
        baseURL: server.baseUrlOpenAI,
        apiKey: KEY,
        model: 'gpt-4o-mini',
        maxRetries: 0,
        timeoutMs: 5000,
        cachePath: dir,
        forceCache: true,
      },
      { onUncacheable: (m) => told.push(m) },
    );
    await forced.complete(ask({ temperature: 0.7 }));
    assert.equal(told.length, 1, 'forced caching says nothing');
  });

  it('never caches errors', async () => {
    server.enqueue(reply.error(400, 'bad request'), reply.content('fine'));
    const provider = live();
    await assert.rejects(provider.complete(ask()));
    assert.deepEqual(await readdir(dir), []);
    assert.equal((await provider.complete(ask())).text, 'fine');
    assert.equal(server.requests.length, 2);
  });

  it('treats entries older than the TTL as misses', async () => {
    server.setResponder(() => reply.content('{}'));
    const clock = new VirtualClock();
    const provider = live({ cacheTtlMs: 60_000 }, clock);
    await provider.complete(ask());
    await clock.sleep(30_000);
    assert.equal((await provider.complete(ask())).cached, true);
    await clock.sleep(31_000);
    assert.equal((await provider.complete(ask())).cached, false);
    assert.equal(server.requests.length, 2);
  });

  it('reads a corrupt entry as a miss and overwrites it with the fresh answer', async () => {
    server.setResponder((_, i) => reply.content(`fresh ${i}`));
    const provider = live();
    await provider.complete(ask());
    const key = requestKey('openai', ask(), server.baseUrlOpenAI);
    const path = join(dir, key.slice(0, 2), `${key}.json`);
    await writeFile(path, '{"key": "' + key.slice(0, 10), 'utf8');
    assert.equal(await new ResponseCache(dir).get(key), null);
    const refetched = await provider.complete(ask());
    assert.equal(refetched.cached, false);
    assert.equal(refetched.text, 'fresh 1');
    const hit = await provider.complete(ask());
    assert.equal(hit.cached, true);
    assert.equal(hit.text, 'fresh 1');
  });
});
