import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProvider } from '../../src/llm/create-provider';
import { LlmError, ReplayMissError } from '../../src/llm/errors';
import type { CompletionRequest } from '../../src/llm/provider';
import { requestKey } from '../../src/llm/request-key';
import { type FakeLlmServer, reply, startFakeLlmServer } from '../support/fake-llm-server';

const KEY = 'sk-replay-SECRET-1122334455';
const MALFORMED = '{\n"is_insulting": False,\n"is_respectful": True,\n}\n\nThe text is friendly.';
const texts = ['Love Latinos come here and I will make you happy', 'second text', 'third text'];
const ask = (text: string, seed: number): CompletionRequest => ({
  model: 'open-mistral-7b',
  messages: [{ role: 'user', content: `Text:${text}\t` }],
  temperature: 0.7,
  topP: 0.7,
  maxTokens: 512,
  seed,
  jsonSchema: { name: 'a', schema: { type: 'object' } },
});

describe('llm/replay cassette round trip', () => {
  let server: FakeLlmServer;
  let dir: string;
  beforeEach(async () => {
    server = await startFakeLlmServer();
    dir = await mkdtemp(join(tmpdir(), 'herdscope-cassette-'));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('records a live Mistral run, then replays it offline byte-identically, then names a missing key', async () => {
    server.setResponder((_, n) =>
      reply.content(n === 0 ? MALFORMED : `{"is_insulting": ${n % 2 === 0}, "n": ${n}}`, { usage: { prompt: 30 + n, completion: 9 } }),
    );
    const cassette = join(dir, 'run', 'cassette.jsonl');
    const recorder = createProvider({
      kind: 'mistral',
      baseURL: server.serverUrlMistral,
      apiKey: KEY,
      model: 'open-mistral-7b',
      cassette,
      record: true,
      maxRetries: 0,
      timeoutMs: 5000,
    });
    const requests = [...texts.map((t, i) => ask(t, i + 1)), ask(texts[0], 1)];
    const live = [];
    for (const r of requests) live.push(await recorder.complete(r));

    const lines = (await readFile(cassette, 'utf8')).trim().split('\n');
    assert.equal(lines.length, 4);
    assert.ok(!lines.join('\n').includes(KEY));
    const first = JSON.parse(lines[0]);
    assert.equal(first.key, requestKey('mistral', requests[0]));
    assert.equal(first.provider, 'mistral');
    assert.equal(first.model, 'open-mistral-7b');
    assert.deepEqual(first.request.messages, requests[0].messages);
    assert.equal(first.request.temperature, 0.7);
    assert.deepEqual(first.response, { text: MALFORMED, usage: { prompt: 30, completion: 9 } });
    assert.ok(!Number.isNaN(Date.parse(first.recordedAt)));

    await server.close();
    const replay = createProvider({ kind: 'replay', model: 'open-mistral-7b', cassette });
    for (let i = 0; i < requests.length; i++) {
      const again = await replay.complete(requests[i]);
      assert.equal(again.text, live[i].text, `answer ${i} byte-identical`);
      assert.deepEqual(again.usage, live[i].usage);
      assert.equal(again.provider, 'replay');
    }

    const unseen = ask('a text nobody recorded', 1);
    const error = await replay.complete(unseen).catch((e: unknown) => e);
    assert.ok(error instanceof ReplayMissError);
    assert.equal(error.kind, 'provider');
    assert.equal(error.key, requestKey('mistral', unseen));
    assert.ok(error.message.includes(error.key));
  });

  it('replays the answers of identical requests in recorded order, starting over when they run out', async () => {
    const cassette = join(dir, 'same.jsonl');
    server.setResponder((_, i) => reply.content(`answer ${i}`));
    const recorder = createProvider({
      kind: 'openai',
      baseURL: server.baseUrlOpenAI,
      model: 'gpt-4o-mini',
      cassette,
      record: true,
      maxRetries: 0,
      timeoutMs: 5000,
    });
    const same = ask('same', 1);
    for (let i = 0; i < 3; i++) await recorder.complete(same);
    const replay = createProvider({ kind: 'replay', model: 'gpt-4o-mini', cassette });
    const texts = [];
    for (let i = 0; i < 4; i++) texts.push((await replay.complete(same)).text);
    assert.deepEqual(texts, ['answer 0', 'answer 1', 'answer 2', 'answer 0']);
  });

  it('does not record errors', async () => {
    const cassette = join(dir, 'errors.jsonl');
    server.enqueue(reply.error(400, 'nope'), reply.content('ok'));
    const recorder = createProvider({
      kind: 'openai',
      baseURL: server.baseUrlOpenAI,
      model: 'gpt-4o-mini',
      cassette,
      record: true,
      maxRetries: 0,
      timeoutMs: 5000,
    });
    await assert.rejects(recorder.complete(ask('x', 1)));
    await recorder.complete(ask('x', 1));
    assert.equal((await readFile(cassette, 'utf8')).trim().split('\n').length, 1);
  });

  it('reports an unreadable cassette and a bad line as config errors naming the file and line', async () => {
    const missing = await createProvider({ kind: 'replay', model: 'm', cassette: join(dir, 'absent.jsonl') })
      .complete(ask('x', 1))
      .catch((e: unknown) => e);
    assert.ok(missing instanceof LlmError);
    assert.equal(missing.kind, 'config');
    assert.match(missing.message, /absent\.jsonl: cannot read it \(ENOENT\)/);
    const bad = join(dir, 'bad.jsonl');
    await writeFile(
      bad,
      '{"key":"k","provider":"openai","model":"m","request":{},"response":{"text":"t","usage":null},"recordedAt":"x"}\nnot json\n',
    );
    const error = await createProvider({ kind: 'replay', model: 'm', cassette: bad })
      .complete(ask('x', 1))
      .catch((e: unknown) => e);
    assert.ok(error instanceof LlmError);
    assert.match(error.message, /bad\.jsonl line 2: not valid JSON/);
  });
});
