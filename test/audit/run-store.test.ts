import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RunStore, type NewRun } from '../../src/audit/run-store';
import type { StepRecord } from '../../src/shared/step-record';
import { twoStateProfile } from './fixtures';

function newRun(): NewRun {
  const { profile } = twoStateProfile();
  return {
    header: {
      kind: 'dataset',
      title: 't',
      profileName: profile.name,
      mode: 'sensor',
      states: profile.states,
      actions: profile.actions,
      attributes: ['is_toxic', 'is_polite'],
      agents: 2,
      items: 3,
      simulated: false,
      providerSummary: 'openai m',
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
  };
}

function step(item: number, index: number, extra: Partial<StepRecord> = {}): StepRecord {
  return {
    runId: 'x',
    item,
    index,
    provider: 'openai',
    model: 'm',
    promptHash: 'h',
    rawResponse: '{}',
    observation: { attributes: { is_toxic: true }, index: 1 },
    privateBelief: [0.3, 0.7],
    action: 1,
    bayesAction: 1,
    publicBeliefBefore: [0.5, 0.5],
    publicBeliefAfter: [0.3, 0.7],
    cascade: false,
    herding: false,
    tokens: { prompt: 10, completion: 5 },
    latencyMs: 3,
    costUsd: 0.001,
    ...extra,
  };
}

const itemSummary = (item: number, herdingStep: number | null) => ({
  item,
  text: `text ${item}`,
  label: 1,
  herdingStep,
  herdAction: herdingStep ? 1 : null,
  finalPublicBelief: [0.3, 0.7],
  errors: 0,
});

describe('run store', () => {
  let store: RunStore;
  beforeEach(() => (store = new RunStore(mkdtempSync(path.join(tmpdir(), 'herdscope-runs-')))));

  it('appends steps and items, keeps totals and status, and lists runs with their herding summary', async () => {
    const meta = await store.create(newRun());
    const id = meta.header.runId;
    await store.appendStep(id, step(0, 1));
    await store.appendStep(id, step(0, 2, { error: { kind: 'parse', message: 'no JSON' }, action: null }));
    await store.appendItem(id, itemSummary(0, 2));
    await store.setStatus(id, 'completed');
    const run = await store.load(id);
    assert.equal(run.steps.length, 2);
    assert.equal(run.items[0].herdingStep, 2);
    assert.equal(run.meta.status, 'completed');
    assert.ok(run.meta.finishedAt);
    assert.deepEqual(
      {
        steps: run.meta.totals.steps,
        errors: run.meta.totals.errors,
        itemsDone: run.meta.totals.itemsDone,
        prompt: run.meta.totals.promptTokens,
      },
      { steps: 2, errors: 1, itemsDone: 1, prompt: 20 },
    );
    const [listing] = await store.list();
    assert.equal(listing.header.runId, id);
    assert.equal(listing.herdingRate, 1);
    // A second store instance (another process) reads the same files.
    assert.equal((await new RunStore(store.dir).load(id)).steps.length, 2);
  });

  it('loads a run whose last line was torn by a crash, and resume drops the unfinished item', async () => {
    const id = (await store.create(newRun())).header.runId;
    await store.appendStep(id, step(0, 1));
    await store.appendStep(id, step(0, 2));
    await store.appendItem(id, itemSummary(0, null));
    await store.appendStep(id, step(1, 1));
    appendFileSync(path.join(store.runDir(id), 'steps.jsonl'), '{"runId":"x","item":1,"index":2,"provi');
    const crashed = await new RunStore(store.dir).load(id);
    assert.equal(crashed.steps.length, 3);
    assert.equal(crashed.skippedLines, 1);
    const fresh = new RunStore(store.dir);
    const { completed, meta } = await fresh.prepareResume(id);
    assert.deepEqual([...completed], [0]);
    assert.equal(meta.status, 'running');
    assert.equal(meta.totals.steps, 2);
    const lines = readFileSync(path.join(store.runDir(id), 'steps.jsonl'), 'utf8')
      .trim()
      .split('\n');
    assert.deepEqual(
      lines.map((l) => JSON.parse(l).item),
      [0, 0],
    );
    await fresh.appendStep(id, step(1, 1));
    await fresh.appendStep(id, step(1, 2));
    await fresh.appendItem(id, itemSummary(1, 1));
    const resumed = await fresh.load(id);
    assert.deepEqual(
      resumed.steps.map((s) => `${s.item}:${s.index}`),
      ['0:1', '0:2', '1:1', '1:2'],
    );
    assert.equal(resumed.skippedLines, 0);
  });

  it('resume rewrites the steps chain by chain: interleaved items grouped, a repeated step once (the last record), partial items dropped', async () => {
    const id = (await store.create(newRun())).header.runId;
    for (const s of [step(0, 1), step(1, 1), step(0, 2)]) await store.appendStep(id, s);
    await store.appendItem(id, itemSummary(0, null));
    for (const s of [step(1, 1, { costUsd: 2 }), step(1, 2), step(2, 1)]) await store.appendStep(id, s);
    await store.appendItem(id, itemSummary(1, 1));
    const fresh = new RunStore(store.dir);
    const { completed, meta } = await fresh.prepareResume(id);
    assert.deepEqual([...completed], [0, 1]);
    assert.equal(meta.totals.steps, 4);
    assert.equal(meta.totals.itemsHerded, 1);
    const lines = readFileSync(path.join(store.runDir(id), 'steps.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StepRecord);
    assert.deepEqual(
      lines.map((s) => `${s.item}:${s.index}`),
      ['0:1', '0:2', '1:1', '1:2'],
    );
    assert.equal(lines[2].costUsd, 2, 'the last record of the repeated step');
    assert.equal(
      meta.totals.costUsd,
      lines.reduce((sum, s) => sum + (s.costUsd ?? 0), 0),
    );
  });

  it('never stores an API key, rejects run ids that are paths, and deletes runs', async () => {
    const id = (await store.create(newRun())).header.runId;
    assert.doesNotMatch(readFileSync(path.join(store.runDir(id), 'run.json'), 'utf8'), /apiKey/);
    await assert.rejects(store.load('../etc'), /not a run id/);
    await store.delete(id);
    assert.deepEqual(await store.list(), []);
    await assert.rejects(store.load(id), /no run/);
  });

  it('a run.json that is not JSON, or not a run, is bad input naming the run, and list() skips it', async () => {
    for (const [name, content] of [
      ['torn', '{"header":'],
      ['array', '[1]'],
      ['headless', '{"header":{}}'],
    ]) {
      mkdirSync(path.join(store.dir, name));
      writeFileSync(path.join(store.dir, name, 'run.json'), content);
    }
    await assert.rejects(store.load('torn'), /^InputError: run: .*torn.run\.json is not valid JSON/);
    await assert.rejects(store.load('array'), /^InputError: run: .*array.run\.json is not a HerdScope run/);
    await assert.rejects(store.readMeta('headless'), /headless.run\.json is not a HerdScope run/);
    assert.deepEqual(await store.list(), []);
  });
});
