import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resumeDatasetRun, startDatasetRun } from '../../src/audit/engine/dataset-run';
import { startTextRun } from '../../src/audit/engine/text-run';
import { resolveProfile } from '../../src/audit/profile-loader';
import { agentsVerdict } from '../../src/audit/rp-audit';
import { optimalActions } from '../../src/audit/run-counts';
import { RunStore } from '../../src/audit/run-store';
import { summarizeRun } from '../../src/audit/run-summary';
import type { LlmSourceSpec } from '../../src/audit/source-spec';
import { tempFile } from '../support/cli';
import { reply, startFakeLlmServer, type FakeLlmServer, type RecordedRequest } from '../support/fake-llm-server';
import { agentOf, answerFor, twoStateProfileJson } from './fixtures';

const loadTwoState = (agents: number) =>
  resolveProfile(
    twoStateProfileJson({
      agents: {
        count: agents,
        provider: 'mistral',
        model: 'profile-model',
        temperature: 0.7,
        maxTokens: 64,
        promptTemplate: '{{format}}\nText: {{text}}',
      },
    }),
    'test',
    tmpdir(),
  );
/** Deterministic per (text, agent): rows mentioning "toxic" mostly look toxic; agent 3 always says clean. */
const observation = (req: RecordedRequest) => (agentOf(req) === 3 ? 0 : /toxic/.test(req.body.messages.at(-1).content) ? 1 : 0);
const rowsFile = (n: number) =>
  tempFile(
    'rows.csv',
    `text,label\n${Array.from({ length: n }, (_, i) => `row ${i} ${i % 3 === 0 ? 'toxic' : 'kind'},${i % 3 === 0 ? 1 : 0}`).join('\n')}\n`,
  );

describe('run engine', () => {
  let server: FakeLlmServer;
  let store: RunStore;
  beforeEach(async () => {
    server = await startFakeLlmServer();
    store = new RunStore(mkdtempSync(path.join(tmpdir(), 'herdscope-engine-')));
  });
  afterEach(async () => {
    store.close();
    await server.close();
  });

  const openai = (extra: Partial<LlmSourceSpec> = {}): LlmSourceSpec => ({
    kind: 'llm',
    provider: 'openai',
    model: 'm-used',
    endpoints: { openai: { baseURL: server.baseUrlOpenAI } },
    ...extra,
  });

  it("names the provider and model actually used in the header and the typed snapshot, not the profile's", async () => {
    server.setResponder((req) => answerFor(observation(req)));
    const loaded = await loadTwoState(3);
    const started = await startTextRun({ store, kind: 'selection', title: 't', text: 'some toxic text', loaded, source: openai() });
    const outcome = await started.done;
    assert.equal(outcome.status, 'completed');
    const meta = await store.readMeta(started.runId as string);
    assert.equal(meta.header.providerSummary, 'openai m-used');
    assert.deepEqual(
      { providers: meta.provider.providers, models: meta.provider.models, endpoint: meta.provider.endpoints.openai },
      { providers: ['openai'], models: ['m-used'], endpoint: server.baseUrlOpenAI },
    );
    assert.ok(outcome.steps.every((s) => s.provider === 'openai' && s.model === 'm-used'));
    const stored = JSON.parse(readFileSync(path.join(store.runDir(meta.header.runId), 'run.json'), 'utf8'));
    assert.doesNotMatch(
      JSON.stringify({ header: stored.header, provider: stored.provider }),
      /mistral|profile-model/,
      'only the profile snapshot names what the profile asked for',
    );
  });

  it('a chain that throws is recorded failed (not left running), and the lock is released', async () => {
    const loaded = await loadTwoState(2);
    const throwing = {
      source: { description: 'broken', simulated: false, observe: () => Promise.reject(new Error('sensor exploded')) },
      snapshot: {
        providers: ['x'],
        models: ['x'],
        endpoints: {},
        cassette: null,
        record: false,
        seed: 1,
        reproducible: true,
        cache: false,
      },
      description: 'broken',
    };
    const started = await startTextRun({ store, kind: 'selection', title: 't', text: 'x', loaded, source: throwing });
    await assert.rejects(started.done, /sensor exploded/);
    const [listing] = await new RunStore(store.dir).list();
    assert.equal(listing.status, 'failed');
  });

  it('persists the running counts; summary and RP from the counts equal those computed from every step; resume recounts by streaming', async () => {
    server.setResponder((req) => answerFor(observation(req)));
    const loaded = await loadTwoState(4);
    const file = rowsFile(12);
    const started = await startDatasetRun({ store, file, labelColumn: 'label', loaded, source: openai(), concurrency: 5 });
    const result = await started.done;
    const run = await store.load(started.runId);
    assert.equal(run.meta.status, 'completed');
    assert.equal(run.items.length, 12);
    assert.ok(run.items.every((i) => typeof i.rowHash === 'string'));
    const labels = new Map(run.items.map((i) => [i.item, i.label as number]));
    assert.deepEqual(result.summary, summarizeRun(run.items, run.steps, 2, 2, 4));
    assert.deepEqual(result.rp, await agentsVerdict(run.steps, labels, 2, 2));
    assert.deepEqual(run.meta.counts, result.counts);
    assert.equal(run.meta.counts?.items, 12);
    const recount = await new RunStore(store.dir).recount(
      started.runId,
      { states: 2, actions: 2, observations: 2, agents: 4 },
      optimalActions(loaded.model),
    );
    assert.deepEqual(recount, result.counts);
  });

  it('--concurrency N puts N calls in flight at the endpoint when the source spec does not set its own limit', async () => {
    let inFlight = 0;
    let most = 0;
    server.setResponder(async (req) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 40));
      inFlight--;
      return answerFor(observation(req));
    });
    const loaded = await loadTwoState(1);
    const spec = openai();
    assert.equal(spec.concurrency, undefined);
    await (
      await startDatasetRun({ store, file: rowsFile(40), labelColumn: 'label', loaded, source: spec, concurrency: 12 })
    ).done;
    assert.equal(most, 12, 'the provider’s own default limit (4) no longer caps the run');
  });

  it('cancel then resume runs exactly the missing rows; a dataset edited in between is refused', async () => {
    const loaded = await loadTwoState(2);
    const file = rowsFile(10);
    const controller = new AbortController();
    let served = 0;
    server.setResponder((req) => {
      if (++served === 9) controller.abort();
      return served >= 9 ? reply.hang() : answerFor(observation(req));
    });
    const first = await startDatasetRun({
      store,
      file,
      labelColumn: 'label',
      loaded,
      source: openai(),
      concurrency: 1,
      signal: controller.signal,
    });
    const stopped = await first.done;
    assert.equal(stopped.cancelled, true);
    assert.equal(stopped.counts.items, 4);
    server.setResponder((req) => answerFor(observation(req)));
    const fresh = new RunStore(store.dir);
    const meta = await fresh.readMeta(first.runId);
    assert.equal(meta.status, 'cancelled');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('row 1 kind', 'row 1 edited'));
    await assert.rejects(
      resumeDatasetRun({ store: fresh, meta, loaded, source: openai() }),
      /rows\.csv changed since the run started \(row 2 changed: text differs\)/,
    );
    writeFileSync(file, original);
    const before = server.requests.length;
    const resumed = await resumeDatasetRun({ store: fresh, meta, loaded, source: openai(), concurrency: 3 });
    assert.equal(resumed.resumed, 4);
    const done = await resumed.done;
    assert.equal(server.requests.length - before, 6 * 2, 'only the 6 unfinished rows are sent');
    assert.equal(done.summary.items, 10);
    const run = await fresh.load(first.runId);
    assert.deepEqual(
      run.items.map((i) => i.item),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.equal(new Set(run.steps.map((s) => `${s.item}:${s.index}`)).size, 20);
    fresh.close();
  });

  it('with a 429 (Retry-After: 0) on every third request, 80 rows × 10 agents end identical to a fault-free run', async function () {
    this.timeout(180_000);
    const loaded = await loadTwoState(10);
    const file = rowsFile(80);
    server.setResponder((req) => reply.content(JSON.stringify({ is_toxic: observation(req) === 1, is_polite: false }), { delayMs: 30 }));
    const clean = await (await startDatasetRun({ store, file, labelColumn: 'label', loaded, source: openai(), concurrency: 16 })).done;
    const faulty = await startFakeLlmServer();
    try {
      faulty.setResponder((req, index) =>
        index % 3 === 2
          ? { ...reply.rateLimited(0), delayMs: 30 }
          : reply.content(JSON.stringify({ is_toxic: observation(req) === 1, is_polite: false }), { delayMs: 30 }),
      );
      const spec: LlmSourceSpec = {
        kind: 'llm',
        provider: 'openai',
        model: 'm-used',
        endpoints: { openai: { baseURL: faulty.baseUrlOpenAI } },
      };
      const started = await startDatasetRun({ store, file, labelColumn: 'label', loaded, source: spec, concurrency: 16 });
      const stormy = await started.done;
      assert.ok(faulty.requests.length > 800 * 1.4, `the server refused about a third of ${faulty.requests.length} requests`);
      assert.equal(stormy.counts.errorSteps, 0);
      assert.deepEqual(stormy.summary, clean.summary);
      const { promptTokens, completionTokens, costUsd, ...rest } = stormy.counts;
      const { promptTokens: p0, completionTokens: c0, costUsd: u0, ...restClean } = clean.counts;
      assert.deepEqual(rest, restClean);
      assert.deepEqual([promptTokens, completionTokens, costUsd], [p0, c0, u0]);
    } finally {
      await faulty.close();
    }
  });
});

describe('run liveness', () => {
  it('a run left running by a process that is gone lists as interrupted; a live one as running', async () => {
    const store = new RunStore(mkdtempSync(path.join(tmpdir(), 'herdscope-live-')));
    const loaded = await loadTwoState(2);
    const hold = await startTextRun({
      store,
      kind: 'selection',
      title: 'live',
      text: 'x',
      loaded,
      source: { kind: 'simulated', trueState: 0, seed: 1 },
    });
    await hold.done;
    const meta = await store.create({
      header: {
        kind: 'dataset',
        title: 'held',
        profileName: 'p',
        mode: 'sensor',
        states: ['a', 'b'],
        actions: ['a', 'b'],
        attributes: [],
        agents: 1,
        items: 1,
        simulated: true,
        providerSummary: 'x',
      },
      profile: loaded.profile,
      profileSource: 'test',
      provider: { providers: [], models: [], endpoints: {}, cassette: null, record: false, seed: 1, reproducible: true, cache: false },
    });
    const other = new RunStore(store.dir);
    assert.equal((await other.readMeta(meta.header.runId)).status, 'running', 'this process holds it');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const lockFile = path.join(store.runDir(meta.header.runId), 'run.lock');
    const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
    store.close(); // stop the heartbeat, as a killed process would
    writeFileSync(lockFile, JSON.stringify({ ...lock, pid: Number(dead.stdout) }));
    const listing = (await other.list()).find((l) => l.header.runId === meta.header.runId);
    assert.equal(listing?.status, 'interrupted');
    writeFileSync(lockFile, JSON.stringify({ ...lock, host: 'another-host', heartbeatAt: new Date(Date.now() - 60_000).toISOString() }));
    assert.equal((await other.readMeta(meta.header.runId)).status, 'interrupted', 'a stale heartbeat from another host');
    writeFileSync(lockFile, JSON.stringify({ ...lock, host: 'another-host', heartbeatAt: new Date().toISOString() }));
    assert.equal((await other.readMeta(meta.header.runId)).status, 'running', 'a fresh heartbeat from another host');
    const finished = (await other.list()).find((l) => l.header.title === 'live');
    assert.equal(finished?.status, 'completed');
  });
});
