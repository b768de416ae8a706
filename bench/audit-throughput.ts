// Dataset audit throughput: 1,000 rows × 1 agent at concurrency 16 against a loopback OpenAI-compatible server with a
// fixed 50 ms latency, vs a minimal client making the same 1,000 calls with 16 in flight; and the engine + store time
// per agent step (the same audit with an instant simulated sensor) as a fraction of one 50 ms call.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDatasetRun } from '../src/audit/engine/dataset-run';
import { loadProfile } from '../src/audit/profile-loader';
import { RunStore } from '../src/audit/run-store';
import { reply, startFakeLlmServer } from '../test/support/fake-llm-server';

const ROWS = 1000;
const CONCURRENCY = 16;
const LATENCY_MS = 50;

export async function auditThroughput(): Promise<void> {
  const server = await startFakeLlmServer();
  const answer = JSON.stringify({ is_hateful: false, targets_group: false, dehumanizing: false, calls_for_harm: false, intensity: 0 });
  server.setResponder(() => reply.content(answer, { delayMs: LATENCY_MS, usage: { prompt: 50, completion: 12 } }));
  const dir = mkdtempSync(join(tmpdir(), 'herdscope-bench-audit-'));
  const file = join(dir, 'rows.csv');
  writeFileSync(file, `text,label\n${Array.from({ length: ROWS }, (_, i) => `comment number ${i},${i % 2}`).join('\n')}\n`);
  const loaded = await loadProfile('hate-speech-binary');
  try {
    const minimal = await minimalClient(server.baseUrlOpenAI);
    const engine = await timed(async () => {
      const store = new RunStore(join(dir, 'live'));
      const run = await startDatasetRun({
        store,
        file,
        agents: 1,
        loaded,
        concurrency: CONCURRENCY,
        source: {
          kind: 'llm',
          provider: 'openai',
          model: 'bench',
          endpoints: { openai: { baseURL: server.baseUrlOpenAI, apiKey: 'bench' } },
        },
      });
      await run.done;
    });
    const overhead = await timed(async () => {
      const store = new RunStore(join(dir, 'simulated'));
      const run = await startDatasetRun({
        store,
        file,
        agents: 1,
        loaded,
        concurrency: CONCURRENCY,
        source: { kind: 'simulated', trueState: 0, seed: 1 },
      });
      await run.done;
    });
    const perStep = overhead / ROWS;
    console.log(
      `\ndataset audit throughput: ${ROWS} rows × 1 agent, concurrency ${CONCURRENCY}, loopback server with ${LATENCY_MS} ms latency (network limit ${((ROWS * LATENCY_MS) / CONCURRENCY / 1000).toFixed(2)} s)`,
    );
    console.log(`  minimal client (fetch, ${CONCURRENCY} in flight)   ${(minimal / 1000).toFixed(2)} s`);
    console.log(
      `  herdscope audit engine (openai SDK)      ${(engine / 1000).toFixed(2)} s  → ${(engine / minimal).toFixed(2)}× the minimal client (target ≤ 1.25)`,
    );
    console.log(
      `  engine + store per agent step            ${perStep.toFixed(3)} ms = ${((100 * perStep) / LATENCY_MS).toFixed(2)}% of a ${LATENCY_MS} ms call (target < 1%; same audit, instant simulated sensor)`,
    );
  } finally {
    await server.close();
  }
}

async function minimalClient(baseUrl: string): Promise<number> {
  const body = JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'x' }] });
  return timed(async () => {
    let next = 0;
    const worker = async () => {
      while (next < ROWS) {
        next++;
        const res = await fetch(`${baseUrl}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
          body,
        });
        await res.json();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  });
}

async function timed(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}
