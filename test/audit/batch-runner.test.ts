import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBatch } from '../../src/audit/batch-runner';
import type { DatasetRow } from '../../src/audit/dataset';
import { LlmSensor } from '../../src/audit/llm-sensor';
import { RunStore } from '../../src/audit/run-store';
import { learn } from '../../src/core/social-learning';
import { reply, startFakeLlmServer, type FakeLlmServer, type RecordedRequest } from '../support/fake-llm-server';
import { agentOf, answerFor, openAiProvider, twoStateProfile } from './fixtures';

const rows: DatasetRow[] = Array.from({ length: 6 }, (_, i) => ({
  item: i * 2,
  text: `row ${i} ${i % 2 === 0 ? 'kind words' : 'toxic words'}`,
  label: i % 2,
}));
/** Observation of an agent: toxic rows mostly look toxic, clean rows mostly clean; agent 2 of clean rows errs. */
const observationOf = (req: RecordedRequest): number => {
  const text = req.body.messages.at(-1).content as string;
  const toxic = text.includes('toxic words');
  return agentOf(req) === 2 ? (toxic ? 1 : 1) : toxic ? 1 : 0;
};

describe('batch runner', () => {
  let server: FakeLlmServer;
  let store: RunStore;
  beforeEach(async () => {
    server = await startFakeLlmServer();
    store = new RunStore(mkdtempSync(path.join(tmpdir(), 'herdscope-batch-')));
  });
  afterEach(() => server.close());

  async function newRun() {
    const { profile, model } = twoStateProfile();
    const meta = await store.create({
      header: {
        kind: 'dataset',
        title: 'rows',
        profileName: profile.name,
        mode: 'sensor',
        states: profile.states,
        actions: profile.actions,
        attributes: [],
        agents: 4,
        items: rows.length,
        simulated: false,
        providerSummary: 'fake',
      },
      profile,
      profileSource: 'test',
      provider: {
        providers: ['openai'],
        models: ['m'],
        endpoints: {},
        cassette: null,
        record: false,
        seed: 1,
        reproducible: true,
        cache: false,
      },
    });
    return { profile, model, runId: meta.header.runId };
  }

  it('runs every row, summarises herding and accuracy against labels, and attaches revealed-preference verdicts', async () => {
    server.setResponder((req) => answerFor(observationOf(req)));
    const { profile, model, runId } = await newRun();
    const provider = openAiProvider(server);
    const progress: number[] = [];
    const result = await runBatch({
      store,
      runId,
      rows,
      profile,
      model,
      agents: 4,
      concurrency: 3,
      source: new LlmSensor(profile, () => provider),
      onProgress: (p) => progress.push(p.done),
    });
    assert.equal(result.cancelled, false);
    assert.deepEqual(progress, [0, 1, 2, 3, 4, 5, 6]);
    const run = await store.load(runId);
    assert.equal(run.meta.status, 'completed');
    assert.equal(run.items.length, 6);
    assert.equal(run.steps.length, 24);
    for (const item of run.items) {
      const ys = run.steps.filter((s) => s.item === item.item).map((s) => s.observation!.index);
      assert.equal(item.herdingStep, learn(model, ys).herdingStep);
    }
    // Toxic rows: y = 1,1,1,1, the chain ends on flag. Clean rows: y = 0,1,0,0 (agent 2 errs); agent 1 passes and
    // π moves to [0.7·0.55, 0.3·0.45]/0.52 = [0.740385, 0.259615], inside ℋ (π(0) > 0.7): everyone after herds on pass.
    // So every row ends on its label.
    assert.equal(result.summary.accuracy, 1);
    assert.equal(result.summary.labelled, 6);
    assert.equal(result.summary.actionCounts.length, 4);
    assert.equal(
      result.summary.actionCounts[0].reduce((a, b) => a + b, 0),
      6,
    );
    assert.ok(result.rp);
    assert.equal(result.rp.perAgent!.length, 4);
    assert.equal(result.rp.perAgent![0].verdict.passes, true, 'agent 1 separates the states perfectly');
    assert.match(result.rp.verdict.basis, /4 agents as environments over 6 labelled rows/);
    assert.deepEqual(run.meta.rp?.verdict, result.rp.verdict);
  });

  it('a cancel keeps finished rows; resume redoes the partial row and finishes without duplicates', async () => {
    const controller = new AbortController();
    let served = 0;
    server.setResponder((req) => {
      served++;
      if (served === 10) controller.abort();
      return served >= 10 ? reply.hang() : answerFor(observationOf(req));
    });
    const { profile, model, runId } = await newRun();
    const provider = openAiProvider(server);
    const first = await runBatch({
      store,
      runId,
      rows,
      profile,
      model,
      agents: 4,
      concurrency: 1,
      agentConcurrency: 1,
      source: new LlmSensor(profile, () => provider),
      signal: controller.signal,
    });
    assert.equal(first.cancelled, true);
    const stopped = await store.load(runId);
    assert.equal(stopped.meta.status, 'cancelled');
    assert.deepEqual(
      stopped.items.map((i) => i.item),
      [0, 2],
    );
    assert.ok(
      stopped.steps.some((s) => s.item === 4),
      'the partial row left steps behind',
    );

    server.setResponder((req) => answerFor(observationOf(req)));
    const resumedStore = new RunStore(store.dir);
    const { completed } = await resumedStore.prepareResume(runId);
    const before = server.requests.length;
    const second = await runBatch({
      store: resumedStore,
      runId,
      rows,
      profile,
      model,
      agents: 4,
      completed,
      source: new LlmSensor(profile, () => provider),
    });
    assert.equal(second.cancelled, false);
    assert.equal(server.requests.length - before, 4 * 4, 'only the 4 unfinished rows are sent');
    const done = await resumedStore.load(runId);
    assert.equal(done.meta.status, 'completed');
    assert.deepEqual(
      done.items.map((i) => i.item),
      [0, 2, 4, 6, 8, 10],
    );
    assert.equal(done.steps.length, 24);
    assert.equal(new Set(done.steps.map((s) => `${s.item}:${s.index}`)).size, 24);
    assert.equal(second.summary.items, 6);
  });
});
