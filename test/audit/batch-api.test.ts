import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSource } from '../../src/audit/build-source';
import { runBatch } from '../../src/audit/batch-runner';
import type { DatasetRow } from '../../src/audit/dataset';
import { LlmSensor } from '../../src/audit/llm-sensor';
import type { LoadedProfile } from '../../src/audit/profile-loader';
import { RunStore } from '../../src/audit/run-store';
import type { StepRecord } from '../../src/shared/step-record';
import { InputError } from '../../src/core/errors';
import { learn } from '../../src/core/social-learning';
import { createProvider } from '../../src/llm/create-provider';
import { batchReply, type BatchLineReply, startFakeBatchServer } from '../support/fake-batch-server';
import { type FakeReply, reply, startFakeLlmServer } from '../support/fake-llm-server';
import { twoStateProfile } from './fixtures';

const rows: DatasetRow[] = Array.from({ length: 5 }, (_, i) => ({ item: i * 3, text: `row ${i}`, label: i % 2 }));
/** Per row, the observation of agents 1..6; y = (1,0,0,1,...) herds at agent 4 (spec §4.3). */
const patterns = [
  [1, 0, 0, 1, 1, 0],
  [1, 1, 1, 1, 1, 1],
  [0, 0, 1, 0, 1, 1],
  [1, 0, 1, 0, 1, 0],
  [0, 1, 0, 1, 0, 1],
];

type Answer = { kind: 'json'; y: number } | { kind: 'garbled' } | { kind: 'refused-400' };
/** What the model answers to a request body (live or batch line): from the row's text and the agent (seed). */
function answerOf(body: { messages: Array<{ content: string }>; seed?: number; random_seed?: number }): Answer {
  const row = Number(/Text: row (\d+)/.exec(body.messages.at(-1)!.content)![1]);
  const agent = Number(body.seed ?? body.random_seed);
  if (row === 2 && agent === 3) return { kind: 'garbled' };
  if (row === 3 && agent === 5) return { kind: 'refused-400' };
  return { kind: 'json', y: patterns[row][agent - 1] };
}
const usage = { prompt: 40, completion: 9 };
const jsonOf = (y: number) => JSON.stringify({ is_toxic: y === 1, is_polite: y === 0 });
const liveReply = (a: Answer): FakeReply =>
  a.kind === 'json'
    ? reply.content(jsonOf(a.y), { usage })
    : a.kind === 'garbled'
      ? reply.content('I think it is fine.', { usage })
      : reply.error(400, 'content policy');
const batchLine = (a: Answer): BatchLineReply =>
  a.kind === 'json'
    ? batchReply.content(jsonOf(a.y), usage)
    : a.kind === 'garbled'
      ? batchReply.content('I think it is fine.', usage)
      : batchReply.lineError(400, 'content policy');

/** Everything a step decides, without what differs by transport (run id, latency, cost) and the wording of an HTTP error. */
function decided(step: StepRecord): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...step, errorKind: step.error?.kind ?? null };
  for (const field of ['runId', 'latencyMs', 'costUsd', 'error']) delete rest[field];
  return rest;
}

const KEY = 'sk-batch-equality-SECRET-42';

for (const kind of ['openai', 'mistral'] as const) {
  describe(`audit through the ${kind} batch API`, function () {
    this.timeout(60_000); // a live run and a batch run of 30 calls each, on a shared machine
    it('gives the same steps, beliefs, herding, summary and cassette as live calls for the same answers', async () => {
      const { profile, model } = twoStateProfile({
        agents: {
          count: 6,
          provider: kind,
          model: 'test-model',
          temperature: 0.7,
          maxTokens: 64,
          promptTemplate: 'Rate this text.\n{{format}}\nText: {{text}}',
        },
      });
      const live = await startFakeLlmServer();
      live.setResponder((req) => liveReply(answerOf(req.body)));
      const batch = await startFakeBatchServer({ answer: (line) => batchLine(answerOf(line.body)), shuffle: true, linesPerPoll: 7 });
      const dir = mkdtempSync(path.join(tmpdir(), 'herdscope-batch-equal-'));
      const store = new RunStore(dir);
      const newRun = async () =>
        (
          await store.create({
            header: {
              kind: 'dataset',
              title: 'rows',
              profileName: profile.name,
              mode: 'sensor',
              states: profile.states,
              actions: profile.actions,
              attributes: [],
              agents: 6,
              items: rows.length,
              simulated: false,
              providerSummary: kind,
            },
            profile,
            profileSource: 'test',
            provider: {
              providers: [kind],
              models: ['m'],
              endpoints: {},
              cassette: null,
              record: false,
              seed: 1,
              reproducible: true,
              cache: false,
            },
          })
        ).header.runId;
      try {
        const liveRun = await newRun();
        const liveCassette = path.join(dir, 'live.cassette.jsonl');
        const provider = createProvider({
          kind,
          model: 'test-model',
          baseURL: kind === 'openai' ? live.baseUrlOpenAI : live.serverUrlMistral,
          apiKey: KEY,
          maxRetries: 0,
          record: true,
          cassette: liveCassette,
        });
        const liveResult = await runBatch({
          store,
          runId: liveRun,
          rows,
          profile,
          model,
          agents: 6,
          source: new LlmSensor(profile, () => provider, { seed: 1 }),
        });

        const batchRun = await newRun();
        const batchCassette = path.join(dir, 'batch.cassette.jsonl');
        const lines: string[] = [];
        const built = buildSource(
          {
            kind: 'batch-api',
            provider: { kind, baseURL: kind === 'openai' ? batch.baseUrlOpenAI : batch.serverUrlMistral, apiKey: KEY, maxRetries: 0 },
            seed: 1,
            record: batchCassette,
            pollSeconds: 0.01,
            onBatchProgress: (p) => lines.push(`${p.batches[0].completed + p.batches[0].failed}/${p.batches[0].total}`),
          },
          { profile, model, source: 'test', counts: null } satisfies LoadedProfile,
          6,
        );
        assert.equal(built.snapshot.batchApi, kind);
        const batchResult = await runBatch({ store, runId: batchRun, rows, profile, model, agents: 6, source: built.source });
        assert.deepEqual(lines, ['7/30', '14/30', '21/30', '28/30', '30/30']);
        assert.equal(batch.batches.length, 1, 'one batch, nothing to resubmit (the 400 is final, as live)');
        assert.equal(live.requests.length, 30);

        const liveRunData = await store.load(liveRun);
        const batchRunData = await store.load(batchRun);
        const order = (a: StepRecord, b: StepRecord) => a.item - b.item || a.index - b.index;
        const liveSteps = [...liveRunData.steps].sort(order);
        const batchSteps = [...batchRunData.steps].sort(order);
        assert.equal(liveSteps.length, 30);
        assert.deepEqual(batchSteps.map(decided), liveSteps.map(decided));
        assert.deepEqual(batchSteps.find((s) => s.item === 6 && s.index === 3)!.error!.kind, 'parse');
        assert.deepEqual(batchSteps.find((s) => s.item === 9 && s.index === 5)!.error!.kind, 'http');
        // Row 0 (y = 1,0,0,1,1,0) herds at agent 4, as the core recursion says.
        assert.equal(batchRunData.items.find((i) => i.item === 0)!.herdingStep, learn(model, patterns[0]).herdingStep);
        assert.equal(learn(model, patterns[0]).herdingStep, 4);
        assert.deepEqual(
          [...batchRunData.items].sort((a, b) => a.item - b.item),
          [...liveRunData.items].sort((a, b) => a.item - b.item),
        );
        assert.deepEqual(batchResult.summary, liveResult.summary);
        assert.deepEqual(batchResult.rp?.verdict, liveResult.rp?.verdict);
        assert.equal(batchRunData.meta.status, 'completed');

        const entries = (file: string) =>
          readFileSync(file, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l))
            .map(({ recordedAt: _t, ...e }) => e)
            .sort((a, b) => a.key.localeCompare(b.key) || a.response.text.localeCompare(b.response.text));
        assert.deepEqual(entries(batchCassette), entries(liveCassette));
        assert.equal(entries(batchCassette).length, 29);
        const batchCost = batchSteps.find((s) => s.costUsd !== null);
        assert.equal(batchCost, undefined, 'test-model has no list price, as live');
        for (const file of [
          batchCassette,
          path.join(dir, batchRun, 'batch-api', 'state.json'),
          path.join(dir, batchRun, 'batch-api', 'answers.jsonl'),
          path.join(dir, batchRun, 'steps.jsonl'),
        ]) {
          assert.ok(!readFileSync(file, 'utf8').includes(KEY), file);
        }
      } finally {
        await live.close();
        await batch.close();
      }
    });
  });
}

describe('audit through a batch API: interacting mode', () => {
  it('refuses with one line saying why', async () => {
    const { profile, model } = twoStateProfile({ mode: 'interacting' });
    assert.throws(
      () =>
        buildSource(
          { kind: 'batch-api', provider: { kind: 'openai', baseURL: 'http://127.0.0.1:9/v1' } },
          { profile, model, source: 'test', counts: null },
          3,
        ),
      (error: unknown) =>
        error instanceof InputError &&
        /interacting mode cannot use a batch API: each agent needs its predecessors' actions/.test(error.message) &&
        !error.message.includes('\n'),
    );
  });
});
