import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BatchApiClient, BatchLimits } from '../../../src/llm/batch/batch-api';
import { type BatchJobInput, type BatchJobProgress, type BatchJobRequest, runBatchJob } from '../../../src/llm/batch/batch-job-runner';
import { customId, parseCustomId } from '../../../src/llm/batch/custom-id';
import { MistralBatchClient } from '../../../src/llm/batch/mistral-batch-client';
import { OpenAIBatchClient } from '../../../src/llm/batch/openai-batch-client';
import { MistralProvider } from '../../../src/llm/mistral-provider';
import { OpenAIProvider } from '../../../src/llm/openai-provider';
import type { CompletionRequest } from '../../../src/llm/provider';
import { requestKey } from '../../../src/llm/request-key';
import { type BatchInputLine, batchReply, type FakeBatchServer, startFakeBatchServer } from '../../support/fake-batch-server';
import { reply, startFakeLlmServer } from '../../support/fake-llm-server';

const KEYS = { openai: 'sk-batch-SECRET-0123456789', mistral: 'mistral-batch-SECRET-0123456789' } as const;
const schema = {
  name: 'herdscope_answer',
  schema: { type: 'object', properties: { is_toxic: { type: 'boolean' } }, required: ['is_toxic'], additionalProperties: false },
};

function completion(item: number, agent: number, model = 'm-1'): CompletionRequest {
  return {
    model,
    messages: [{ role: 'user', content: `Rate text #${item}` }],
    temperature: 0.7,
    maxTokens: 64,
    seed: agent,
    jsonSchema: schema,
  };
}

function requests(items: number, agents: number, model = 'm-1'): BatchJobRequest[] {
  const out: BatchJobRequest[] = [];
  for (let item = 0; item < items; item++) {
    for (let agent = 1; agent <= agents; agent++) {
      const request = completion(item, agent, model);
      out.push({ customId: customId(item, agent), key: requestKey('test', request), model, request: () => request });
    }
  }
  return out;
}

/** The answer names the line it answers, so any mix-up of custom_ids shows. */
const echo = (line: BatchInputLine) => batchReply.content(`answer for ${line.custom_id}`, { prompt: 7, completion: 3 });

for (const kind of ['openai', 'mistral'] as const) {
  describe(`llm/batch job runner with the ${kind} SDK against the fake batch server`, () => {
    let server: FakeBatchServer;
    let dir: string;
    beforeEach(async () => {
      server = await startFakeBatchServer();
      dir = mkdtempSync(path.join(tmpdir(), 'herdscope-batch-'));
    });
    afterEach(() => server.close());

    const client = (limits?: BatchLimits): BatchApiClient =>
      kind === 'openai'
        ? new OpenAIBatchClient({ baseURL: server.baseUrlOpenAI, apiKey: KEYS.openai, maxRetries: 0, timeoutMs: 5000, limits })
        : new MistralBatchClient({ serverURL: server.serverUrlMistral, apiKey: KEYS.mistral, maxRetries: 0, timeoutMs: 5000, limits });
    const run = (input: Partial<BatchJobInput> & Pick<BatchJobInput, 'requests'>) =>
      runBatchJob({ client: client(), dir, pollSeconds: 0.01, secrets: [KEYS[kind]], ...input });
    const creates = () => server.requests.filter((r) => r.method === 'POST' && (r.path === '/v1/batches' || r.path === '/v1/batch/jobs'));

    it('maps shuffled output lines back to their custom_ids and reports the provider counts as they advance', async () => {
      server.script = { answer: echo, shuffle: true, linesPerPoll: 3 };
      const progress: BatchJobProgress[] = [];
      const result = await run({ requests: requests(4, 3), onProgress: (p) => progress.push(structuredClone(p)) });
      assert.equal(result.cancelled, false);
      assert.equal(result.answers.size, 12);
      for (const [id, answer] of result.answers) {
        assert.ok(answer.ok, id);
        assert.equal(answer.answer.text, `answer for ${id}`);
        assert.deepEqual(answer.answer.usage, { prompt: 7, completion: 3 });
      }
      const output = [...server.files.values()]
        .find((f) => f.purpose === 'batch_output')!
        .content.trim()
        .split('\n')
        .map((l) => JSON.parse(l).custom_id);
      assert.notDeepEqual(
        output,
        [...output].sort(
          (a, b) => (parseCustomId(a)!.item - parseCustomId(b)!.item) * 10 + parseCustomId(a)!.agent - parseCustomId(b)!.agent,
        ),
        'the server really shuffled',
      );
      assert.deepEqual(
        progress.map((p) => p.batches[0].completed),
        [3, 6, 9, 12],
      );
      assert.ok(progress.every((p) => p.batches[0].total === 12));
      assert.equal(creates().length, 1);
      assert.ok(server.requests.every((r) => r.dialect === kind));
      assert.ok(server.requests.every((r) => r.headers.authorization === `Bearer ${KEYS[kind]}`));
      for (const file of readdirSync(path.join(dir, 'batch-api')))
        assert.ok(!readFileSync(path.join(dir, 'batch-api', file), 'utf8').includes(KEYS[kind]), file);
    });

    it('sends each line with the body a live call sends, response_format included', async () => {
      server.script = { answer: echo };
      const request = completion(3, 2);
      await run({ requests: [{ customId: 'i3-a2', key: 'k', model: request.model, request: () => request }] });
      const line = JSON.parse([...server.files.values()].find((f) => f.purpose === 'batch')!.content.trim());
      const live = await startFakeLlmServer([reply.content('{}')]);
      try {
        const provider =
          kind === 'openai'
            ? new OpenAIProvider({ baseURL: live.baseUrlOpenAI, apiKey: 'k', timeoutMs: 5000, maxRetries: 0 })
            : new MistralProvider({ serverURL: live.serverUrlMistral, apiKey: 'k', timeoutMs: 5000, maxRetries: 0 });
        await provider.complete(request);
        assert.deepEqual(line.body, live.requests[0].body);
      } finally {
        await live.close();
      }
      assert.equal(line.custom_id, 'i3-a2');
      if (kind === 'openai') {
        assert.equal(line.method, 'POST');
        assert.equal(line.url, '/v1/chat/completions');
        assert.equal(line.body.response_format.type, 'json_schema');
      } else {
        assert.deepEqual(line.body.response_format, { type: 'json_object' });
        assert.equal(server.batches[0].model, 'm-1');
      }
    });

    it('resubmits lines that failed (an HTTP error in the line, an error-file entry) in a follow-up batch', async () => {
      server.script = {
        answer: (line, { submission }) => {
          if (submission === 1 && line.custom_id === 'i0-a2') return batchReply.lineError(500, 'upstream overloaded');
          if (submission === 1 && line.custom_id === 'i1-a1') return batchReply.errorFile('server_error', 'the model crashed');
          return echo(line);
        },
        shuffle: true,
      };
      const events: string[] = [];
      const result = await run({ requests: requests(2, 2), onEvent: (e) => events.push(e) });
      assert.equal(creates().length, 2);
      assert.deepEqual(server.batches[1].lines.map((l) => l.custom_id).sort(), ['i0-a2', 'i1-a1']);
      for (const [id, answer] of result.answers) assert.ok(answer.ok && answer.answer.text === `answer for ${id}`, id);
      assert.ok(
        events.some((e) => /resubmitting 2 request/.test(e)),
        events.join('\n'),
      );
      assert.ok(server.batches[0].errorFileId, 'the first batch had an error file');
    });

    it('gives up after the retry budget with a typed error; a 400 in a line is final at once', async () => {
      server.script = {
        answer: (line) =>
          line.custom_id === 'i0-a1'
            ? batchReply.lineError(503, 'still down')
            : line.custom_id === 'i0-a2'
              ? batchReply.lineError(400, 'bad request: messages too long')
              : echo(line),
      };
      const result = await run({ requests: requests(1, 3), maxRetries: 2 });
      const down = result.answers.get('i0-a1')!;
      assert.ok(!down.ok);
      assert.equal(down.failure.kind, 'http');
      assert.equal(down.failure.status, 503);
      assert.match(down.failure.message, /HTTP 503 in the batch output: still down/);
      assert.equal(down.submissions, 3);
      const bad = result.answers.get('i0-a2')!;
      assert.ok(!bad.ok && bad.failure.status === 400 && bad.submissions === 1);
      assert.ok(result.answers.get('i0-a3')!.ok);
      assert.equal(creates().length, 3, 'first batch + two follow-ups carrying only the 503 line');
      assert.deepEqual(
        server.batches.slice(1).map((b) => b.lines.map((l) => l.custom_id)),
        [['i0-a1'], ['i0-a1']],
      );
    });

    it('an expired batch keeps its partial output; the lines that did not run go into a follow-up batch', async () => {
      server.script = { answer: echo, linesPerPoll: 2, expireAtPoll: (_id, index) => (index === 0 ? 3 : undefined) };
      const result = await run({ requests: requests(3, 2) });
      assert.equal(server.batches[0].status, 'expired');
      assert.equal(server.batches[0].processed, 4);
      assert.deepEqual(
        server.batches[1].lines.map((l) => l.custom_id),
        ['i2-a1', 'i2-a2'],
      );
      assert.equal(result.answers.size, 6);
      for (const [id, answer] of result.answers) assert.ok(answer.ok && answer.answer.text === `answer for ${id}`, id);
      const answers = readFileSync(path.join(dir, 'batch-api', 'answers.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const expired = answers.filter((a) => !a.ok);
      assert.deepEqual(
        expired.map((a) => a.customId),
        ['i2-a1', 'i2-a2'],
      );
      assert.match(expired[0].failure.message, /expired before this request ran/);
    });

    it('splits the input at the request and byte limits, one model per batch', async () => {
      server.script = { answer: echo };
      const lineBytes = Buffer.byteLength(client().inputLine('i0-a1', completion(0, 1))) + 1;
      const all = [...requests(3, 2, 'm-1'), ...requests(1, 1, 'm-2').map((r) => ({ ...r, customId: 'i9-a1' }))];
      const result = await runBatchJob({
        client: client(),
        dir,
        pollSeconds: 0.01,
        requests: all,
        limits: { maxRequests: 4, maxBytes: lineBytes * 3 + 2 },
      });
      assert.deepEqual(
        server.batches.map((b) => b.lines.length),
        [3, 3, 1],
      );
      assert.deepEqual(
        server.batches.map((b) => new Set(b.lines.map((l) => l.body.model)).size),
        [1, 1, 1],
      );
      assert.equal(creates().length, 3);
      assert.equal(result.answers.size, 7);
      const byRequests = await runBatchJob({
        client: client(),
        dir: mkdtempSync(path.join(tmpdir(), 'herdscope-batch-')),
        pollSeconds: 0.01,
        requests: requests(5, 1),
        limits: { maxRequests: 2, maxBytes: 10_000_000 },
      });
      assert.deepEqual(
        server.batches.slice(3).map((b) => b.lines.length),
        [2, 2, 1],
      );
      assert.equal(byRequests.answers.size, 5);
    });

    it('records batch and file ids before polling; a cancel cancels the remote batch and a resume collects it and finishes the rest', async () => {
      server.script = { answer: echo, linesPerPoll: 2 };
      const controller = new AbortController();
      let stateAtFirstPoll: { submissions: Array<{ batchId?: string; fileId?: string }> } | null = null;
      const first = await run({
        requests: requests(3, 2),
        signal: controller.signal,
        onProgress: () => {
          stateAtFirstPoll ??= JSON.parse(readFileSync(path.join(dir, 'batch-api', 'state.json'), 'utf8'));
          controller.abort();
        },
      });
      assert.equal(first.cancelled, true);
      assert.equal(stateAtFirstPoll!.submissions[0].batchId, server.batches[0].id);
      assert.ok(stateAtFirstPoll!.submissions[0].fileId);
      const cancels = server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/cancel'));
      assert.equal(cancels.length, 1);
      assert.ok(cancels[0].path.includes(server.batches[0].id));
      assert.equal(server.batches[0].status, 'cancelling');

      const resumed = await run({ requests: requests(3, 2) });
      assert.equal(resumed.cancelled, false);
      assert.equal(server.batches[0].status, 'cancelled');
      assert.equal(creates().length, 2);
      assert.deepEqual(
        server.batches[1].lines.map((l) => l.custom_id),
        ['i1-a1', 'i1-a2', 'i2-a1', 'i2-a2'],
      );
      for (const [id, answer] of resumed.answers) assert.ok(answer.ok && answer.answer.text === `answer for ${id}`, id);
    });

    it('polls that keep failing end the job with a typed error; the next run polls the same batch again', async () => {
      server.script = { answer: echo, failPolls: 2 };
      await assert.rejects(
        run({ requests: requests(2, 1) }),
        (error: Error & { kind?: string }) =>
          error.kind === 'http' && /HTTP 503 .*temporarily unavailable/.test(error.message) && !error.message.includes(KEYS[kind]),
      );
      const retried = await runBatchJob({
        client:
          kind === 'openai'
            ? new OpenAIBatchClient({ baseURL: server.baseUrlOpenAI, apiKey: KEYS.openai, maxRetries: 1, timeoutMs: 5000 })
            : new MistralBatchClient({ serverURL: server.serverUrlMistral, apiKey: KEYS.mistral, maxRetries: 1, timeoutMs: 5000 }),
        dir,
        pollSeconds: 0.01,
        requests: requests(2, 1),
      });
      assert.equal(retried.answers.size, 2);
      assert.equal(creates().length, 1);
      assert.equal(server.script.failPolls, 0);
    });

    it('a restart that lost the create answer adopts the batch made from its input file instead of creating another', async () => {
      server.script = { answer: echo, linesPerPoll: 1 };
      const controller = new AbortController();
      await run({ requests: requests(2, 2), signal: controller.signal, onProgress: () => controller.abort() });
      const statePath = path.join(dir, 'batch-api', 'state.json');
      const state = JSON.parse(readFileSync(statePath, 'utf8'));
      assert.equal(state.submissions[0].createSent, true);
      delete state.submissions[0].batchId; // as if killed after the provider created the batch, before the id was saved
      delete state.submissions[0].cancelRequested;
      writeFileSync(statePath, JSON.stringify(state));
      server.batches[0].status = 'running'; // undo the cancel the abort sent
      const events: string[] = [];
      const result = await run({ requests: requests(2, 2), onEvent: (e) => events.push(e) });
      assert.equal(creates().length, 1);
      assert.ok(events.includes(`found batch ${server.batches[0].id} created before the restart`), events.join('\n'));
      assert.equal(result.answers.size, 4);
      assert.ok([...result.answers.values()].every((a) => a.ok));
    });

    it('resuming a finished job answers from the run directory without any request', async () => {
      server.script = { answer: echo };
      await run({ requests: requests(2, 2) });
      const before = server.requests.length;
      const again = await run({ requests: requests(2, 2) });
      assert.equal(server.requests.length, before);
      assert.equal(again.answers.size, 4);
      assert.ok(existsSync(path.join(dir, 'batch-api', 'output-1.jsonl')));
    });

    it('a stored answer is not reused for a different request under the same custom_id', async () => {
      server.script = { answer: (line) => batchReply.content(`answer to ${line.body.messages[0].content}`) };
      await run({ requests: requests(1, 1) });
      const changed = completion(0, 1);
      changed.messages = [{ role: 'user', content: 'Rate text #0, edited' }];
      const result = await run({
        requests: [{ customId: 'i0-a1', key: requestKey('test', changed), model: changed.model, request: () => changed }],
      });
      const answer = result.answers.get('i0-a1')!;
      assert.ok(answer.ok);
      assert.equal(answer.answer.text, 'answer to Rate text #0, edited');
      assert.equal(creates().length, 2);
    });
  });
}
